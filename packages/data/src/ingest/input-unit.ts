/**
 * The units `discoverInputs` finds and `readInput` reads: one clip folder, one file, one corpus or
 * one lexicon each, plus the entries discovery passes over.
 */

/** What a unit holds. */
export type InputKind = 'openpose' | 'dwpose' | 'pose' | 'skels' | 'lexicon' | 'video' | 'dataset';

/** The input kinds, in a fixed order. */
export const INPUT_KINDS: readonly InputKind[] = [
  'openpose',
  'dwpose',
  'pose',
  'skels',
  'lexicon',
  'video',
  'dataset',
];

/** One input to read: a clip folder, a `.pose` / `.skels` / video file, a lexicon or a dataset folder. */
export interface InputUnit {
  /** What the unit holds. */
  kind: InputKind;
  /**
   * The file or folder to read: the clip folder (`openpose`, `dwpose`; a DWPose folder may keep its
   * frames in a `json/` child), the `.pose` / `.skels` / video file, the lexicon or dataset folder.
   */
  path: string;
  /**
   * Stable name for resumability and `Sample.source`: the base name of the root that was given,
   * then the path relative to it, with `/` separators (e.g. `data/how2sign-openpose/clip`). Unique
   * within one `discoverInputs` result (a repeat gets `#2`, `#3`...).
   */
  key: string;
}

/** An entry discovery passed over, and why. Not an error. */
export interface SkippedInput {
  /** The file or folder. */
  path: string;
  /** Why it is not an input, for people. */
  reason: string;
}
