/**
 * The built-in skeleton mappings (data). Every mapping copies joints of equal name and derives the
 * rest from the rules below. Left/right: OpenPose `L…`/`R…`, COCO `left_…` and MediaPipe `LEFT_…` all
 * mean the signer's own side, so `LWrist` ← `POSE_LEFT_WRIST`. Hand joints (`LEFT_WRIST`, ...) always
 * come from the hand model, body wrists (`LWrist`) from the body model.
 */
import { DWPOSE_128 } from './dwpose-128.ts';
import { DWPOSE_133 } from './dwpose-133.ts';
import { HOLISTIC_178 } from './holistic-178.ts';
import { HOLISTIC_576, HOLISTIC_586 } from './holistic-576.ts';
import { createNameMapping, type NamedJointRule } from './name-mapping.ts';
import { OPENPOSE_137 } from './openpose-137.ts';
import { PROMPT2SIGN_50 } from './prompt2sign-50.ts';
import type { SkeletonMapping } from './skeleton-mapping.ts';

type Rules = Readonly<Record<string, NamedJointRule>>;

/** DWPose computes its own neck as the mean of the shoulders; so do we for COCO-WholeBody and MediaPipe. */
const NECK_FROM_SHOULDERS: Rules = { Neck: ['LShoulder', 'RShoulder'] };

/** MediaPipe body → OpenPose body joints 0–7 (the hands copy by name: `LEFT_WRIST` ← `LEFT_WRIST`). */
const HOLISTIC_UPPER_BODY: Rules = {
  Neck: ['POSE_LEFT_SHOULDER', 'POSE_RIGHT_SHOULDER'],
  RShoulder: 'POSE_RIGHT_SHOULDER',
  RElbow: 'POSE_RIGHT_ELBOW',
  RWrist: 'POSE_RIGHT_WRIST',
  LShoulder: 'POSE_LEFT_SHOULDER',
  LElbow: 'POSE_LEFT_ELBOW',
  LWrist: 'POSE_LEFT_WRIST',
};

/**
 * The reduced holistic body has no nose. Estimate it from the face contours: half the upper-lip
 * midpoint (mesh 0) plus a quarter of each inner eye corner (mesh 133, 362). On the holistic
 * fingerspelling lexicon this lands within about 2% of the shoulder width of MediaPipe's NOSE
 * (tested in builtin-skeletons.test.ts).
 */
export const HOLISTIC_178_NOSE: NamedJointRule = {
  joints: ['FACE_0', 'FACE_133', 'FACE_362'],
  weights: [0.5, 0.25, 0.25],
};

/**
 * All built-in mappings: every built-in skeleton → `prompt2sign-50`; `prompt2sign-50`, `dwpose-128`
 * and `dwpose-133` → `openpose-137` (to write `.pose` files in the OpenPose layout); `dwpose-133` →
 * `dwpose-128`.
 */
export const BUILTIN_SKELETON_MAPPINGS: readonly SkeletonMapping[] = [
  createNameMapping(OPENPOSE_137, PROMPT2SIGN_50),
  createNameMapping(HOLISTIC_576, PROMPT2SIGN_50, { ...HOLISTIC_UPPER_BODY, Nose: 'POSE_NOSE' }),
  createNameMapping(HOLISTIC_586, PROMPT2SIGN_50, { ...HOLISTIC_UPPER_BODY, Nose: 'POSE_NOSE' }),
  createNameMapping(HOLISTIC_178, PROMPT2SIGN_50, { ...HOLISTIC_UPPER_BODY, Nose: HOLISTIC_178_NOSE }),
  createNameMapping(DWPOSE_133, PROMPT2SIGN_50, NECK_FROM_SHOULDERS),
  createNameMapping(DWPOSE_128, PROMPT2SIGN_50),
  createNameMapping(PROMPT2SIGN_50, OPENPOSE_137),
  createNameMapping(DWPOSE_128, OPENPOSE_137),
  createNameMapping(DWPOSE_133, OPENPOSE_137, { ...NECK_FROM_SHOULDERS, MidHip: ['LHip', 'RHip'] }),
  createNameMapping(DWPOSE_133, DWPOSE_128, NECK_FROM_SHOULDERS),
];
