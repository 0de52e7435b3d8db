export type { ErrorCode, ErrorPosition, SignLLMErrorOptions } from './signllm-error.ts';
export { ERROR_CODES, formatOptions, SignLLMError } from './signllm-error.ts';
