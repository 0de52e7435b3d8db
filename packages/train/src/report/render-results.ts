/**
 * `renderResults`: the Markdown of `signllm-train report`, in the layout of the paper's tables
 * (digest §7.2–7.4): per language, then all languages together, one row per run with DEV and TEST
 * (or the splits asked for) columns BLEU-4, BLEU-3, BLEU-2, BLEU-1, ROUGE, plus DTW; then the ablation table (rows Base, FP,
 * GN, RL loss, RL loss + PLC, and any other variant present) on the all-language numbers. Missing
 * numbers are "—". The output depends only on the runs' numbers and names (sorted), so it is
 * deterministic.
 */
import { getLanguage } from '@signllm/core';
import { ABLATION_ROWS } from './ablation-label.ts';
import { REPORT_SPLITS, type ResultCell, type RunResults } from './read-run-results.ts';

const METRICS = [
  ['bleu4', 'BLEU-4'],
  ['bleu3', 'BLEU-3'],
  ['bleu2', 'BLEU-2'],
  ['bleu1', 'BLEU-1'],
  ['rougeL', 'ROUGE'],
  ['dtw', 'DTW'],
] as const;

const MISSING = '—';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function header(first: string, splits: readonly string[]): string[] {
  const columns = splits.flatMap((split) => METRICS.map(([, name]) => `${split.toUpperCase()} ${name}`));
  return [`| ${[first, ...columns].join(' | ')} |`, `| --- |${' ---: |'.repeat(columns.length)}`];
}

function row(
  label: string,
  run: RunResults | undefined,
  language: string | undefined,
  splits: readonly string[],
): string {
  const cells = splits.flatMap((split) => {
    const results = run?.splits[split];
    const cell: ResultCell | undefined =
      language === undefined ? results?.overall : results?.byLanguage[language];
    return METRICS.map(([key]) => {
      const value = cell?.[key];
      return value === undefined || !Number.isFinite(value) ? MISSING : value.toFixed(2);
    });
  });
  return `| ${[label.replace(/\|/g, '\\|'), ...cells].join(' | ')} |`;
}

function languageTitle(code: string): string {
  try {
    return `${code} (${getLanguage(code).name})`;
  } catch {
    return code;
  }
}

/** Row labels: run names, or the folders as given when two runs share a name. */
function names(runs: readonly RunResults[]): Map<RunResults, string> {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.name, (counts.get(run.name) ?? 0) + 1);
  return new Map(runs.map((run) => [run, (counts.get(run.name) ?? 0) > 1 ? run.dir : run.name]));
}

function ablationRows(
  runs: readonly RunResults[],
  label: Map<RunResults, string>,
): [string, RunResults | undefined][] {
  const byLabel = new Map<string, RunResults[]>();
  for (const run of runs) {
    if (run.groundTruth || run.label === undefined) continue;
    byLabel.set(run.label, [...(byLabel.get(run.label) ?? []), run]);
  }
  const extra = [...byLabel.keys()].filter((l) => !ABLATION_ROWS.includes(l)).sort(compare);
  return [...ABLATION_ROWS, ...extra].flatMap((variant): [string, RunResults | undefined][] => {
    const found = byLabel.get(variant) ?? [];
    if (found.length === 0) return [[variant, undefined]];
    if (found.length === 1) return [[variant, found[0]]];
    return found.map((run): [string, RunResults] => [`${variant} (${label.get(run)})`, run]);
  });
}

/** Options of `renderResults`. */
export interface RenderResultsOptions {
  /** The splits to give columns, in order (default `REPORT_SPLITS`: dev, test). */
  splits?: readonly string[];
}

/**
 * The Markdown tables of a set of runs.
 *
 * @example
 * ```ts
 * const md = renderResults(await Promise.all(dirs.map((d) => readRunResults(d))));
 * ```
 */
export function renderResults(runs: readonly RunResults[], options: RenderResultsOptions = {}): string {
  const splits = options.splits ?? REPORT_SPLITS;
  const label = names(runs);
  const ordered = [...runs].sort(
    (a, b) =>
      Number(a.groundTruth) - Number(b.groundTruth) ||
      compare(label.get(a)!, label.get(b)!) ||
      compare(a.dir, b.dir),
  );
  const languages = [
    ...new Set(
      runs.flatMap((run) => splits.flatMap((split) => Object.keys(run.splits[split]?.byLanguage ?? {}))),
    ),
  ].sort(compare);
  const rowLabel = (run: RunResults) =>
    run.groundTruth ? `Ground truth (${label.get(run)})` : label.get(run)!;
  const out = [
    '# Back-translation results',
    '',
    'BLEU-1..4 (sacreBLEU, 13a tokenisation) and ROUGE-L (F, β = 1.2), ×100, of the back-translated poses',
    'against the source sentences; DTW as Progressive Transformers computes it, of the free-running',
    'generated poses against the ground truth (lower is better). "Ground truth" rows back-translate the',
    'dataset poses (the ceiling). — = no number.',
  ];
  for (const language of [...languages, undefined]) {
    out.push(
      '',
      `## ${language === undefined ? 'All languages' : languageTitle(language)}`,
      '',
      ...header('Model', splits),
    );
    for (const run of ordered) out.push(row(rowLabel(run), run, language, splits));
  }
  out.push(
    '',
    '## Ablation (all languages)',
    '',
    'Rows from each run\'s config.json: P2LG = Prompt2LangGloss stage 2, RL loss = loss "rl", PLC = rl.plc,',
    'FP = futurePrediction > 0, GN = gaussianNoiseRate > 0, JC = justCounter, joined with " + "; none = Base.',
    '',
    ...header('Approach', splits),
  );
  for (const [variant, run] of ablationRows(ordered, label)) out.push(row(variant, run, undefined, splits));
  return `${out.join('\n')}\n`;
}
