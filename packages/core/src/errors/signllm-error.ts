/**
 * The one base error of SignLLM. Every error the packages throw on purpose is a `SignLLMError` with a
 * stable `code` (documented in `ERROR_CODES`), so callers branch on `error.code`, never on message text.
 * Messages name the bad value and, where there is a fixed set, the valid options.
 */

const MARKER = '__signllm_error__';
const SYMBOL: symbol = Symbol.for(MARKER);

/** Stable error codes. Add new codes here; never change the meaning of an existing one. */
export const ERROR_CODES = {
  /** An argument or option has a value outside its domain. */
  invalidArgument: 'invalid_argument',
  /** A language code or Prompt2Sign tag that the registry does not know. */
  unknownLanguage: 'unknown_language',
  /** A skeleton name that is not registered. */
  unknownSkeleton: 'unknown_skeleton',
  /** Two skeletons with no mapping between them. */
  noSkeletonMapping: 'no_skeleton_mapping',
  /** Shapes of typed arrays do not agree with frames × joints × dims. */
  shapeMismatch: 'shape_mismatch',
  /** A file or stream ended before the data it announced. */
  truncated: 'format_truncated',
  /** Wrong magic number, version, or structure for the format. */
  badFormat: 'format_invalid',
  /** A format version this code does not read (for example one from the future). */
  unsupportedVersion: 'format_unsupported_version',
  /** A count in a header that claims more data than exists or than is allowed. */
  tooLarge: 'format_too_large',
  /** A number that does not parse, or is NaN / Infinity where finite values are required. */
  invalidNumber: 'format_invalid_number',
  /** Side files (.text / .gloss / .files) whose lines do not line up with the sequences. */
  misaligned: 'format_misaligned',
  /** Bytes that are not valid UTF-8 where text is expected. */
  invalidUtf8: 'format_invalid_utf8',
  /** Data that fails a zod schema. */
  schemaInvalid: 'schema_invalid',
  /** A file a manifest lists is not there. */
  fileMissing: 'file_missing',
  /** A file whose size or SHA-256 differs from what its manifest records. */
  integrityMismatch: 'integrity_mismatch',
  /** A model file the inference runtime cannot load (corrupt, truncated, wrong inputs or outputs). */
  modelInvalid: 'model_invalid',
  /** The inference runtime failed while running a model. */
  inferenceFailed: 'inference_failed',
  /** An input string with no token to read. */
  inputEmpty: 'input_empty',
  /** An input longer than the model accepts. */
  inputTooLong: 'input_too_long',
  /** A token id outside the model's vocabulary. */
  tokenOutOfVocabulary: 'token_out_of_vocabulary',
  /** Work cancelled through an `AbortSignal`. */
  aborted: 'aborted',
} as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Where in an input an error was found. Every field is optional; codecs fill what they know. */
export interface ErrorPosition {
  /** File name or label of the input, when known. */
  source?: string;
  /** Byte offset from the start of the input. */
  byte?: number;
  /** 1-based line number for text formats. */
  line?: number;
  /** 1-based token (number) index within the line. */
  token?: number;
  /** 0-based frame index. */
  frame?: number;
}

/** Options of a `SignLLMError`. */
export interface SignLLMErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** Where in the input the problem is. */
  position?: ErrorPosition;
  /** Machine-readable extra facts (the bad value, the valid options, ...). */
  details?: Record<string, unknown>;
}

/**
 * Base class of every deliberate SignLLM error.
 *
 * @example
 * ```ts
 * try { getLanguage('xx'); } catch (e) {
 *   if (SignLLMError.isInstance(e) && e.code === 'unknown_language') console.log(e.message);
 * }
 * ```
 */
export class SignLLMError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Where in the input the problem is, when it comes from parsing. */
  readonly position: ErrorPosition | undefined;
  /** Extra facts (bad value, valid options). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: SignLLMErrorOptions = {}) {
    super(
      withPosition(message, options.position),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'SignLLMError';
    this.code = code;
    this.position = options.position;
    this.details = options.details;
    Object.defineProperty(this, SYMBOL, { value: true, enumerable: false });
  }

  /** True for any `SignLLMError`, also across duplicated copies of this package (marker-based). */
  static isInstance(value: unknown): value is SignLLMError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SYMBOL] === true;
  }
}

function withPosition(message: string, position: ErrorPosition | undefined): string {
  if (!position) return message;
  const parts: string[] = [];
  if (position.source !== undefined) parts.push(position.source);
  if (position.line !== undefined) parts.push(`line ${position.line}`);
  if (position.token !== undefined) parts.push(`token ${position.token}`);
  if (position.frame !== undefined) parts.push(`frame ${position.frame}`);
  if (position.byte !== undefined) parts.push(`byte ${position.byte}`);
  return parts.length ? `${message} (at ${parts.join(', ')})` : message;
}

/** Formats a list of valid options for an error message: `"a", "b" or "c"`. */
export function formatOptions(options: readonly string[], max = 20): string {
  const shown = options.slice(0, max).map((o) => JSON.stringify(o));
  const more = options.length > max ? ` (and ${options.length - max} more)` : '';
  if (shown.length <= 1) return (shown[0] ?? '(none)') + more;
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${more}`;
}
