/**
 * A small pool of worker threads running one script: `run(message)` posts to the least-busy worker
 * and resolves with its reply. Typed-array buffers are transferred, not copied. A worker that dies
 * rejects its pending jobs and is replaced, so one crash never stalls a build.
 */
import { Worker } from 'node:worker_threads';

/** A job's reply from a worker: the worker script posts `{ job, result }` or `{ job, error }`. */
interface Reply<T> {
  job: number;
  result?: T;
  error?: { code: string; message: string };
}

/** Error thrown for a job the worker rejected; keeps the worker's error code. */
export class WorkerJobError extends Error {
  /** The error code the worker reported (a `SignLLMError` code, or `"worker_error"`). */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'WorkerJobError';
    this.code = code;
  }
}

/** A pool of worker threads. */
export interface WorkerPool<In, Out> {
  /** Runs one job; `transfer` lists buffers to move to the worker. */
  run(message: In, transfer?: ArrayBuffer[]): Promise<Out>;
  /** Number of worker threads. */
  readonly size: number;
  /** Stops every worker (pending jobs reject). */
  close(): Promise<void>;
}

interface Slot<Out> {
  worker: Worker;
  pending: Map<number, { resolve: (v: Out) => void; reject: (e: Error) => void }>;
}

/**
 * Starts `size` workers running the module at `script`.
 *
 * @example
 * ```ts
 * const pool = createWorkerPool<Job, Result>(new URL('./process-worker.js', import.meta.url), 2);
 * const result = await pool.run(job, [job.data.buffer]);
 * await pool.close();
 * ```
 */
export function createWorkerPool<In, Out>(
  script: URL,
  size: number,
  workerData?: unknown,
): WorkerPool<In, Out> {
  let nextJob = 0;
  let closed = false;
  const slots: Slot<Out>[] = [];

  const start = (index: number): Slot<Out> => {
    const worker = new Worker(script, { workerData });
    const slot: Slot<Out> = { worker, pending: new Map() };
    worker.on('message', (reply: Reply<Out>) => {
      const p = slot.pending.get(reply.job);
      if (!p) return;
      slot.pending.delete(reply.job);
      if (reply.error) p.reject(new WorkerJobError(reply.error.code, reply.error.message));
      else p.resolve(reply.result as Out);
    });
    const fail = (error: Error) => {
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      if (!closed) slots[index] = start(index);
    };
    worker.on('error', (e) => fail(new WorkerJobError('worker_error', `worker thread failed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (!closed && code !== 0)
        fail(new WorkerJobError('worker_error', `worker thread exited with code ${code}`));
    });
    worker.unref();
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(start(i));

  return {
    size,
    run(message, transfer = []) {
      if (closed) return Promise.reject(new Error('worker pool is closed'));
      let best = slots[0] as Slot<Out>;
      for (const s of slots) if (s.pending.size < best.pending.size) best = s;
      const job = nextJob++;
      return new Promise<Out>((resolve, reject) => {
        best.pending.set(job, { resolve, reject });
        best.worker.ref();
        best.worker.postMessage({ job, message }, transfer);
      }).finally(() => {
        if (best.pending.size === 0) best.worker.unref();
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
