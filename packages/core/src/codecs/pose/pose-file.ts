/**
 * The in-memory model of a pose-format `.pose` file: a header (canvas size and the point layout,
 * grouped in components) and a body (fps and all people's points over time as flat typed arrays).
 * It keeps everything a byte-identical v0.2 rewrite needs: the exact float32 version and fps, the
 * raw limb indices and the raw colour values (which may exceed 255).
 */

/** One component of a `.pose` header: a named group of points (body, face, a hand). */
export interface PoseHeaderComponent {
  /** Component name, e.g. `POSE_LANDMARKS` or `pose_keypoints_2d`. */
  name: string;
  /** Point format: axis letters then `C` (confidence), e.g. `XYC` or `XYZC`. */
  format: string;
  /** Point names, in order. Names may repeat across components (both hands have `WRIST`). */
  points: string[];
  /** Limbs as pairs of point indices local to this component (uint16 each). */
  limbs: Array<[from: number, to: number]>;
  /**
   * Colour palette (uint16 channels, raw: values above 255 occur in real files and are clamped only
   * when rendering). Point `i` of the component uses `colors[i % colors.length]`.
   */
  colors: Array<[r: number, g: number, b: number]>;
}

/** The header of a `.pose` file. */
export interface PoseHeader {
  /**
   * The version exactly as stored (a float32 widened to a number, e.g. 0.20000000298023224).
   * `writePose` always writes v0.2, whatever this says.
   */
  version: number;
  /** Canvas width in pixels (uint16). */
  width: number;
  /** Canvas height in pixels (uint16). */
  height: number;
  /** Canvas depth (uint16). */
  depth: number;
  /** Components in file order; their points, concatenated, are the body's points. */
  components: PoseHeaderComponent[];
}

/** The body of a `.pose` file: every person's points over time. */
export interface PoseBody {
  /** Frames per second, exactly as stored (float32 in v0.2, uint16 in v0.0 and v0.1). */
  fps: number;
  /** Number of frames. */
  frames: number;
  /** Number of people per frame (v0.0 files: the most people in any frame). */
  people: number;
  /** Coordinate axes per point: the longest component format's length minus one (`C`). */
  dims: number;
  /** Coordinates, flat C order `[frames][people][points][dims]`. May hold NaN (kept as read). */
  data: Float32Array;
  /** Confidence, flat C order `[frames][people][points]`; 0 = the point is missing. */
  confidence: Float32Array;
}

/** A whole `.pose` file. */
export interface PoseFile {
  header: PoseHeader;
  body: PoseBody;
}

/** The version `writePose` writes: float32(0.2), as pose-format's writer stores it. */
export const POSE_FORMAT_VERSION: number = Math.fround(0.2);

/** Length of a format string in Unicode code points, as Python's `len()` counts it. */
export function formatLength(format: string): number {
  let n = 0;
  for (const _ of format) n++;
  return n;
}

/**
 * Coordinate axes per point implied by a header: the longest component format minus its `C`
 * (0 for a header without components).
 *
 * @example
 * ```ts
 * poseHeaderDims(readPose(bytes).header); // 3 for MediaPipe `XYZC` files
 * ```
 */
export function poseHeaderDims(header: Pick<PoseHeader, 'components'>): number {
  let max = 0;
  for (const c of header.components) max = Math.max(max, formatLength(c.format));
  return Math.max(0, max - 1);
}

/**
 * Total number of points over all components of a header.
 *
 * @example
 * ```ts
 * poseHeaderPointCount(readPose(bytes).header); // 137 for OpenPose body + face + hands
 * ```
 */
export function poseHeaderPointCount(header: Pick<PoseHeader, 'components'>): number {
  let n = 0;
  for (const c of header.components) n += c.points.length;
  return n;
}
