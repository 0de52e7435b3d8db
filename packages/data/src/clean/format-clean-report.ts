/**
 * `CleanReport`: what `cleanSequence` did to one sequence, and `formatCleanReport`, its one-line
 * human summary for logs and the CLI.
 */
import type { FrameIssue, FrameIssueReason } from './find-bad-frames.ts';

/** What `cleanSequence` did. Frame indices are in the input's numbering. */
export interface CleanReport {
  /** The input's skeleton (the output is always `prompt2sign-50`). */
  readonly skeleton: string;
  /** Frames in the input. */
  readonly framesIn: number;
  /** Frames in the output (`framesIn − dropped.length`). */
  readonly framesOut: number;
  /** Frames removed (`lowConfidence: 'drop'`), with the reason. */
  readonly dropped: readonly FrameIssue[];
  /** Frames kept with their detections discarded (`lowConfidence: 'mask'`), with the reason. */
  readonly masked: readonly FrameIssue[];
  /** Points of the kept frames that were to be filled (missing, or confidence below `fillBelow`). */
  readonly pointsToFill: number;
  /** Of those, the points interpolated from their neighbours. */
  readonly pointsFilled: number;
  /** Of those, the points left missing (`pointsToFill = pointsFilled + pointsStillMissing`). */
  readonly pointsStillMissing: number;
  /** Missing points (confidence 0) of the input on `prompt2sign-50`, over `framesIn × 50`. */
  readonly missingBefore: number;
  /** Missing points of the output, over `framesOut × 50`. */
  readonly missingAfter: number;
  /** `missingBefore / (framesIn × 50)`. */
  readonly missingRateBefore: number;
  /** `missingAfter / (framesOut × 50)`. */
  readonly missingRateAfter: number;
}

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

function reasons(issues: readonly FrameIssue[]): string {
  const counts = new Map<FrameIssueReason, number>();
  for (const i of issues) counts.set(i.reason, (counts.get(i.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
}

/**
 * One line: skeleton, frames in → out with drop/mask reasons, points filled and still missing, and the
 * missing-point rate before → after.
 *
 * @example
 * ```ts
 * formatCleanReport(report);
 * // 'openpose-137 → prompt2sign-50: 157 → 150 frames (7 dropped: 7 low-confidence); 842 points filled,
 * //  0 still missing; missing points 1.2% → 0.0%'
 * ```
 */
export function formatCleanReport(report: CleanReport): string {
  const parts: string[] = [];
  if (report.dropped.length > 0) parts.push(`${report.dropped.length} dropped: ${reasons(report.dropped)}`);
  if (report.masked.length > 0) parts.push(`${report.masked.length} masked: ${reasons(report.masked)}`);
  const frameNote = parts.length > 0 ? ` (${parts.join('; ')})` : '';
  return (
    `${report.skeleton} → prompt2sign-50: ${report.framesIn} → ${report.framesOut} frames${frameNote}; ` +
    `${report.pointsFilled} points filled, ${report.pointsStillMissing} still missing; ` +
    `missing points ${percent(report.missingRateBefore)} → ${percent(report.missingRateAfter)}`
  );
}
