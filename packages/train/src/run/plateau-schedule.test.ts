import { SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlateauSchedule } from './plateau-schedule.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return SignLLMError.isInstance(e) ? e.code : `not a SignLLMError: ${String(e)}`;
  }
  return undefined;
}

describe('PlateauSchedule', () => {
  it('follows ReduceLROnPlateau: reduce after more than `patience` bad validations, abs threshold 1e-8', () => {
    const s = new PlateauSchedule({ lr: 1e-3, factor: 0.5, patience: 2, minLr: 1e-5 });
    expect(s.best).toBe(Number.POSITIVE_INFINITY);
    expect(s.observe(10, 100)).toEqual({ lr: 1e-3, improved: true, reduced: false, stop: false });
    expect(s.observe(9, 200).improved).toBe(true);
    expect(s.observe(9, 300)).toEqual({ lr: 1e-3, improved: false, reduced: false, stop: false });
    expect(s.observe(9.5, 400).reduced).toBe(false); // 2 bad: not more than patience yet
    expect(s.observe(9, 500)).toEqual({ lr: 5e-4, improved: false, reduced: true, stop: false });
    // An improvement smaller than the threshold does not count; one larger does.
    expect(s.observe(9 - 1e-9, 600).improved).toBe(false);
    expect(s.observe(9 - 1e-7, 700).improved).toBe(true);
    expect(s.best).toBe(9 - 1e-7);
    expect(s.bestStep).toBe(700);
    expect(s.lr).toBe(5e-4);
  });

  it('PT Base defaults: constant DTW stops after five reductions, when lr < 2e-4', () => {
    const s = new PlateauSchedule({ lr: 1e-3 });
    const reductions: number[] = [];
    let stopAt = -1;
    for (let i = 1; i <= 60 && stopAt < 0; i++) {
      const d = s.observe(5);
      if (d.reduced) reductions.push(i);
      if (d.stop) {
        stopAt = i;
        expect(d.reason).toBe('lr below minLr');
      }
    }
    // Observation 1 improves; every 8th bad one (patience 7) reduces: 9, 17, 25, 33, 41.
    expect(reductions).toEqual([9, 17, 25, 33, 41]);
    expect(stopAt).toBe(41);
    expect(s.lr).toBeCloseTo(1e-3 * 0.7 ** 5, 15);
    expect(s.bestStep).toBe(1); // no step given: the 1-based validation index
    expect(s.stopped).toBe(true);
  });

  it('early stopping counts validations since the best, across reductions; 0 turns it off', () => {
    const s = new PlateauSchedule({ lr: 1, factor: 0.9, patience: 1, minLr: 0.01, earlyStopPatience: 4 });
    s.observe(3);
    const decisions = [4, 4, 4, 4].map((v) => s.observe(v));
    expect(decisions.map((d) => d.reduced)).toEqual([false, true, false, true]);
    expect(decisions.map((d) => d.stop)).toEqual([false, false, false, true]);
    expect(decisions[3]!.reason).toBe('no improvement');
    const off = new PlateauSchedule({ lr: 1, patience: 1000, earlyStopPatience: 0 });
    off.observe(1);
    for (let i = 0; i < 500; i++) expect(off.observe(2).stop).toBe(false);
  });

  it('NaN never improves; floorLr bounds the reduction like PyTorch min_lr', () => {
    const s = new PlateauSchedule({ lr: 1e-3, factor: 0.1, patience: 0, minLr: 0, floorLr: 5e-4 });
    expect(s.observe(Number.NaN).improved).toBe(false);
    expect(s.lr).toBe(5e-4);
    expect(s.observe(Number.NaN).reduced).toBe(false); // already at the floor
    expect(s.best).toBe(Number.POSITIVE_INFINITY);
  });

  it('survives toJSON → JSON text → fromJSON mid-run with identical future decisions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(Number.NaN)), {
          maxLength: 40,
        }),
        fc.nat({ max: 40 }),
        (values, cut) => {
          const options = { lr: 1e-3, factor: 0.7, patience: 2, minLr: 1e-4, earlyStopPatience: 6 };
          const straight = new PlateauSchedule(options);
          let resumed = new PlateauSchedule(options);
          values.forEach((v, i) => {
            if (i === cut) resumed = PlateauSchedule.fromJSON(JSON.parse(JSON.stringify(resumed)));
            expect(resumed.observe(v, i)).toEqual(straight.observe(v, i));
          });
          expect(resumed.toJSON()).toEqual(straight.toJSON());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects bad options and damaged state', () => {
    expect(codeOf(() => new PlateauSchedule({ lr: 0 }))).toBe('schema_invalid');
    expect(codeOf(() => new PlateauSchedule({ lr: 1, factor: 1.5 }))).toBe('schema_invalid');
    expect(codeOf(() => new PlateauSchedule({ lr: 1, patience: -1 }))).toBe('schema_invalid');
    expect(codeOf(() => PlateauSchedule.fromJSON({ lr: 1 }))).toBe('schema_invalid');
    expect(codeOf(() => PlateauSchedule.fromJSON(null))).toBe('schema_invalid');
    expect(codeOf(() => new PlateauSchedule({ lr: 1 }).observe('1' as unknown as number))).toBe(
      'invalid_argument',
    );
  });
});
