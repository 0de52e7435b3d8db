/**
 * Back-translation, the evaluation of the SignLLM paper (digest §7.1): a pose → text (or gloss) model
 * built from the package's transformer layers (continuous pose encoder + the stage 1 token decoder),
 * its training loop and checkpoints, and the evaluation of ground-truth or generated poses with core's
 * BLEU-1..4 and ROUGE-L (plus PT's DTW for generated poses), written as a JSON report in the run folder.
 */
export type {
  BacktranslationConfig,
  BacktranslationConfigInput,
  BacktranslationOverrides,
  BacktranslationTarget,
} from './backtranslation-config.ts';
export {
  BACKTRANSLATION_TARGETS,
  BacktranslationConfigSchema,
  loadBacktranslationConfig,
} from './backtranslation-config.ts';
export type { BacktranslationReport } from './backtranslation-report.ts';
export {
  BACKTRANSLATION_REPORT_FORMAT,
  BacktranslationMetricsSchema,
  BacktranslationReportSchema,
  backtranslationReport,
  backtranslationReportPath,
  EVAL_DIR,
  poseReportPath,
  readBacktranslationReport,
  readJsonIfExists,
  writeBacktranslationReport,
} from './backtranslation-report.ts';
export type {
  BacktranslationGroup,
  BacktranslatorState,
  EncoderFrames,
  TranslateOptions,
} from './backtranslator.ts';
export { Backtranslator, encoderFrames, toPoseTextBatch } from './backtranslator.ts';
export type {
  BacktranslationExample,
  BacktranslationMetrics,
  BacktranslationScores,
  EvaluateBacktranslationOptions,
  PoseSource,
  TextScores,
} from './evaluate-backtranslation.ts';
export { evaluateBacktranslation, scoreTexts } from './evaluate-backtranslation.ts';
export { formatBacktranslation } from './format-backtranslation.ts';
export type { BacktranslationState } from './load-backtranslator.ts';
export {
  BACKTRANSLATION_STATE_KIND,
  BACKTRANSLATION_STATE_VERSION,
  BacktranslationStateSchema,
  backtranslationStateOf,
  loadBacktranslator,
} from './load-backtranslator.ts';
export type {
  PoseTextBatch,
  PoseTextDecodeOptions,
  PoseTextSizes,
  PoseTextTransformerOptions,
} from './pose-text-transformer.ts';
export { PoseTextTransformer } from './pose-text-transformer.ts';
export type { TrainBacktranslationOptions, TrainBacktranslationResult } from './train-backtranslation.ts';
export { trainBacktranslation, trainBacktranslationStep } from './train-backtranslation.ts';
