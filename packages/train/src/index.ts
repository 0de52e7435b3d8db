/**
 * @signllm/train: the SignLLM model (MLSF, Prompt2LangGloss), RL loss, Priority Learning Channel,
 * checkpoints and bundle export. This package is a shell until its own issue lands; see README.
 */
/** Name of this package. */
export const PACKAGE_NAME = '@signllm/train';
