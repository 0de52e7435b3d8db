/** The terminal summary of `signllm-train backtranslate eval` (the JSON report holds the same numbers). */

import type { BacktranslationReport } from './backtranslation-report.ts';
import type { BacktranslationMetrics } from './evaluate-backtranslation.ts';

const f = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2));

/**
 * A table with one line per language and one for all languages, then a few example sentences.
 *
 * @example
 * ```ts
 * console.log(formatBacktranslation(report));
 * ```
 */
export function formatBacktranslation(report: BacktranslationReport): string {
  const what =
    report.poses === 'ground-truth'
      ? 'ground-truth poses (the ceiling)'
      : `poses generated free-running by ${report.poseModel ?? 'the pose model'}`;
  const lines = [
    `split ${report.split}: back-translation of ${what} → ${report.target} (${report.beamSize > 1 ? `beam ${report.beamSize}` : 'greedy'}); BLEU (sacreBLEU, 13a) and ROUGE-L ×100${report.poses === 'generated' ? '; DTW as Progressive Transformers computes it' : ''}`,
    'language  n      BLEU-4  BLEU-3  BLEU-2  BLEU-1  ROUGE   DTW',
  ];
  const row = (name: string, m: BacktranslationMetrics) =>
    `${name.padEnd(9)} ${String(m.count).padEnd(6)} ${[m.bleu4, m.bleu3, m.bleu2, m.bleu1, m.rougeL].map((x) => f(x).padEnd(7)).join(' ')} ${f(m.dtw)}`;
  for (const [language, m] of Object.entries(report.byLanguage)) lines.push(row(language, m));
  lines.push(row('all', report.overall));
  if (report.examples.length > 0) {
    lines.push('examples (reference → back-translation):');
    for (const e of report.examples)
      lines.push(`  [${e.language}] ${e.reference} → ${e.hypothesis || '(empty)'}`);
  }
  return lines.join('\n');
}
