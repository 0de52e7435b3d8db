import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { BeamSearch } from './beam-search.ts';

const L = (p: number) => Math.log(p);

describe('BeamSearch', () => {
  it('finds a sequence greedy misses, and beamSize 1 is greedy', () => {
    // vocab: 0 <pad>, 1 <unk>, 2 <s>, 3 </s>, 4 A, 5 B. Greedy takes A (0.5) and never ends well;
    // B (0.4) then </s> (0.9) = 0.36 beats every continuation of A (at most 0.5 · 0.35).
    const next = (last: number): number[] => {
      const p =
        last === 2
          ? [0, 0, 0, 0.1, 0.5, 0.4]
          : last === 4
            ? [0, 0, 0, 0.3, 0.35, 0.35]
            : [0, 0, 0, 0.9, 0.05, 0.05];
      return p.map((x) => (x === 0 ? -Infinity : L(x)));
    };
    const run = (beamSize: number): number[] => {
      const search = new BeamSearch({ beamSize, maxLength: 5, lengthPenalty: 0 });
      for (let step = 0; step < 5; step++) {
        const parents = search.advance(search.lastTokens().flatMap(next), 6);
        if (!parents) break;
      }
      return search.result();
    };
    expect(run(2)).toEqual([5]);
    // Greedy keeps taking A (0.35 beats </s> at 0.3; ties go to the first token) until maxLength.
    expect(run(1)).toEqual([4, 4, 4, 4, 4]);
  });

  it('reports the parent rows of the surviving hypotheses and refuses misuse', () => {
    const search = new BeamSearch({ beamSize: 2, maxLength: 3 });
    expect(search.lastTokens()).toEqual([2]);
    const parents = search.advance([-9, -9, -9, -5, -1, -2], 6);
    expect(parents).toEqual([0, 0]);
    expect(search.lastTokens()).toEqual([4, 5]);
    expect(() => search.advance([0, 0, 0], 6)).toThrow(/expected 2 × 6 log-probabilities, got 3/);
    expectError(
      () => new BeamSearch({ beamSize: 0, maxLength: 3 }),
      'invalid_argument',
      /beamSize must be an integer in \[1, 256\], got 0/,
    );
    expectError(() => new BeamSearch({ beamSize: 2, maxLength: 0 }), 'invalid_argument', /maxLength/);
    expectError(
      () => new BeamSearch({ beamSize: 2, maxLength: 3, lengthPenalty: -1 }),
      'invalid_argument',
      /lengthPenalty/,
    );
    const ended = new BeamSearch({ beamSize: 1, maxLength: 1 });
    expect(ended.advance([-9, -9, -9, -2, -1, -3], 6)).toBeUndefined();
    expect(ended.result()).toEqual([4]);
    expect(() => ended.advance([0, 0, 0, 0, 0, 0], 6)).toThrow(/has ended/);
  });
});
