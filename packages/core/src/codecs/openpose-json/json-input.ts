/**
 * Internal, shared by the OpenPose and DWPose JSON codecs: turning one frame's content (JSON text,
 * UTF-8 bytes, or an already parsed value) into a value, and small checks on parsed JSON. Every
 * failure is a `SignLLMError` that names the input.
 */
import { ERROR_CODES, type ErrorPosition, SignLLMError } from '../../errors/signllm-error.ts';
import { isUint8Array } from '../../util/typed-array-checks.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Frame content: JSON text, its UTF-8 bytes, or the value `JSON.parse` would return. */
export type JsonFrameContent = string | Uint8Array | unknown;

/** Where an error is, as a short label for messages: `"frame_12.json"` or `input`. */
export function label(position: ErrorPosition): string {
  return position.source === undefined ? 'input' : `"${position.source}"`;
}

/**
 * Parses frame content. Strings and bytes are parsed as JSON (`badFormat` when invalid,
 * `invalidUtf8` for bad bytes, `invalidNumber` for the non-JSON `NaN` / `Infinity` tokens that
 * Python's `json` writes); any other value is returned as is.
 */
export function parseJsonContent(content: JsonFrameContent, position: ErrorPosition): unknown {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else if (isUint8Array(content)) {
    try {
      text = UTF8.decode(content);
    } catch (cause) {
      throw new SignLLMError(ERROR_CODES.invalidUtf8, `JSON frame ${label(position)} is not valid UTF-8`, {
        position,
        cause,
      });
    }
  } else {
    return content;
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    const nonFinite = /(?:^|[[,:\s])-?(NaN|Infinity)\b/.exec(text);
    if (nonFinite) {
      throw new SignLLMError(
        ERROR_CODES.invalidNumber,
        `JSON frame ${label(position)} contains ${nonFinite[1]}, which is neither valid JSON nor a finite coordinate`,
        { position, cause },
      );
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `JSON frame ${label(position)} is not valid JSON: ${reason}`,
      {
        position,
        cause,
      },
    );
  }
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of a bad JSON value for messages. */
export function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Throws `invalidNumber` unless `value` is a finite number; returns it. */
export function finite(value: unknown, what: string, position: ErrorPosition): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SignLLMError(
      ERROR_CODES.invalidNumber,
      `${what} is ${show(value)}, expected a finite number (in ${label(position)})`,
      { position, details: { value: typeof value === 'number' ? value : show(value) } },
    );
  }
  return value;
}

/** A confidence: finite, not negative; values above 1 (OpenPose and DWPose emit up to ~1.13) clamp to 1. */
export function confidence(value: unknown, what: string, position: ErrorPosition): number {
  const c = finite(value, what, position);
  if (c < 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidNumber,
      `${what} is ${c}, a confidence cannot be negative (in ${label(position)})`,
      {
        position,
        details: { value: c },
      },
    );
  }
  return Math.min(c, 1);
}

/** Checks an optional person index option. */
export function personIndex(person: number | undefined): number {
  const p = person ?? 0;
  if (!Number.isInteger(p) || p < 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `person must be a non-negative integer, got ${show(p)}`,
    );
  }
  return p;
}
