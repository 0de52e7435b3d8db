/**
 * Progress of long steps: a bar with counts and ETA on a terminal (cli-progress, on stderr), and
 * throttled NDJSON lines (`{"event":"progress",...}`) when stderr is not a terminal, so logs of CI
 * runs and pipelines stay machine-readable. Tests and library callers use `silentProgress`.
 */
import { SingleBar } from 'cli-progress';

/** One long step's progress sink. */
export interface Progress {
  /** Sets the expected total (it may grow while inputs are discovered). */
  setTotal(total: number): void;
  /** Advances by `n` (default 1), with optional fields shown/logged (e.g. `{ problems: 2 }`). */
  tick(n?: number, fields?: Record<string, string | number>): void;
  /** Logs a message line (a warning, a skipped input) without breaking the bar. */
  log(message: string, fields?: Record<string, unknown>): void;
  /** Ends the step; prints a final line (JSON mode) or stops the bar. */
  done(fields?: Record<string, string | number>): void;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** Name of the step, e.g. `"build"`. */
  label: string;
  /** Expected total, when known. */
  total?: number;
  /** `'bar'`, `'json'`, `'none'` or `'auto'` (default: bar on a TTY, JSON otherwise). */
  mode?: 'auto' | 'bar' | 'json' | 'none';
  /** Where to write (default `process.stderr`). */
  stream?: NodeJS.WriteStream;
  /** Minimum milliseconds between JSON progress lines (default 1000). */
  intervalMs?: number;
  /** Clock, injectable for tests (default `Date.now`). */
  now?: () => number;
}

/** A progress sink that prints nothing. */
export const silentProgress: Progress = {
  setTotal: () => {},
  tick: () => {},
  log: () => {},
  done: () => {},
};

function etaSeconds(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || total <= done) return done >= total ? 0 : null;
  return Math.round(((total - done) * elapsedMs) / done / 1000);
}

/**
 * Creates the progress sink for a step.
 *
 * @example
 * ```ts
 * const progress = createProgress({ label: 'build', total: inputs.length });
 * for (const input of inputs) { await work(input); progress.tick(); }
 * progress.done();
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const mode =
    options.mode === undefined || options.mode === 'auto' ? (stream.isTTY ? 'bar' : 'json') : options.mode;
  if (mode === 'none') return silentProgress;
  const now = options.now ?? Date.now;
  const start = now();
  let total = options.total ?? 0;
  let value = 0;
  if (mode === 'json') {
    const interval = options.intervalMs ?? 1000;
    let last = -Infinity;
    const emit = (event: string, fields: Record<string, unknown> = {}) => {
      const elapsed = now() - start;
      stream.write(
        `${JSON.stringify({ event, step: options.label, done: value, total, elapsedMs: elapsed, etaSeconds: etaSeconds(value, total, elapsed), ...fields })}\n`,
      );
    };
    return {
      setTotal: (t) => {
        total = t;
      },
      tick: (n = 1, fields) => {
        value += n;
        const t = now();
        if (t - last >= interval) {
          last = t;
          emit('progress', fields);
        }
      },
      log: (message, fields) => {
        stream.write(`${JSON.stringify({ event: 'log', step: options.label, message, ...fields })}\n`);
      },
      done: (fields) => emit('done', fields),
    };
  }
  const bar = new SingleBar({
    stream,
    format: `${options.label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted} | {duration_formatted}{extra}`,
    hideCursor: false,
    clearOnComplete: false,
    etaBuffer: 50,
  });
  bar.start(total, 0, { extra: '' });
  const extra = (fields?: Record<string, string | number>) =>
    fields
      ? ` | ${Object.entries(fields)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`
      : '';
  return {
    setTotal: (t) => {
      total = t;
      bar.setTotal(t);
    },
    tick: (n = 1, fields) => {
      value += n;
      bar.increment(n, fields ? { extra: extra(fields) } : undefined);
    },
    log: (message) => {
      // Clear the bar's line, print the message, and let the bar redraw below it.
      stream.write(`\r\u001b[2K${message}\n`);
      bar.render();
    },
    done: (fields) => {
      if (fields) bar.update(value, { extra: extra(fields) });
      bar.stop();
    },
  };
}
