/** Text tables of evaluation results for the terminal (`signllm-train eval` without `--json`). */
import type { PoseEvaluation } from './evaluate-pose-model.ts';
import type { TokenEvaluation } from './evaluate-token-model.ts';

const f = (x: number, digits = 4): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/**
 * A table with one line per language and one for all.
 *
 * @example
 * ```ts
 * console.log(formatEvaluation(await evaluatePoseModel(model, reader)));
 * ```
 */
export function formatEvaluation(result: PoseEvaluation | TokenEvaluation): string {
  if ('exactMatch' in result) {
    const lines = [
      `split ${result.split}: ${result.sequences} sequences`,
      'language  n      exact   token-acc',
    ];
    for (const [lang, m] of Object.entries(result.byLanguage)) {
      lines.push(
        `${lang.padEnd(9)} ${String(m.sequences).padEnd(6)} ${f(m.exactMatch).padEnd(7)} ${f(m.tokenAccuracy)}`,
      );
    }
    lines.push(
      `${'all'.padEnd(9)} ${String(result.sequences).padEnd(6)} ${f(result.exactMatch).padEnd(7)} ${f(result.tokenAccuracy)}`,
    );
    return lines.join('\n');
  }
  const header = 'language  n      DTW(gt)  DTW(free) MJE      counter  len-acc  len-err';
  const row = (name: string, m: PoseEvaluation | PoseEvaluation['byLanguage'][string]) =>
    `${name.padEnd(9)} ${String(m.sequences).padEnd(6)} ${f(m.dtw).padEnd(8)} ${f(m.dtwFreeRunning).padEnd(9)} ${f(m.meanJointError).padEnd(8)} ${f(m.counterError).padEnd(8)} ${f(m.lengthAccuracy, 3).padEnd(8)} ${f(m.lengthError, 1)}`;
  const lines = [
    `split ${result.split}: ${result.sequences} sequences (DTW as Progressive Transformers computes it; gt = ground-truth timing)`,
    header,
  ];
  for (const [lang, m] of Object.entries(result.byLanguage)) lines.push(row(lang, m));
  lines.push(row('all', result));
  return lines.join('\n');
}
