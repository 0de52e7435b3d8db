/**
 * The fixed synthetic body on `prompt2sign-50`, in canonical "signllm" units: neck at the origin,
 * shoulder width 1, x right (image), y down, z toward the camera. Arm and hand proportions follow adult
 * anthropometry relative to a ~38 cm shoulder width (upper arm 0.8, forearm 0.68, hand 0.5). Also the
 * layout of a *pose state*: the parameter vector that the kinematics turn into 50 joints.
 */

/** Joints of prompt2sign-50 used here. */
export const JOINT = {
  nose: 0,
  neck: 1,
  rShoulder: 2,
  rElbow: 3,
  rWrist: 4,
  lShoulder: 5,
  lElbow: 6,
  lWrist: 7,
  leftHand: 8,
  rightHand: 29,
} as const;

/** Body dimensions (shoulder width 1). */
export const BODY = {
  /** Nose relative to the neck (above it and slightly forward). */
  nose: [0, -0.55, 0.12] as const,
  /** Half the shoulder width: the shoulders are at x = ∓0.5 (right shoulder on the image left). */
  halfShoulder: 0.5,
  upperArm: 0.8,
  forearm: 0.68,
  /** Smallest and largest inner elbow angle (radians): 30° (fully bent) to 165° (almost straight). */
  minElbowAngle: (30 * Math.PI) / 180,
  maxElbowAngle: (165 * Math.PI) / 180,
} as const;

/**
 * Points fixed in the palm, in the hand frame (a: wrist → knuckles, b: out of the palm, c: toward the
 * thumb): thumb CMC and the index, middle, ring and pinky MCP knuckles.
 */
// biome-ignore format: one point a row
export const PALM_POINTS: ReadonlyArray<readonly [a: number, b: number, c: number]> = [
  [0.045, 0.025, 0.055],
  [0.235, 0, 0.05],
  [0.245, 0, 0],
  [0.23, 0, -0.045],
  [0.205, 0, -0.085],
];

/** Phalanx lengths (proximal, middle, distal) of thumb, index, middle, ring, pinky. */
// biome-ignore format: one finger a row
export const PHALANGES: ReadonlyArray<readonly [number, number, number]> = [
  [0.115, 0.08, 0.065],
  [0.11, 0.065, 0.055],
  [0.12, 0.075, 0.06],
  [0.11, 0.07, 0.055],
  [0.085, 0.055, 0.05],
];

/** Upper limits of finger joint flexion (radians): MCP 90°, PIP 100°, DIP 80°; thumb MCP 60°, IP 80°. */
export const FLEX_LIMITS = {
  mcp: Math.PI / 2,
  pip: (100 * Math.PI) / 180,
  dip: (80 * Math.PI) / 180,
  thumbMcp: Math.PI / 3,
  thumbIp: (80 * Math.PI) / 180,
} as const;

/**
 * Layout of a hand-shape vector (`HAND_PARAMS` numbers): spread (0..1), thumb opposition (0..1), thumb
 * MCP and IP flexion, then MCP, PIP, DIP flexion of index, middle, ring, pinky (radians).
 */
export const HAND_PARAMS = 16;
/** Layout of one arm's state: wrist target x, y, z, elbow swivel, forearm roll, wrist flexion, hand. */
export const ARM_PARAMS = 6 + HAND_PARAMS;
/**
 * A pose state: the dominant (right) arm then the left arm, each `ARM_PARAMS` numbers. The left arm
 * is stored mirrored, as if it were a right arm; rendering flips x back.
 */
export const STATE_PARAMS = 2 * ARM_PARAMS;

/**
 * Length of bone-length id 0..24 of prompt2sign-50 in the body model (the hand wrist bone is 0).
 *
 * @example
 * ```ts
 * const lengths = synthBoneLengths();
 * lengths[skeleton.boneLengthIds[i]]; // the length bone i has in every clean synthetic frame
 * ```
 */
export function synthBoneLengths(): number[] {
  const norm = (v: readonly number[]): number => Math.hypot(...v);
  const lengths = [norm(BODY.nose), BODY.halfShoulder, BODY.upperArm, BODY.forearm, 0];
  for (let finger = 0; finger < 5; finger++) {
    lengths.push(norm(PALM_POINTS[finger]!), ...PHALANGES[finger]!);
  }
  return lengths;
}
