/** Baselines that pose models must beat: mean pose and nearest-neighbour retrieval, scored with PT DTW. */
export type { NeighbourExample, NeighbourPrediction } from './pose-baselines.ts';
export {
  glossSimilarity,
  meanFrameOf,
  meanPoseBaseline,
  nearestNeighbourBaseline,
  scorePoseFrames,
} from './pose-baselines.ts';
