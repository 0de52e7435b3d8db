/**
 * Small pieces shared by the `signllm-train` commands: option parsers that turn bad values into usage
 * errors (exit code 2, with commander's message naming the option), error messages, and the run folder
 * of a run-or-checkpoint path.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SignLLMError } from '@signllm/core';
import { InvalidArgumentError } from 'commander';
import { CHECKPOINT_JSON } from '../run/index.ts';

/**
 * A parser for an integer option ≥ `min`.
 *
 * @example
 * ```ts
 * command.option('--steps <n>', 'optimiser steps', integer('--steps', 1));
 * ```
 */
export function integer(name: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got "${value}"`);
    }
    return n;
  };
}

/**
 * A parser for an option naming an existing folder (or file): a missing path is a usage error.
 *
 * @example
 * ```ts
 * command.requiredOption('--data <dataset>', 'dataset folder', existingPath('folder'));
 * ```
 */
export function existingPath(kind: 'folder' | 'file'): (value: string) => string {
  return (value) => {
    if (!existsSync(value)) throw new InvalidArgumentError(`${value} does not exist`);
    const isDir = statSync(value).isDirectory();
    if (kind === 'folder' && !isDir) throw new InvalidArgumentError(`${value} is not a folder`);
    if (kind === 'file' && isDir) throw new InvalidArgumentError(`${value} is a folder, not a file`);
    return value;
  };
}

/** The message of an error (SignLLMError or any Error), for `signllm-train <command>: <message>`. */
export function message(error: unknown): string {
  return SignLLMError.isInstance(error) || error instanceof Error ? error.message : String(error);
}

/**
 * The run folder of a path that names a run folder or one of its checkpoint folders
 * (`<run>/checkpoints/step-000120`).
 *
 * @example
 * ```ts
 * runDirOf('runs/base/checkpoints/step-000120'); // 'runs/base'
 * ```
 */
export function runDirOf(path: string): string {
  return existsSync(join(path, CHECKPOINT_JSON)) ? dirname(dirname(path)) : path;
}
