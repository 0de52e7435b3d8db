/**
 * Option parsers shared by the `signllm-data` commands: each turns a bad value into a usage error
 * (exit code 2) that names the option, the value and what is expected.
 */
import { CommanderError, InvalidArgumentError } from 'commander';

/** Throws a usage error (exit code 2); `main` prints its message. */
export function usage(message: string): never {
  throw new CommanderError(2, 'signllm-data.usage', message);
}

/** An option value commander rejects with its own message: "option '--x <n>' argument 'v' is invalid. …". */
function invalid(message: string): never {
  throw new InvalidArgumentError(message);
}

/** `--x <n>`: a positive finite number. */
export function positiveNumber(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!(n > 0 && Number.isFinite(n))) invalid(`${name} must be a positive number, got "${value}"`);
    return n;
  };
}

/** `--x <n>`: an integer in [min, max]. */
export function integer(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      invalid(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/** `--x <f>`: a number in [0, 1]. */
export function fraction(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n <= 1))
      invalid(`${name} must be a number from 0 to 1, got "${value}"`);
    return n;
  };
}

/** `--x a,b,c`: a non-empty comma-separated list. */
export function list(name: string): (value: string, previous?: string[]) => string[] {
  return (value, previous) => {
    const items = value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (items.length === 0) invalid(`${name} needs at least one value, got "${value}"`);
    return [...(previous ?? []), ...items];
  };
}

/** `--x <w>x<h>`: a frame size like `1280x720`. */
export function frameSize(name: string): (value: string) => [number, number] {
  return (value) => {
    const m = /^(\d{1,6})x(\d{1,6})$/.exec(value.trim());
    const w = Number(m?.[1]);
    const h = Number(m?.[2]);
    if (!m || !(w > 0) || !(h > 0)) invalid(`${name} must look like 1280x720, got "${value}"`);
    return [w, h];
  };
}

/** `--x <v>` that may be repeated. */
export function repeatable(value: string, previous?: string[]): string[] {
  return [...(previous ?? []), value];
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
