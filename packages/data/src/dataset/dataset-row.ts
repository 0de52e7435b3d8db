/**
 * `DatasetRow`: a `Sample` with everything a dataset row needs, its checks against the dataset's
 * skeleton / dims / fps, and its encoding to the integers and strings of one shard row.
 */
import { ERROR_CODES, getLanguage, SignLLMError } from '@signllm/core';
import type { Sample } from '../sample.ts';
import { type EncodedPose, encodePose } from './pose-codec.ts';

/** One dataset row: a `Sample` whose split, language, text, gloss, prompt and lang-gloss are known. */
export interface DatasetRow extends Sample {
  /** Split name, e.g. `"train"` (lowercase letters, digits, `_`, `-`; at most 32 characters). */
  split: string;
  /** ISO 639-3 code of the sign language, e.g. `"gsg"`. */
  language: string;
  /** Spoken-language sentence. */
  text: string;
  /** Space-separated glosses; `''` when the source has none. */
  gloss: string;
  /** Question-style prompt. */
  prompt: string;
  /** Gloss tokens marked with the language (Text2LangGloss), `''` when unknown. */
  langGloss: string;
}

/** What every row of a dataset must match. */
export interface RowExpectations {
  skeleton: string;
  dims: 2 | 3;
  fps: number;
}

/** A row ready for a shard: strings plus the encoded pose. */
export interface EncodedRow {
  id: string;
  split: string;
  language: string;
  text: string;
  gloss: string;
  prompt: string;
  langGloss: string;
  source: string;
  flags: string[];
  fps: number;
  pose: EncodedPose;
}

/** Split names as the manifest accepts them. */
export const SPLIT_PATTERN: RegExp = /^[a-z][a-z0-9_-]{0,31}$/;

const MAX_TEXT = 1_000_000;

function bad(id: string, message: string, details?: Record<string, unknown>): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, `Dataset row "${id}": ${message}`, {
    position: { source: id },
    ...(details ? { details } : {}),
  });
}

function requireString(row: Record<string, unknown>, key: string, id: string, allowEmpty: boolean): string {
  const value = row[key];
  if (typeof value !== 'string') throw bad(id, `${key} must be a string, got ${typeof value}`);
  if (!allowEmpty && value === '') throw bad(id, `${key} must not be empty`);
  if (value.length > MAX_TEXT) throw bad(id, `${key} is ${value.length} characters; at most ${MAX_TEXT}`);
  return value;
}

/**
 * Checks a row and encodes it: required strings, a split name like `"train"`, a known ISO language
 * code, string flags, and a sequence on the dataset's skeleton, dims and fps with finite values.
 * Throws `SignLLMError` (`invalidArgument`, `unknownLanguage`, `shapeMismatch`, `invalidNumber`)
 * naming the row id and the expected value.
 *
 * @example
 * ```ts
 * const enc = encodeRow(row, { skeleton: 'prompt2sign-50', dims: 3, fps: 25 });
 * ```
 */
export function encodeRow(row: DatasetRow, expect: RowExpectations): EncodedRow {
  if (row === null || typeof row !== 'object') {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'A dataset row must be an object');
  }
  const rec = row as unknown as Record<string, unknown>;
  const id = typeof row.id === 'string' && row.id !== '' ? row.id : '(no id)';
  requireString(rec, 'id', id, false);
  if (id.length > 1000) throw bad(id, `id is ${id.length} characters; at most 1000`);
  const split = requireString(rec, 'split', id, false);
  if (!SPLIT_PATTERN.test(split)) {
    throw bad(id, `split "${split}" is not a split name like "train", "dev" or "test"`, { split });
  }
  const language = requireString(rec, 'language', id, false);
  const canonical = getLanguage(language).code;
  if (canonical !== language) {
    throw bad(id, `language must be an ISO 639-3 code: write "${canonical}" instead of "${language}"`);
  }
  const flags = row.flags ?? [];
  if (!Array.isArray(flags) || flags.some((f) => typeof f !== 'string')) {
    throw bad(id, 'flags must be an array of strings');
  }
  const seq = row.sequence;
  if (seq === null || typeof seq !== 'object' || !(seq.data instanceof Float32Array)) {
    throw bad(id, 'sequence must be a PoseSequence');
  }
  if (seq.skeleton.name !== expect.skeleton || seq.dims !== expect.dims || seq.fps !== expect.fps) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `Dataset row "${id}": the sequence is ${seq.dims}D on "${seq.skeleton.name}" at ${seq.fps} fps, but ` +
        `the dataset holds ${expect.dims}D sequences on "${expect.skeleton}" at ${expect.fps} fps; ` +
        'map, lift or resample it first',
      {
        position: { source: id },
        details: { skeleton: seq.skeleton.name, dims: seq.dims, fps: seq.fps, expected: expect },
      },
    );
  }
  const { frames, joints, dims } = seq;
  if (
    joints !== seq.skeleton.joints.length ||
    seq.data.length !== frames * joints * dims ||
    seq.confidence.length !== frames * joints
  ) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `Dataset row "${id}": data/confidence lengths do not match ${frames} frames × ${joints} joints × ${dims}`,
      { position: { source: id } },
    );
  }
  if (frames < 1) throw bad(id, 'the sequence has no frames');
  return {
    id,
    split,
    language,
    text: requireString(rec, 'text', id, true),
    gloss: requireString(rec, 'gloss', id, true),
    prompt: requireString(rec, 'prompt', id, true),
    langGloss: requireString(rec, 'langGloss', id, true),
    source: requireString(rec, 'source', id, true),
    flags: [...flags],
    fps: seq.fps,
    pose: encodePose(seq.data, seq.confidence, frames, joints, dims, { source: id }),
  };
}
