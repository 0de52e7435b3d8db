/**
 * Errors as HTTP answers: every failure becomes `{ error: { code, message } }` with the right status.
 * `SignLLMError` codes map to 4xx/5xx here; anything unexpected becomes a 500 whose message says
 * nothing about the server's insides (the stack goes to the log only).
 */
import { ERROR_CODES, type ErrorCode, type ErrorResponse, SignLLMError } from '@signllm/core';

/** Error codes that only the HTTP layer uses (next to core's `ERROR_CODES`). */
export const HTTP_ERROR_CODES = {
  invalidJson: 'invalid_json',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  notAcceptable: 'not_acceptable',
  tooManyRequests: 'too_many_requests',
  notReady: 'not_ready',
  shuttingDown: 'shutting_down',
  timeout: 'timeout',
  internal: 'internal_error',
} as const;

/** One of `HTTP_ERROR_CODES`. */
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[keyof typeof HTTP_ERROR_CODES];

/** HTTP statuses the API answers errors with. */
export type ErrorStatus = 400 | 404 | 405 | 406 | 413 | 415 | 429 | 500 | 503 | 504;

/**
 * An error with its HTTP status, code, message and extra headers (`Retry-After`, `Allow`).
 *
 * @example
 * ```ts
 * throw new ApiError(429, 'too_many_requests', '4 translations are running; retry in 1 s', { 'Retry-After': '1' });
 * ```
 */
export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: HttpErrorCode | ErrorCode;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: ErrorStatus,
    code: HttpErrorCode | ErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const SERVER_SIDE: ReadonlySet<string> = new Set<ErrorCode>([
  ERROR_CODES.inferenceFailed,
  ERROR_CODES.modelInvalid,
  ERROR_CODES.fileMissing,
  ERROR_CODES.integrityMismatch,
]);

/**
 * The status, body and headers an error is answered with, and whether it is the server's fault
 * (logged at error level with its stack).
 *
 * @example
 * ```ts
 * const { status, body } = errorAnswer(new SignLLMError('unknown_language', 'language "xx" …'));
 * status; // 400
 * ```
 */
export function errorAnswer(error: unknown): {
  status: ErrorStatus;
  body: ErrorResponse;
  headers: Readonly<Record<string, string>>;
  serverFault: boolean;
} {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message } },
      headers: error.headers,
      serverFault: error.status === 500,
    };
  }
  if (SignLLMError.isInstance(error)) {
    const serverFault = SERVER_SIDE.has(error.code);
    return {
      status: serverFault ? 500 : 400,
      body: {
        error: {
          code: error.code,
          message: serverFault
            ? 'the model failed to run; the error is in the server log'
            : clip(error.message),
        },
      },
      headers: {},
      serverFault,
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: HTTP_ERROR_CODES.internal,
        message: 'internal server error; the details are in the server log',
      },
    },
    headers: {},
    serverFault: true,
  };
}

function clip(message: string): string {
  return message.length > 2000 ? `${message.slice(0, 2000)}…` : message;
}
