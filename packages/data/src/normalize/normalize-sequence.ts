/**
 * `normalizeSequence`: applies one of the normalisation conventions and records it as a core
 * `Normalisation` ({ method, parameters }) that `denormalizeSequence` inverts.
 */
import { type Dims, ERROR_CODES, type Normalisation, type PoseSequence, SignLLMError } from '@signllm/core';
import { type AffineTransform, applyAffine } from './apply-affine.ts';
import { checkNormalisationMethod, type NormalisationMethod } from './normalisation-methods.ts';
import {
  checkFinitePresent,
  findAnchorJoints,
  frameNecks,
  frameShoulderWidths,
  meanDefined,
  meanNeck,
  pooledXYStatistics,
} from './sequence-statistics.ts';

/** Options of `normalizeSequence`. */
export interface NormalizeSequenceOptions {
  /** Label of the input for error messages (a file name or sample id). */
  source?: string;
}

/** The result of `normalizeSequence`. */
export interface NormalizedSequence<D extends Dims> {
  /** The normalised sequence (missing points copied unchanged). */
  readonly sequence: PoseSequence<D>;
  /** The record that inverts it with `denormalizeSequence`. */
  readonly normalisation: Normalisation;
}

/** The `.skels` writers' divisors. */
export const PROMPT2SIGN_DIVISOR = 9;
export const PROGRESSIVE_TRANSFORMERS_DIVISOR = 3;
/** Most values one `Normalisation` parameter array may hold (core's `NormalisationSchema` limit). */
export const MAX_PARAMETER_VALUES = 100_000;
/**
 * `progressive-transformers`: a frame whose 2D shoulder width is below this fraction of the sequence
 * mean (shoulders overlapping in the image, a bad detection) uses the mean instead.
 */
export const MIN_FRAME_WIDTH_FRACTION = 0.1;

/**
 * Normalises `seq` with `method` (see `NORMALISATION_METHODS` and docs/architecture/normalisation.md):
 *
 * - `signllm`: `(p − mean neck) / mean shoulder width`; parameters `{ center: [dims], scale }`.
 * - `prompt2sign`: x, y minus their means, z not shifted, all ÷ (pooled σ of x,y × 9); parameters
 *   `{ center: [mean x, mean y(, 0)], scale: σ, divisor: 9 }`.
 * - `progressive-transformers`: each frame minus its own neck, ÷ (its 2D shoulder width × 3);
 *   parameters `{ center: [frames × dims], scale: [frames], divisor: 3 }`. Frames without a neck use
 *   the mean neck; frames without shoulders (or a width under 10% of the mean) use the mean width.
 * - `none`: a copy; parameters `{}`.
 *
 * Only present points (confidence > 0) enter the statistics and are transformed; missing points are
 * copied unchanged. Throws `SignLLMError`: `invalidArgument` for an unknown method, no frames, a
 * skeleton without Neck/RShoulder/LShoulder, no frame with the neck or both shoulders, or a zero
 * scale; `invalidNumber` for a present point with a non-finite coordinate; `tooLarge` when the
 * per-frame parameters would exceed 100,000 values.
 *
 * @example
 * ```ts
 * const { sequence, normalisation } = normalizeSequence(clean, 'signllm');
 * const back = denormalizeSequence(sequence, normalisation); // ≈ clean
 * ```
 */
export function normalizeSequence<D extends Dims>(
  seq: PoseSequence<D>,
  method: NormalisationMethod,
  options: NormalizeSequenceOptions = {},
): NormalizedSequence<D> {
  const checked = checkNormalisationMethod(method);
  if (checked === 'none') {
    return {
      sequence: applyAffine(seq, identity(seq.dims), 'normalise'),
      normalisation: { method, parameters: {} },
    };
  }
  const where = options.source ? ` (${options.source})` : '';
  if (seq.frames === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `Cannot normalise a sequence with no frames${where}`);
  }
  checkFinitePresent(seq);
  const fail = (what: string): never => {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Cannot normalise with "${checked}"${where}: ${what}`,
      {
        details: { method: checked, skeleton: seq.skeleton.name },
      },
    );
  };
  let transform: AffineTransform;
  let parameters: Normalisation['parameters'];
  if (checked === 'prompt2sign') {
    const { meanX, meanY, sigma, points } = pooledXYStatistics(seq);
    if (points === 0) fail('no point is present (confidence > 0)');
    if (!(sigma > 0) || !Number.isFinite(sigma)) fail(`the pooled σ of x and y is ${sigma}; it must be > 0`);
    const center = seq.dims === 3 ? [meanX, meanY, 0] : [meanX, meanY];
    transform = { center, scale: [sigma], divisor: PROMPT2SIGN_DIVISOR, perFrame: false };
    parameters = { center, scale: sigma, divisor: PROMPT2SIGN_DIVISOR };
  } else {
    const anchors = findAnchorJoints(seq, checked);
    const neck = meanNeck(seq, anchors.neck);
    if (neck.some(Number.isNaN))
      fail(`no frame of ${seq.frames} has the neck (joint ${anchors.neck}) present`);
    const axes = checked === 'signllm' ? seq.dims : 2;
    const widths = frameShoulderWidths(seq, anchors, axes);
    const width = meanDefined(widths);
    if (Number.isNaN(width)) fail(`no frame of ${seq.frames} has both shoulders present`);
    if (!(width > 0) || !Number.isFinite(width)) fail(`the mean shoulder width is ${width}; it must be > 0`);
    if (checked === 'signllm') {
      transform = { center: neck, scale: [width], divisor: 1, perFrame: false };
      parameters = { center: neck, scale: width };
    } else {
      const values = seq.frames * seq.dims;
      if (values > MAX_PARAMETER_VALUES) {
        throw new SignLLMError(
          ERROR_CODES.tooLarge,
          `Cannot record "progressive-transformers" for ${seq.frames} frames${where}: it stores one neck per ` +
            `frame (${values} values) and a Normalisation array holds at most ${MAX_PARAMETER_VALUES}; split the sequence`,
        );
      }
      const { centers, present } = frameNecks(seq, anchors.neck);
      for (let f = 0; f < seq.frames; f++) {
        if (!present[f]) for (let d = 0; d < seq.dims; d++) centers[f * seq.dims + d] = neck[d]!;
        const w = widths[f]!;
        if (Number.isNaN(w) || w < MIN_FRAME_WIDTH_FRACTION * width) widths[f] = width;
      }
      const center = Array.from(centers);
      const scale = Array.from(widths);
      transform = { center, scale, divisor: PROGRESSIVE_TRANSFORMERS_DIVISOR, perFrame: true };
      parameters = { center, scale, divisor: PROGRESSIVE_TRANSFORMERS_DIVISOR };
    }
  }
  return {
    sequence: applyAffine(seq, transform, 'normalise'),
    normalisation: { method: checked, parameters },
  };
}

function identity(dims: number): AffineTransform {
  return { center: new Array<number>(dims).fill(0), scale: [1], divisor: 1, perFrame: false };
}
