/**
 * The DTW recursion shared by every DTW metric here, on an abstract frame-to-frame cost.
 * Internal to `src/metrics` (the public entry points are `dtw`, `dtwProgressiveTransformers`,
 * `dtwPoseSequences` and `meanJointError`).
 *
 * It follows `dtw.py` of Progressive Transformers (itself from pierre-rouanet/dtw) with its defaults
 * (warp 1, no window, s = 1):
 *   D[i][j] = C[i][j] + min(D[i−1][j−1], D[i−1][j], D[i][j−1]),  D[−1][−1] = 0, other borders = ∞.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';

/** Cost of matching reference frame `i` with hypothesis frame `j` (finite, ≥ 0). */
export type FrameCost = (i: number, j: number) => number;

/** Largest matrix (`refFrames × hypFrames` cells, 8 bytes each) kept when a path is asked for: 256 MiB. */
export const MAX_PATH_CELLS: number = 2 ** 25;

/** Result of `dtwCore`. */
export interface DtwCoreResult {
  /** Accumulated cost D[last][last]. */
  distance: number;
  /** Warping path as [refFrame, hypFrame] pairs from (0, 0) to (n−1, m−1), when asked for. */
  path?: [number, number][];
}

/**
 * Runs DTW over `n` reference and `m` hypothesis frames. Without a path it keeps two rows
 * (O(m) memory); with one it keeps the full matrix and backtracks as `dtw.py`'s `_traceback` does
 * (ties prefer the diagonal, then the reference step, then the hypothesis step).
 */
export function dtwCore(n: number, m: number, cost: FrameCost, keepPath: boolean): DtwCoreResult {
  if (keepPath) return fullMatrix(n, m, cost);
  let prev = new Float64Array(m);
  let cur = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let best: number;
      if (i === 0) best = j === 0 ? 0 : cur[j - 1]!;
      else if (j === 0) best = prev[0]!;
      else best = Math.min(prev[j - 1]!, prev[j]!, cur[j - 1]!);
      cur[j] = cost(i, j) + best;
    }
    [prev, cur] = [cur, prev];
  }
  return { distance: prev[m - 1]! };
}

function fullMatrix(n: number, m: number, cost: FrameCost): DtwCoreResult {
  if (n * m > MAX_PATH_CELLS) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `DTW path over ${n} × ${m} frames needs ${n * m} matrix cells, more than the ${MAX_PATH_CELLS} allowed; ` +
        'ask for the distance only (path: false), which needs O(frames) memory',
      { details: { refFrames: n, hypFrames: m, maxCells: MAX_PATH_CELLS } },
    );
  }
  const d = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) {
      let best: number;
      if (i === 0) best = j === 0 ? 0 : d[j - 1]!;
      else if (j === 0) best = d[row - m]!;
      else best = Math.min(d[row - m + j - 1]!, d[row - m + j]!, d[row + j - 1]!);
      d[row + j] = cost(i, j) + best;
    }
  }
  const path: [number, number][] = [];
  let i = n - 1;
  let j = m - 1;
  path.push([i, j]);
  while (i > 0 || j > 0) {
    const diag = i > 0 && j > 0 ? d[(i - 1) * m + j - 1]! : Number.POSITIVE_INFINITY;
    const up = i > 0 ? d[(i - 1) * m + j]! : Number.POSITIVE_INFINITY;
    const left = j > 0 ? d[i * m + j - 1]! : Number.POSITIVE_INFINITY;
    if (diag <= up && diag <= left) {
      i--;
      j--;
    } else if (up <= left) {
      i--;
    } else {
      j--;
    }
    path.push([i, j]);
  }
  path.reverse();
  return { distance: d[n * m - 1]!, path };
}
