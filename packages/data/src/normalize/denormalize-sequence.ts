/**
 * `denormalizeSequence`: undoes a recorded `Normalisation` (from `normalizeSequence`, a dataset or a
 * bundle manifest), mapping normalised poses back to the input's units.
 */
import {
  type Dims,
  ERROR_CODES,
  type Normalisation,
  NormalisationSchema,
  type PoseSequence,
  parseWith,
  SignLLMError,
} from '@signllm/core';
import { type AffineTransform, applyAffine } from './apply-affine.ts';
import { checkNormalisationMethod, type NormalisationMethod } from './normalisation-methods.ts';
import { PROGRESSIVE_TRANSFORMERS_DIVISOR, PROMPT2SIGN_DIVISOR } from './normalize-sequence.ts';

const DEFAULT_DIVISOR: Record<NormalisationMethod, number> = {
  signllm: 1,
  prompt2sign: PROMPT2SIGN_DIVISOR,
  'progressive-transformers': PROGRESSIVE_TRANSFORMERS_DIVISOR,
  none: 1,
};

/**
 * Inverts `normalisation` on `seq`: `value = normalised × scale × divisor + centre` for present points
 * (missing points are copied unchanged), so `denormalizeSequence(normalizeSequence(s, m).sequence, …)`
 * gives `s` back to float32 rounding. `normalisation` is validated with core's `NormalisationSchema`
 * (so a manifest's JSON can be passed as is). A `progressive-transformers` record holds one centre and
 * scale per frame and only fits a sequence with the same frame count.
 *
 * Throws `SignLLMError`: `schemaInvalid` (not a Normalisation), `invalidArgument` (unknown method, a
 * missing, non-finite or non-positive parameter), `shapeMismatch` (centre or scale of the wrong length
 * for the sequence's dims or frames).
 *
 * @example
 * ```ts
 * const pixels = denormalizeSequence(generated, { method: 'signllm', parameters: { center: [640, 360], scale: 200 } });
 * ```
 */
export function denormalizeSequence<D extends Dims>(
  seq: PoseSequence<D>,
  normalisation: Normalisation,
): PoseSequence<D> {
  const record = parseWith(NormalisationSchema, normalisation, 'normalisation');
  const method = checkNormalisationMethod(record.method);
  if (method === 'none') {
    return applyAffine(
      seq,
      { center: new Array<number>(seq.dims).fill(0), scale: [1], divisor: 1, perFrame: false },
      'denormalise',
    );
  }
  return applyAffine(seq, readTransform(seq, method, record.parameters), 'denormalise');
}

function readTransform(
  seq: PoseSequence,
  method: NormalisationMethod,
  parameters: Normalisation['parameters'],
): AffineTransform {
  const bad = (
    message: string,
    code: typeof ERROR_CODES.invalidArgument | typeof ERROR_CODES.shapeMismatch = ERROR_CODES.invalidArgument,
  ): never => {
    throw new SignLLMError(code, `Cannot denormalise "${method}": ${message}`, { details: { method } });
  };
  const perFrame = method === 'progressive-transformers';
  const { center, scale } = parameters;
  const divisor = parameters.divisor ?? DEFAULT_DIVISOR[method];
  if (typeof divisor !== 'number' || !(divisor > 0) || !Number.isFinite(divisor)) {
    bad(`parameters.divisor must be a finite number > 0, got ${JSON.stringify(divisor)}`);
  }
  const centerLength = perFrame ? seq.frames * seq.dims : seq.dims;
  const describe = perFrame
    ? `${seq.frames} frames × ${seq.dims} dims = ${centerLength}`
    : `${seq.dims} (one per axis)`;
  if (!Array.isArray(center)) bad(`parameters.center must be an array of ${describe} numbers`);
  const centerArray = center as number[];
  if (centerArray.length !== centerLength) {
    bad(
      `parameters.center has ${centerArray.length} values, the sequence needs ${describe}` +
        (perFrame ? ' (a per-frame record only fits a sequence of the same length)' : ''),
      ERROR_CODES.shapeMismatch,
    );
  }
  if (!centerArray.every(Number.isFinite)) bad('parameters.center holds a non-finite value');
  let scales: number[];
  if (perFrame) {
    if (!Array.isArray(scale))
      bad(`parameters.scale must be an array of ${seq.frames} numbers (one per frame)`);
    scales = scale as number[];
    if (scales.length !== seq.frames) {
      bad(
        `parameters.scale has ${scales.length} values, the sequence has ${seq.frames} frames`,
        ERROR_CODES.shapeMismatch,
      );
    }
  } else {
    if (typeof scale !== 'number') bad(`parameters.scale must be a number, got ${JSON.stringify(scale)}`);
    scales = [scale as number];
  }
  if (!scales.every((s) => s > 0 && Number.isFinite(s))) bad('parameters.scale must be finite and > 0');
  return { center: centerArray, scale: scales, divisor: divisor as number, perFrame };
}
