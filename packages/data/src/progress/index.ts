export type { Progress, ProgressOptions } from './progress.ts';
export { createProgress, silentProgress } from './progress.ts';
