/**
 * Internal, shared by the JSON frame codecs: orders per-frame files by the frame number in their
 * names (numerically), rejecting names without a number and duplicate numbers.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../../errors/signllm-error.ts';
import { show } from './json-input.ts';

/** One per-frame file: its name (file name or path) and its content. */
export interface NamedFrame<C = unknown> {
  readonly name: string;
  readonly content: C;
}

/** A frame with its number. */
export interface NumberedFrame<C = unknown> extends NamedFrame<C> {
  readonly id: number;
}

/**
 * Sorts frames by `idOf(name)`. Throws `invalidArgument` for an empty or non-array list,
 * `badFormat` naming the file when a name has no frame number (`expected` describes the pattern),
 * and `badFormat` naming both files when two share a number.
 */
export function orderFrames<C>(
  frames: readonly NamedFrame<C>[],
  idOf: (name: string) => number | undefined,
  expected: string,
): NumberedFrame<C>[] {
  if (!Array.isArray(frames) || frames.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Expected a non-empty array of { name, content } frames, got ${Array.isArray(frames) ? 'an empty array' : show(frames)}`,
    );
  }
  const numbered = frames.map((frame, i): NumberedFrame<C> => {
    if (typeof frame !== 'object' || frame === null || typeof frame.name !== 'string') {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `Frame ${i} has no string "name": ${show(frame)}`);
    }
    const id = idOf(frame.name);
    if (id === undefined) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `Frame file name "${frame.name}" has no frame number; expected ${expected}`,
        { position: { source: frame.name }, details: { value: frame.name } },
      );
    }
    return { name: frame.name, content: frame.content, id };
  });
  numbered.sort((a, b) => a.id - b.id);
  for (let i = 1; i < numbered.length; i++) {
    const a = numbered[i - 1]!;
    const b = numbered[i]!;
    if (a.id === b.id) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `Frame files ${formatOptions([a.name, b.name])} have the same frame number ${a.id}`,
        { position: { source: b.name }, details: { id: a.id, names: [a.name, b.name] } },
      );
    }
  }
  return numbered;
}

/** Parses a decimal frame number, or undefined when it is not a safe integer. */
export function frameNumber(digits: string | undefined): number | undefined {
  if (digits === undefined) return undefined;
  const id = Number(digits);
  return Number.isSafeInteger(id) ? id : undefined;
}
