/**
 * Skeletons: the built-in skeletons (`prompt2sign-50`, `openpose-137`, `holistic-576`,
 * `holistic-586`, `holistic-178`, `dwpose-133`, `dwpose-128`), the registry, and the mappings between
 * them. See docs/architecture/skeletons.md.
 */
export { DWPOSE_128, DWPOSE_BODY_POINTS } from './dwpose-128.ts';
export { COCO_WHOLEBODY_BODY_POINTS, DWPOSE_133 } from './dwpose-133.ts';
export { HOLISTIC_178 } from './holistic-178.ts';
export { HOLISTIC_576, HOLISTIC_586 } from './holistic-576.ts';
export { BUILTIN_SKELETON_MAPPINGS, HOLISTIC_178_NOSE } from './mappings.ts';
export type { NamedJointRule } from './name-mapping.ts';
export { createNameMapping } from './name-mapping.ts';
export {
  handJointNames,
  OPENPOSE_137,
  OPENPOSE_BODY_POINTS,
  OPENPOSE_FACE_POINTS,
  OPENPOSE_HAND_POINTS,
} from './openpose-137.ts';
export {
  POSE_FORMAT_BODY_COLOR,
  POSE_FORMAT_FACE_COLOR,
  POSE_FORMAT_HAND_COLORS,
} from './pose-format-colors.ts';
export { HAND_COLORS, HAND_POINT_NAMES, PROMPT2SIGN_50 } from './prompt2sign-50.ts';
export { BUILTIN_SKELETONS, getSkeleton, listSkeletons, registerSkeleton } from './registry.ts';
export type { Bone, Rgb, Skeleton, SkeletonComponent } from './skeleton.ts';
export { boneColor, defineSkeleton } from './skeleton.ts';
export type { ComponentSpec, SkeletonSpec } from './skeleton-builder.ts';
export { cycleColors, pairs, skeletonFromComponents } from './skeleton-builder.ts';
export type { JointSource, SkeletonMapping } from './skeleton-mapping.ts';
export { getSkeletonMapping, listSkeletonMappings, registerSkeletonMapping } from './skeleton-mapping.ts';
