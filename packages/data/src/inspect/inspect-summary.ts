/**
 * The summary `signllm-data inspect` prints for any supported input.
 */

/** Formats `inspect` recognises. */
export type InspectFormat = 'pose' | 'skels' | 'openpose-json' | 'dwpose-json' | 'pose-lexicon';

/** One sequence of an input (one per `.pose` file, OpenPose folder, or `.skels` line). */
export interface SequenceSummary {
  /** Sequence id when the input names it (a `.files` line, a lexicon path, a folder name). */
  id?: string;
  /** Number of frames. */
  frames: number;
  /** Number of joints (points) per frame. */
  joints: number;
  /** Coordinate axes per joint (2 or 3). */
  dims: number;
  /** Frames per second, when the format stores it. */
  fps?: number;
  /** People per frame (`.pose` files only). */
  people?: number;
  /** Sentence text (`.skels` with a `.text` side file, lexicon words). */
  text?: string;
  /** Gloss sequence (`.skels` with a `.gloss` side file, lexicon glosses). */
  gloss?: string;
}

/** What `inspect` reports for one path. */
export interface InspectSummary {
  /** Path as given. */
  path: string;
  /** Detected format. */
  format: InspectFormat;
  /** Format version or dialect (e.g. `0.2` for `.pose`, `pt` for `.skels`). */
  version?: string;
  /** Skeleton name the data is expressed in. */
  skeleton: string;
  /** Bytes read. */
  bytes: number;
  /** One entry per sequence. */
  sequences: SequenceSummary[];
}
