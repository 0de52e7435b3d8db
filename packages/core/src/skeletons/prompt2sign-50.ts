/**
 * `prompt2sign-50`: the 50-joint upper-body + hands skeleton of Progressive Transformers and
 * Prompt2Sign: OpenPose BODY_25 joints 0–7, then 21 left-hand and 21 right-hand keypoints.
 * Bones and shared bone-length ids follow the Prompt2Sign 2D→3D skeletal model (49 bones, 25 ids;
 * left and right share lengths). See docs/architecture/skeletons.md.
 */
import { type Bone, defineSkeleton, type Rgb, type Skeleton } from './skeleton.ts';

const BODY = ['Nose', 'Neck', 'RShoulder', 'RElbow', 'RWrist', 'LShoulder', 'LElbow', 'LWrist'];

/** Hand joint names of `prompt2sign-50` (MediaPipe-style; OpenPose order: 0 = wrist, then 4 per finger from the base). */
// biome-ignore format: one row per finger
export const HAND_POINT_NAMES: readonly string[] = [
  'WRIST',
  'THUMB_CMC', 'THUMB_MCP', 'THUMB_IP', 'THUMB_TIP',
  'INDEX_FINGER_MCP', 'INDEX_FINGER_PIP', 'INDEX_FINGER_DIP', 'INDEX_FINGER_TIP',
  'MIDDLE_FINGER_MCP', 'MIDDLE_FINGER_PIP', 'MIDDLE_FINGER_DIP', 'MIDDLE_FINGER_TIP',
  'RING_FINGER_MCP', 'RING_FINGER_PIP', 'RING_FINGER_DIP', 'RING_FINGER_TIP',
  'PINKY_MCP', 'PINKY_PIP', 'PINKY_DIP', 'PINKY_TIP',
];

/** (start, end, boneLengthId) exactly as the Prompt2Sign skeletal model lists them, root → leaves. */
// biome-ignore format: the table as the Prompt2Sign skeletal model lists it
const BONES_WITH_IDS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 1, 0], [1, 2, 1], [2, 3, 2], [3, 4, 3], [1, 5, 1], [5, 6, 2], [6, 7, 3],
  [7, 8, 4], [8, 9, 5], [8, 13, 9], [8, 17, 13], [8, 21, 17], [8, 25, 21],
  [9, 10, 6], [10, 11, 7], [11, 12, 8], [13, 14, 10], [14, 15, 11], [15, 16, 12],
  [17, 18, 14], [18, 19, 15], [19, 20, 16], [21, 22, 18], [22, 23, 19], [23, 24, 20],
  [25, 26, 22], [26, 27, 23], [27, 28, 24],
  [4, 29, 4], [29, 30, 5], [29, 34, 9], [29, 38, 13], [29, 42, 17], [29, 46, 21],
  [30, 31, 6], [31, 32, 7], [32, 33, 8], [34, 35, 10], [35, 36, 11], [36, 37, 12],
  [38, 39, 14], [39, 40, 15], [40, 41, 16], [42, 43, 18], [43, 44, 19], [44, 45, 20],
  [46, 47, 22], [47, 48, 23], [48, 49, 24],
];

/** Per-finger hand palette (wrist, thumb, index, middle, ring, pinky in orange for accessibility). */
// biome-ignore format: one row per finger
export const HAND_COLORS: readonly Rgb[] = [
  [192, 192, 192],
  [255, 0, 0], [255, 60, 0], [255, 100, 0], [255, 140, 0],
  [0, 170, 0], [0, 200, 40], [0, 230, 80], [0, 255, 120],
  [0, 80, 255], [0, 110, 255], [0, 140, 255], [0, 170, 255],
  [160, 0, 255], [180, 40, 255], [200, 80, 255], [220, 120, 255],
  [255, 128, 0], [255, 150, 40], [255, 170, 80], [255, 190, 120],
];

const BODY_COLOR: Rgb = [255, 0, 0];

/** The `prompt2sign-50` skeleton. */
export const PROMPT2SIGN_50: Skeleton = defineSkeleton({
  name: 'prompt2sign-50',
  description:
    'Progressive Transformers / Prompt2Sign 50 joints: OpenPose body 0-7, left hand 8-28, right hand 29-49',
  joints: [
    ...BODY,
    ...HAND_POINT_NAMES.map((p) => `LEFT_${p}`),
    ...HAND_POINT_NAMES.map((p) => `RIGHT_${p}`),
  ],
  bones: BONES_WITH_IDS.map(([a, b]) => [a, b] as Bone),
  boneLengthIds: BONES_WITH_IDS.map(([, , id]) => id),
  colors: [...BODY.map(() => BODY_COLOR), ...HAND_COLORS, ...HAND_COLORS],
  root: 0,
  components: [
    { name: 'pose_keypoints_2d', start: 0, count: 8, format: 'XYZC' },
    { name: 'hand_left_keypoints_2d', start: 8, count: 21, format: 'XYZC' },
    { name: 'hand_right_keypoints_2d', start: 29, count: 21, format: 'XYZC' },
  ],
});
