/**
 * Where everything sits in one DWPose "trg384" `.skels` frame (384 values before the counter), and the
 * joint order of the `dwpose-128` skeleton it converts to: body 18, left hand 21 (`hands[0]`), right
 * hand 21 (`hands[1]`), face 68.
 */

/** Value offsets inside one 384-value frame. */
export const DWPOSE_FRAME = {
  /** Body x,y × 18, interleaved. */
  bodyXY: 0,
  /** Body "scores" × 18: subset indices, −1 = missing. */
  bodyScores: 36,
  /** hands[0] then hands[1], 21 × (x, y) each. */
  handsXY: 54,
  /** Hand confidences, 2 × 21. */
  handScores: 138,
  /** Face x,y × 68. */
  faceXY: 180,
  /** Face confidences × 68. */
  faceScores: 316,
  /** Values per frame without the counter. */
  valuesPerFrame: 384,
} as const;

/** Joint counts of the parts, and the first joint of each part in the 128-joint skeleton. */
export const DWPOSE_JOINTS = {
  body: 18,
  hand: 21,
  face: 68,
  leftHandStart: 18,
  rightHandStart: 39,
  faceStart: 60,
  total: 128,
} as const;

/** The registry name of the 128-joint DWPose skeleton. */
export const DWPOSE_SKELETON = 'dwpose-128';
