/**
 * What every training command does around its loop: pick the TensorFlow.js backend and log it, open
 * and lock the run folder for a fresh or resumed run, and release the lock however the run ends.
 */
import { selectBackend } from '../backend/select-backend.ts';
import { prepareRunDir } from '../run/index.ts';

/** An opened run, as the training loop sees it. */
export interface TrainingRun {
  /** The run folder. */
  dir: string;
  /** `<dir>/metrics.jsonl`. */
  metricsPath: string;
  /** Where log lines go. */
  log: (line: string) => void;
  /** The backend's one-line description (recorded in results). */
  backend: string;
}

/** Settings of `withTrainingRun`. */
export interface TrainingRunSettings {
  /** Log prefix, e.g. `signllm-train`. */
  label: string;
  /** The run folder. */
  outDir: string;
  /** Requested backend (`auto`, `wasm`, …). */
  backend: string;
  /** Continue from the latest checkpoint. */
  resume?: boolean;
  /** Log lines; default stderr. */
  log?: (line: string) => void;
}

/**
 * Selects the backend, opens the run folder and runs `body` in it, releasing the folder's lock at the end.
 *
 * @example
 * ```ts
 * const result = await withTrainingRun({ label: 'signllm-train', outDir: 'runs/a', backend: 'auto' }, (run) => loop(run));
 * ```
 */
export async function withTrainingRun<T>(
  settings: TrainingRunSettings,
  body: (run: TrainingRun) => Promise<T>,
): Promise<T> {
  const log = settings.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const backend = await selectBackend(settings.backend);
  const skipped = backend.skipped.length > 0 ? ` (skipped: ${backend.skipped.join('; ')})` : '';
  log(`${settings.label}: ${backend.description}${skipped}`);
  const run = await prepareRunDir(settings.outDir, { resume: settings.resume ?? false });
  try {
    return await body({ dir: run.dir, metricsPath: run.metricsPath, log, backend: backend.description });
  } finally {
    await run.release();
  }
}
