/**
 * Pose ⇄ shard integers: coordinates on the 5-decimal grid as INT32 (channel-major), the indices of
 * negative zeros, and confidence quantised to 0..255 (joint-major). `%.5f` of every coordinate survives
 * the round trip exactly; a value parsed from a 5-decimal `.skels` token comes back bit-identical.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { CONFIDENCE_LEVELS, MAX_ABS_POSE_VALUE, POSE_UNITS } from './shard-format.ts';

/** A pose sequence as the integers a shard stores. */
export interface EncodedPose {
  frames: number;
  joints: number;
  dims: number;
  /** `[joints × dims][frames]` coordinates × 1e5. */
  pose: Int32Array;
  /** Indices into `pose` of values that are negative zero on the 5-decimal grid. */
  negZero: Int32Array;
  /** `[joints][frames]` confidence × 255 (any c > 0 is at least 1). */
  confidence: Int32Array;
}

/**
 * Rounds `value × 1e5` to an integer the way Python's `%.5f` rounds: ties to even. For a float32
 * input the product is exact in a double, so ties are detected exactly.
 *
 * @example
 * ```ts
 * quantiseCoordinate(Math.fround(-0.12345)); // -12345
 * ```
 */
export function quantiseCoordinate(value: number): number {
  const scaled = value * POSE_UNITS;
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  if (frac > 0.5) return floor + 1;
  if (frac < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Quantises a confidence in [0, 1] to 0..255; 0 stays 0 (missing) and any positive value is ≥ 1.
 *
 * @example
 * ```ts
 * quantiseConfidence(0.5); // 128
 * ```
 */
export function quantiseConfidence(c: number): number {
  if (c <= 0) return 0;
  return Math.max(1, Math.round(c * CONFIDENCE_LEVELS));
}

/** What the encoder needs to name a bad value. */
export interface EncodeContext {
  /** Label of the row (its id) for error messages. */
  source: string;
}

/**
 * Encodes flat `[frames, joints, dims]` data and `[frames, joints]` confidence. A non-finite coordinate
 * of a missing joint (confidence 0) is stored as 0; anywhere else it throws `invalidNumber`, as does a
 * |coordinate| above `MAX_ABS_POSE_VALUE` or a confidence outside [0, 1].
 *
 * @example
 * ```ts
 * const enc = encodePose(seq.data, seq.confidence, seq.frames, seq.joints, seq.dims, { source: 'dev/1' });
 * ```
 */
export function encodePose(
  data: Float32Array,
  confidence: Float32Array,
  frames: number,
  joints: number,
  dims: number,
  context: EncodeContext,
): EncodedPose {
  const pose = new Int32Array(frames * joints * dims);
  const conf = new Int32Array(frames * joints);
  const negZero: number[] = [];
  for (let f = 0; f < frames; f++) {
    for (let j = 0; j < joints; j++) {
      const c = confidence[f * joints + j]!;
      if (!(c >= 0 && c <= 1)) {
        throw new SignLLMError(
          ERROR_CODES.invalidNumber,
          `Confidence ${c} of joint ${j} is not in [0, 1] in sequence "${context.source}"`,
          { position: { source: context.source, frame: f }, details: { joint: j, value: c } },
        );
      }
      conf[j * frames + f] = quantiseConfidence(c);
      for (let d = 0; d < dims; d++) {
        const v = data[(f * joints + j) * dims + d]!;
        const out = (j * dims + d) * frames + f;
        if (!Number.isFinite(v)) {
          if (c === 0) continue;
          throw new SignLLMError(
            ERROR_CODES.invalidNumber,
            `Coordinate ${d} of joint ${j} is ${v} in sequence "${context.source}"; values must be finite ` +
              '(only missing joints, confidence 0, may hold NaN and are stored as 0)',
            { position: { source: context.source, frame: f }, details: { joint: j, dim: d, value: v } },
          );
        }
        if (Math.abs(v) > MAX_ABS_POSE_VALUE) {
          throw new SignLLMError(
            ERROR_CODES.invalidNumber,
            `Coordinate ${d} of joint ${j} is ${v} in sequence "${context.source}"; the dataset stores ` +
              `|values| up to ${MAX_ABS_POSE_VALUE.toFixed(1)} (5 decimals in an int32)`,
            { position: { source: context.source, frame: f }, details: { joint: j, dim: d, value: v } },
          );
        }
        const q = quantiseCoordinate(v);
        pose[out] = q;
        if (q === 0 && (v < 0 || Object.is(v, -0))) negZero.push(out);
      }
    }
  }
  negZero.sort((a, b) => a - b);
  return { frames, joints, dims, pose, negZero: Int32Array.from(negZero), confidence: conf };
}

/**
 * Decodes shard integers back to flat `[frames, joints, dims]` data and `[frames, joints]`
 * confidence (float32). Lengths must already have been checked by the caller.
 *
 * @example
 * ```ts
 * const { data, confidence } = decodePose(enc);
 * ```
 */
export function decodePose(enc: {
  frames: number;
  joints: number;
  dims: number;
  pose: ArrayLike<number>;
  negZero: ArrayLike<number>;
  confidence: ArrayLike<number>;
}): { data: Float32Array; confidence: Float32Array } {
  const { frames, joints, dims, pose } = enc;
  const data = new Float32Array(frames * joints * dims);
  const confidence = new Float32Array(frames * joints);
  for (let j = 0; j < joints; j++) {
    for (let d = 0; d < dims; d++) {
      const base = (j * dims + d) * frames;
      for (let f = 0; f < frames; f++) data[(f * joints + j) * dims + d] = pose[base + f]! / POSE_UNITS;
    }
    for (let f = 0; f < frames; f++) confidence[f * joints + j] = enc.confidence[j * frames + f]! / 255;
  }
  for (let i = 0; i < enc.negZero.length; i++) {
    const idx = enc.negZero[i]!;
    const f = idx % frames;
    const channel = (idx - f) / frames;
    const d = channel % dims;
    const j = (channel - d) / dims;
    data[(f * joints + j) * dims + d] = -0;
  }
  return { data, confidence };
}
