/**
 * `sequenceToPoseFile`: a `PoseSequence` as a one-person `.pose` file (ready for `writePose`).
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import type { PoseSequence } from '../../pose-sequence/pose-sequence.ts';
import type { Rgb, Skeleton } from '../../skeletons/skeleton.ts';
import { formatLength, POSE_FORMAT_VERSION, type PoseFile, type PoseHeaderComponent } from './pose-file.ts';

/** Options of `sequenceToPoseFile`. */
export interface SequenceToPoseFileOptions {
  /** Canvas width in pixels. Default 1000. */
  width?: number;
  /** Canvas height in pixels. Default 1000. */
  height?: number;
  /** Canvas depth. Default 0. */
  depth?: number;
  /** Frames per second to store. Default: the sequence's. */
  fps?: number;
}

/**
 * The shortest palette that, cycled, gives these per-point colours (the inverse of
 * `colors[i % colors.length]`): the smallest period of the sequence, via the KMP prefix function.
 */
function shortestPalette(colors: readonly Rgb[]): Array<[number, number, number]> {
  const keys = colors.map((c) => `${c[0]},${c[1]},${c[2]}`);
  const prefix = new Array<number>(keys.length).fill(0);
  for (let i = 1; i < keys.length; i++) {
    let k = prefix[i - 1]!;
    while (k > 0 && keys[i] !== keys[k]) k = prefix[k - 1]!;
    if (keys[i] === keys[k]) k++;
    prefix[i] = k;
  }
  const period = keys.length - (prefix[keys.length - 1] ?? 0);
  return colors.slice(0, period).map((c) => [c[0], c[1], c[2]]);
}

/** The header components of a skeleton; formats from the skeleton when they agree with `dims`. */
function headerComponents(skeleton: Skeleton, dims: number): PoseHeaderComponent[] {
  let widest = 0;
  for (const c of skeleton.components) widest = Math.max(widest, formatLength(c.format));
  const keepFormats = widest - 1 === dims;
  return skeleton.components.map((c) => {
    const end = c.start + c.count;
    const limbs: Array<[number, number]> = [];
    for (const [from, to] of skeleton.bones) {
      if (from >= c.start && from < end && to >= c.start && to < end)
        limbs.push([from - c.start, to - c.start]);
    }
    return {
      name: c.name,
      format: keepFormats ? c.format : dims === 3 ? 'XYZC' : 'XYC',
      points: [...(c.points ?? skeleton.joints.slice(c.start, end))],
      limbs,
      colors: shortestPalette(skeleton.colors.slice(c.start, end)),
    };
  });
}

/**
 * Builds a one-person `.pose` file from a sequence. The header comes from the sequence's skeleton:
 * one component per skeleton component, with its `.pose` point names (`component.points`, else the
 * joint names), its limbs (bones inside the component, in local indices; bones that cross components
 * cannot be stored in `.pose` and are left out) and the shortest palette that reproduces the
 * per-joint colours. Formats are the skeleton's when the widest matches `seq.dims`, else `XYC` /
 * `XYZC`. Data and confidence are copied bit for bit, so `poseFileToSequence` gives them back.
 *
 * @example
 * ```ts
 * const bytes = writePose(sequenceToPoseFile(seq, { width: 1280, height: 720 }));
 * ```
 */
export function sequenceToPoseFile(seq: PoseSequence, options: SequenceToPoseFileOptions = {}): PoseFile {
  const components = headerComponents(seq.skeleton, seq.dims);
  const points = components.reduce((n, c) => n + c.points.length, 0);
  if (points !== seq.joints) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `skeleton "${seq.skeleton.name}" has components covering ${points} points but the sequence has ${seq.joints} joints`,
    );
  }
  return {
    header: {
      version: POSE_FORMAT_VERSION,
      width: options.width ?? 1000,
      height: options.height ?? 1000,
      depth: options.depth ?? 0,
      components,
    },
    body: {
      fps: options.fps ?? seq.fps,
      frames: seq.frames,
      people: 1,
      dims: seq.dims,
      data: seq.data.slice(),
      confidence: seq.confidence.slice(),
    },
  };
}
