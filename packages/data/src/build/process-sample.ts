/**
 * The per-sequence pipeline of a build: clean (map to `prompt2sign-50`, drop low-confidence frames,
 * interpolate) → lift 2D→3D when the dataset is 3D → resample to the dataset fps → normalise. Pure
 * computation, so it runs the same on the main thread and in worker threads.
 */
import { ERROR_CODES, type PoseSequence, resampleFps, SignLLMError } from '@signllm/core';
import { type CleanOptions, type CleanReport, cleanSequence } from '../clean/index.ts';
import { type LiftOptions, liftSequence } from '../lift/index.ts';
import { type NormalisationMethod, normalizeSequence } from '../normalize/index.ts';
import type { Sample } from '../sample.ts';

/** How to process each sequence. */
export interface ProcessOptions {
  /** Coordinates per joint in the dataset (default 3). */
  dims?: 2 | 3;
  /** Frames per second of the dataset: sequences at another rate are resampled. */
  fps: number;
  /** Lift 2D inputs to 3D (default true when `dims` is 3); options of the lifter. */
  lift?: boolean | LiftOptions;
  /**
   * Normalisation of the output, or `'keep'` for inputs that are already in the dataset's convention
   * (e.g. `.skels` corpora written in it).
   */
  normalize: NormalisationMethod | 'keep';
  /** Options of the cleaning step. */
  clean?: CleanOptions;
}

/** What processing one sequence reported. */
export interface ProcessReport {
  /** The cleaning report. */
  clean: CleanReport;
  /** Confidence-weighted mean 2D reprojection error of the lift, normalised units (when lifted). */
  liftReprojectionError?: number;
  /** The same, in input units (e.g. pixels). */
  liftReprojectionErrorInput?: number;
  /** Lift loss at the start and at the end (when lifted). */
  liftLoss?: [initial: number, final: number];
}

/** A processed sample and its report. */
export interface ProcessedSample {
  sample: Sample;
  report: ProcessReport;
}

/**
 * Runs the pipeline on one sample.
 *
 * @throws SignLLMError when the sequence cannot be used (unknown skeleton, every frame dropped, …).
 * @example
 * ```ts
 * const { sample: clean, report } = processSample(sample, { fps: 25, normalize: 'signllm' });
 * ```
 */
export function processSample(sample: Sample, options: ProcessOptions): ProcessedSample {
  const dims = options.dims ?? 3;
  const cleaned = cleanSequence(sample.sequence, options.clean);
  let seq: PoseSequence = cleaned.sequence;
  const report: ProcessReport = { clean: cleaned.report };
  const flags = new Set(sample.flags ?? []);
  if (cleaned.report.pointsFilled > 0) flags.add('interpolated');
  if (seq.dims === 2 && dims === 3) {
    if (options.lift === false) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${sample.id} is 2D and the dataset is 3D; build with lifting on, or --dims 2`,
      );
    }
    const lifted = liftSequence(seq as PoseSequence<2>, options.lift === true ? undefined : options.lift);
    seq = lifted.sequence;
    report.liftReprojectionError = lifted.report.reprojectionError.normalised;
    report.liftReprojectionErrorInput = lifted.report.reprojectionError.input;
    report.liftLoss = [lifted.report.initialLoss, lifted.report.finalLoss];
    flags.add('lifted');
  } else if (seq.dims === 3 && dims === 2) {
    seq = dropZ(seq as PoseSequence<3>);
  }
  if (Math.abs(seq.fps - options.fps) > 1e-9) seq = resampleFps(seq, options.fps);
  if (options.normalize !== 'keep')
    seq = normalizeSequence(seq, options.normalize, { source: sample.id }).sequence;
  return { sample: { ...sample, sequence: seq, flags: [...flags].sort() }, report };
}

function dropZ(seq: PoseSequence<3>): PoseSequence<2> {
  const n = seq.frames * seq.joints;
  const data = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    data[2 * i] = seq.data[3 * i] as number;
    data[2 * i + 1] = seq.data[3 * i + 1] as number;
  }
  return { ...seq, dims: 2, data };
}
