/**
 * `signllm-train report`: Markdown tables in the layout of the paper's result and ablation tables,
 * from the evaluation reports in run folders (see `read-run-results.ts` for where they live).
 */
export { ABLATION_ROWS, ablationLabel } from './ablation-label.ts';
export type { ResultCell, RunResults, SplitResults } from './read-run-results.ts';
export { REPORT_SPLITS, readRunResults } from './read-run-results.ts';
export { renderResults } from './render-results.ts';
