/**
 * `Sample`: one sequence on its way through the pipeline (ingest → clean → lift → normalise →
 * prompts → dataset row), with the metadata that travels with it.
 */
import type { PoseSequence } from '@signllm/core';

/** One sign-language sequence and what is known about it. */
export interface Sample {
  /** Unique id within a dataset, e.g. `"dev/11August_2010_Wednesday_tagesschau-2"`. */
  id: string;
  /** The poses: any skeleton, 2D or 3D, until cleaning maps them to `prompt2sign-50`. */
  sequence: PoseSequence;
  /** ISO 639-3 code of the sign language (e.g. `"ase"`), when known. */
  language?: string;
  /** The spoken-language sentence. */
  text?: string;
  /** Space-separated gloss tokens (e.g. `"REGEN MORGEN"`), when the source has them. */
  gloss?: string;
  /** A question-style prompt asking for the sentence (filled by the prompts step). */
  prompt?: string;
  /** Split name (`"train"`, `"dev"`, `"test"`), when the source fixes it; otherwise chosen by id. */
  split?: string;
  /** Name of the input it came from (a path relative to the input root, or a source name). */
  source: string;
  /**
   * Quality and processing flags, e.g. `"noisy:jitter"`, `"noisy:dropped-frames"`, `"noisy:timing"`
   * (synthetic low-quality samples), `"lifted"`, `"interpolated"`.
   */
  flags?: string[];
}

/** Why one input could not be used: reported per input, never fatal to a build. */
export interface InputProblem {
  /** The input (file or folder) that failed. */
  input: string;
  /** A stable code, usually a `SignLLMError` code such as `"format_invalid"`. */
  code: string;
  /** What went wrong, for people. */
  message: string;
}
