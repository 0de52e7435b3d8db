/**
 * Batch shapes shared by the data pipeline and the model: plain typed arrays, no tfjs.
 * Layouts are row-major; see the field comments for the dimensions.
 */

/** Joints of a frame (`prompt2sign-50`). */
export const POSE_JOINTS = 50;
/** Joint values of a frame: 50 joints × (x, y, z), joint-major. */
export const JOINT_VALUES = 150;
/** Values of a model frame: the joint values, then the progress counter. */
export const FRAME_WIDTH = 151;

/**
 * One batch for the pose decoder (text/gloss tokens → frames).
 * @example
 * const b: PoseBatch = { size: 1, sourceLength: 2, frames: 1, sourceIds: new Int32Array([5, 3]),
 *   sourceMask: new Float32Array([1, 1]), decoderInput: new Float32Array(151), target: new Float32Array(151),
 *   outputWidth: 151, frameMask: new Float32Array([1]), lengths: new Int32Array([1]), rows: new Int32Array([0]),
 *   language: 'ase' };
 */
export interface PoseBatch {
  /** B */
  size: number;
  /** U */
  sourceLength: number;
  /** T max */
  frames: number;
  /** B×U */
  sourceIds: Int32Array;
  /** B×U, 1 = real token */
  sourceMask: Float32Array;
  /** B×T×151 */
  decoderInput: Float32Array;
  /** B×T×outputWidth */
  target: Float32Array;
  outputWidth: number;
  /** B×T */
  frameMask: Float32Array;
  /** B */
  lengths: Int32Array;
  /** B global example indices (PLC) */
  rows: Int32Array;
  /** all rows of a batch share one language (MLSF routing); '*' for shared models */
  language: string;
}

/**
 * One batch for the token model (Prompt2LangGloss: prompt tokens → LangGloss tokens).
 * @example
 * const b: TokenBatch = { size: 1, sourceLength: 2, targetLength: 2, sourceIds: new Int32Array([5, 3]),
 *   sourceMask: new Float32Array([1, 1]), targetInput: new Int32Array([2, 7]), targetOutput: new Int32Array([7, 3]),
 *   targetMask: new Float32Array([1, 1]), lengths: new Int32Array([2]), rows: new Int32Array([0]) };
 */
export interface TokenBatch {
  size: number;
  sourceLength: number;
  targetLength: number;
  sourceIds: Int32Array;
  sourceMask: Float32Array;
  /** B×L: <s> + tokens */
  targetInput: Int32Array;
  /** B×L: tokens + </s> */
  targetOutput: Int32Array;
  /** B×L */
  targetMask: Float32Array;
  lengths: Int32Array;
  rows: Int32Array;
}
