export { HAND_COLORS, HAND_POINT_NAMES, PROMPT2SIGN_50 } from './prompt2sign-50.ts';
export { getSkeleton, listSkeletons, registerSkeleton } from './registry.ts';
export { boneColor, defineSkeleton } from './skeleton.ts';
export type { Bone, Rgb, Skeleton, SkeletonComponent } from './skeleton.ts';
export { getSkeletonMapping, listSkeletonMappings, registerSkeletonMapping } from './skeleton-mapping.ts';
export type { JointSource, SkeletonMapping } from './skeleton-mapping.ts';
