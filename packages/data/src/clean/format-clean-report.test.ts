/** Tests of `formatCleanReport`. */
import { describe, expect, it } from 'vitest';
import { type CleanReport, formatCleanReport } from './format-clean-report.ts';

const base: CleanReport = {
  skeleton: 'openpose-137',
  framesIn: 10,
  framesOut: 7,
  dropped: [
    { frame: 0, reason: 'no-person', upperBodyConfidence: 0 },
    { frame: 4, reason: 'low-confidence', upperBodyConfidence: 0.2 },
    { frame: 5, reason: 'low-confidence', upperBodyConfidence: 0.1 },
  ],
  masked: [],
  pointsToFill: 12,
  pointsFilled: 11,
  pointsStillMissing: 1,
  missingBefore: 30,
  missingAfter: 1,
  missingRateBefore: 0.06,
  missingRateAfter: 1 / 350,
};

describe('formatCleanReport', () => {
  it('summarises frames, reasons, fills and missing rates on one line', () => {
    expect(formatCleanReport(base)).toBe(
      'openpose-137 → prompt2sign-50: 10 → 7 frames (3 dropped: 1 no-person, 2 low-confidence); ' +
        '11 points filled, 1 still missing; missing points 6.0% → 0.3%',
    );
  });

  it('mentions masked frames and omits the parenthesis when nothing was removed', () => {
    const masked = { ...base, framesOut: 10, dropped: [], masked: base.dropped.slice(1) };
    expect(formatCleanReport(masked)).toContain('10 → 10 frames (2 masked: 2 low-confidence)');
    const clean = { ...base, framesOut: 10, dropped: [] };
    expect(formatCleanReport(clean)).toContain('10 → 10 frames; 11 points filled');
    expect(formatCleanReport(clean)).not.toContain('\n');
  });
});
