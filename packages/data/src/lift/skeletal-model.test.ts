import { defineSkeleton, getSkeleton, SignLLMError, type Skeleton } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { skeletalModelOf } from './skeletal-model.ts';

const base = {
  description: 'test',
  joints: ['a', 'b', 'c'],
  colors: [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ] as const,
  root: 0,
  components: [{ name: 'body', start: 0, count: 3, format: 'XYC' }],
};

function skeleton(bones: [number, number][], boneLengthIds?: number[]): Skeleton {
  return defineSkeleton({ ...base, name: 'tiny', bones, ...(boneLengthIds ? { boneLengthIds } : {}) });
}

describe('skeletalModelOf', () => {
  it('reads the prompt2sign-50 tree: 49 bones, 25 length ids, left and right sharing', () => {
    const m = skeletalModelOf(getSkeleton('prompt2sign-50'));
    expect([m.joints, m.bones, m.lengthIds, m.root]).toEqual([50, 49, 25, 0]);
    // paper.md §6.2: (1,2,1) and (1,5,1); (7,8,4) and (4,29,4); (48,49,24) and (27,28,24).
    const idOf = (a: number, b: number): number => {
      const i = [...m.parent].findIndex((p, k) => p === a && m.child[k] === b);
      expect(i).toBeGreaterThanOrEqual(0);
      return m.lengthId[i]!;
    };
    expect([idOf(0, 1), idOf(1, 2), idOf(1, 5), idOf(7, 8), idOf(4, 29)]).toEqual([0, 1, 1, 4, 4]);
    expect([idOf(27, 28), idOf(48, 49)]).toEqual([24, 24]);
    const counts = new Array(25).fill(0);
    for (const id of m.lengthId) counts[id]++;
    expect(counts).toEqual([1, ...new Array(24).fill(2)]);
  });

  it('rejects skeletons it cannot lift', () => {
    const cases: [Skeleton, RegExp][] = [
      [getSkeleton('openpose-137'), /no boneLengthIds|bones/],
      [
        skeleton([
          [0, 1],
          [1, 2],
        ]),
        /no boneLengthIds/,
      ],
      [
        skeleton(
          [
            [1, 2],
            [0, 1],
          ],
          [0, 1],
        ),
        /not yet placed/,
      ],
      [
        skeleton(
          [
            [0, 1],
            [0, 1],
          ],
          [0, 1],
        ),
        /already placed/,
      ],
      [
        skeleton(
          [
            [0, 1],
            [1, 2],
          ],
          [1, 1],
        ),
        /not contiguous/,
      ],
      [
        skeleton(
          [
            [0, 1],
            [1, 2],
          ],
          [0, -1],
        ),
        /length id -1/,
      ],
      [skeleton([[0, 1]], [0]), /2 bones, not 1/],
    ];
    for (const [sk, message] of cases) {
      const run = (): unknown => skeletalModelOf(sk);
      expect(run).toThrow(SignLLMError);
      expect(run).toThrow(message);
    }
  });

  it('accepts any tree listed root → leaves', () => {
    const m = skeletalModelOf(
      skeleton(
        [
          [0, 2],
          [2, 1],
        ],
        [0, 0],
      ),
    );
    expect([...m.parent, ...m.child, m.lengthIds]).toEqual([0, 2, 2, 1, 1]);
  });
});
