import { describe, expect, it } from 'vitest';
import type { LiftObjective } from './lift-objective.ts';
import { type LiftProgress, optimiseLift } from './optimise-lift.ts';

/** f(p) = Σ c_i (p_i − t_i)², standing in for the lifting objective (the optimiser only calls evaluate). */
function quadratic(c: number[], t: number[]): LiftObjective {
  return {
    evaluate(params: Float64Array, grad?: Float64Array): number {
      let f = 0;
      for (let i = 0; i < c.length; i++) {
        const d = params[i]! - t[i]!;
        f += c[i]! * d * d;
        if (grad) grad[i] = 2 * c[i]! * d;
      }
      return f;
    },
  } as LiftObjective;
}

describe('optimiseLift', () => {
  it('takes plain gradient steps p ← p − lr·∇f', () => {
    const p = new Float64Array([1, -2]);
    optimiseLift(quadratic([1, 3], [0, 0]), p, { optimizer: 'gd', iterations: 1, learningRate: 0.1 });
    expect([...p]).toEqual([1 - 0.1 * 2, -2 + 0.1 * 12]);
  });

  it('takes a first Adam step of lr in the direction of −sign(∇f), whatever the gradient scale', () => {
    const p = new Float64Array([1, -2]);
    optimiseLift(quadratic([1e-3, 1e3], [0, 0]), p, { optimizer: 'adam', iterations: 1, learningRate: 0.01 });
    expect(p[0]).toBeCloseTo(0.99, 5);
    expect(p[1]).toBeCloseTo(-1.99, 5);
  });

  it('converges on a badly scaled quadratic with Adam where GD at the same budget does not', () => {
    const objective = quadratic([1e-4, 1], [3, -1]);
    const adam = new Float64Array(2);
    const gd = new Float64Array(2);
    optimiseLift(objective, adam, { optimizer: 'adam', iterations: 2000, learningRate: 0.05 });
    optimiseLift(objective, gd, { optimizer: 'gd', iterations: 2000, learningRate: 0.1 });
    expect(adam[0]).toBeCloseTo(3, 1);
    expect(adam[1]).toBeCloseTo(-1, 2);
    expect(Math.abs(gd[0]! - 3)).toBeGreaterThan(1);
  });

  it('reports progress every N iterations and after the last, with the loss before each step', () => {
    const seen: LiftProgress[] = [];
    const p = new Float64Array([4]);
    const n = optimiseLift(quadratic([1], [0]), p, {
      optimizer: 'gd',
      iterations: 7,
      learningRate: 0.25,
      onProgress: (x) => seen.push(x),
      progressEvery: 3,
    });
    expect(n).toBe(7);
    expect(seen.map((s) => s.iteration)).toEqual([3, 6, 7]);
    // p halves each step: 4, 2, 1, 0.5, ... → loss before step 3 is 1, before 6 is 1/64, before 7 is 1/256.
    expect(seen.map((s) => s.loss)).toEqual([1, 1 / 64, 1 / 256]);
    expect(seen.every((s) => s.iterations === 7)).toBe(true);
  });
});
