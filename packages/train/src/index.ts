/**
 * @signllm/train: the SignLLM model on TensorFlow.js — MLSF (one encoder–decoder group per language)
 * and Prompt2LangGloss (prompt → LangGloss → pose), the RL loss and the Priority Learning Channel,
 * Progressive Transformers' augmentations, streaming Parquet data, atomic resumable checkpoints,
 * evaluation (PT DTW; back-translation BLEU/ROUGE with a pose → text model and the paper's result
 * tables) and the `signllm-train` CLI. The numeric backend is chosen in
 * `backend/select-backend.ts` only.
 */
export type { BackendChoice, BackendName } from './backend/select-backend.ts';
export { BACKEND_NAMES, currentBackend, selectBackend } from './backend/select-backend.ts';
export type {
  BacktranslationConfig,
  BacktranslationConfigInput,
  BacktranslationExample,
  BacktranslationGroup,
  BacktranslationMetrics,
  BacktranslationReport,
  BacktranslationScores,
  BacktranslationState,
  BacktranslationTarget,
  BacktranslatorState,
  EvaluateBacktranslationOptions,
  PoseSource,
  PoseTextBatch,
  PoseTextSizes,
  TextScores,
  TrainBacktranslationOptions,
  TrainBacktranslationResult,
} from './backtranslate/index.ts';
export {
  BACKTRANSLATION_REPORT_FORMAT,
  BACKTRANSLATION_TARGETS,
  BacktranslationConfigSchema,
  BacktranslationReportSchema,
  Backtranslator,
  backtranslationReport,
  backtranslationReportPath,
  evaluateBacktranslation,
  formatBacktranslation,
  loadBacktranslationConfig,
  loadBacktranslator,
  PoseTextTransformer,
  poseReportPath,
  readBacktranslationReport,
  scoreTexts,
  trainBacktranslation,
  writeBacktranslationReport,
} from './backtranslate/index.ts';
export type { CliIo } from './cli/main.ts';
export { main } from './cli/main.ts';
export type { Example, ExampleIndex, PriorityTableJson } from './data/index.ts';
export { buildExampleIndex, PriorityTable, planEpoch, skipMask } from './data/index.ts';
export type { EvaluatePoseOptions, PoseEvaluation, PoseMetrics } from './eval/evaluate-pose-model.ts';
export { evaluatePoseModel, scoreRow } from './eval/evaluate-pose-model.ts';
export type { EvaluateTokenOptions, TokenEvaluation } from './eval/evaluate-token-model.ts';
export { evaluateTokenModel, translateToLangGloss } from './eval/evaluate-token-model.ts';
export { formatEvaluation } from './eval/format-evaluation.ts';
export { encodeSource, FRAME_WIDTH, targetFrames } from './eval/pose-frames.ts';
export type {
  ExportBundleOptions,
  ExportBundleResult,
  GraphSpec,
  ModelCardSource,
  OnnxAttribute,
  OnnxDim,
  OnnxElementType,
  PoseStepSpec,
} from './export/index.ts';
export {
  buildEncoderGraph,
  buildPoseDecoderStepGraph,
  buildTokenDecoderStepGraph,
  exportBundle,
  GraphBuilder,
  modelCardFor,
  ONNX_IR_VERSION,
  ONNX_OPSET,
} from './export/index.ts';
export type { PoseBatch, TokenBatch } from './model/batch-types.ts';
export { trainingStepFlops } from './model/flops.ts';
export { PoseTransformer } from './model/pose-transformer.ts';
export { TokenTransformer } from './model/token-transformer.ts';
export type { ResultCell, RunResults, SplitResults } from './report/index.ts';
export {
  ABLATION_ROWS,
  ablationLabel,
  REPORT_SPLITS,
  readRunResults,
  renderResults,
} from './report/index.ts';
export type { Checkpoint, MetricsRow, NamedTensor } from './run/index.ts';
export {
  listCheckpoints,
  plotMetricsSvg,
  readCheckpoint,
  readLatestCheckpoint,
  readMetrics,
} from './run/index.ts';
export { Adam } from './train/adam.ts';
export { GaussianNoise } from './train/gaussian-noise.ts';
export { loadModelFromRun, loadRunCheckpoint } from './train/load-model.ts';
export type { EffectiveTrainConfig, TrainOverrides } from './train/load-train-config.ts';
export { loadTrainConfig, resolveTrainConfig } from './train/load-train-config.ts';
export { languageTags, prepareModel } from './train/prepare-model.ts';
export type { PoseGroup, SignModelState, TokenModel } from './train/sign-model.ts';
export { outputWidthOf, SHARED_GROUP, SignModel } from './train/sign-model.ts';
export type { StepResult, TrainStepOptions } from './train/train-step.ts';
export { trainPoseStep, trainTokenStep } from './train/train-step.ts';
export type { TrainOptions, TrainResult } from './train/trainer.ts';
export { CONFIG_FILE, train } from './train/trainer.ts';
export type { TrainerState } from './train/trainer-state.ts';
