/**
 * An inference worker of `signllm-serve` (a `worker_threads` entry): loads the bundle with its own
 * onnxruntime-node sessions, warms it up, and runs the generations the main thread sends, posting
 * frames in batches (the first at once). Several generations may run at once; they take turns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type GeneratedFrame,
  type GenerationSummary,
  loadBundle,
  type SignBundle,
  SignLLMError,
} from '@signllm/core';
import { directoryBundleSource } from '../runtime/directory-bundle-source.ts';
import { createNodeRuntime } from '../runtime/onnxruntime-node.ts';
import { warmUp } from '../translation-support.ts';
import type { FromWorker, ToWorker, WireError, WorkerStart } from './protocol.ts';

/** An error as it can cross threads (details only if they survive JSON). */
export function toWire(error: unknown): WireError {
  if (SignLLMError.isInstance(error)) {
    let details: Record<string, unknown> | undefined;
    try {
      details = error.details === undefined ? undefined : JSON.parse(JSON.stringify(error.details));
    } catch {
      details = undefined;
    }
    return { signllm: true, code: error.code, message: error.message, ...(details ? { details } : {}) };
  }
  return { signllm: false, message: error instanceof Error ? error.message : String(error) };
}

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

interface Running {
  controller: AbortController;
  settled: Promise<void>;
}

let closing = false;

async function run(
  bundle: SignBundle,
  message: Extract<ToWorker, { type: 'generate' }>,
  controller: AbortController,
): Promise<void> {
  const width = bundle.manifest.decoding.pose.frameWidth - 1;
  let pending: GeneratedFrame[] = [];
  let since = 0;
  let sent = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const values = new Float32Array(pending.length * width);
    const counters = new Float64Array(pending.length);
    pending.forEach((f, i) => {
      values.set(f.values, i * width);
      counters[i] = f.counter;
    });
    sent += pending.length;
    pending = [];
    post({ type: 'frames', id: message.id, values, counters }, [values.buffer, counters.buffer]);
  };
  try {
    const generator = bundle.generate({ ...message.request, signal: controller.signal });
    let result: IteratorResult<GeneratedFrame, GenerationSummary>;
    for (;;) {
      result = await generator.next();
      if (result.done) break;
      if (pending.length === 0) since = performance.now();
      pending.push(result.value);
      if (sent === 0 || performance.now() - since >= message.batchMs) flush();
    }
    flush();
    post({ type: 'done', id: message.id, summary: result.value });
  } catch (error) {
    if (!closing) post({ type: 'failed', id: message.id, error: toWire(error) });
  }
}

/** Aborts every generation, waits until none runs a graph, releases the sessions and lets the thread end. */
async function close(bundle: SignBundle, jobs: Map<number, Running>): Promise<void> {
  closing = true;
  for (const job of jobs.values()) job.controller.abort(new Error('the worker is closing'));
  await Promise.all([...jobs.values()].map((j) => j.settled));
  await bundle.release();
  parentPort?.close();
}

async function main(): Promise<void> {
  const start = workerData as WorkerStart;
  let bundle: SignBundle;
  try {
    bundle = await loadBundle(
      directoryBundleSource(start.bundle),
      createNodeRuntime({ threads: start.threads }),
    );
    await warmUp(bundle);
  } catch (error) {
    post({ type: 'load-failed', error: toWire(error) });
    return;
  }
  const jobs = new Map<number, Running>();
  parentPort?.on('message', (message: ToWorker) => {
    if (closing) return;
    if (message.type === 'generate') {
      const controller = new AbortController();
      const settled = run(bundle, message, controller).finally(() => jobs.delete(message.id));
      jobs.set(message.id, { controller, settled });
    } else if (message.type === 'abort') {
      jobs.get(message.id)?.controller.abort(new Error('aborted by the server'));
    } else if (message.type === 'close') void close(bundle, jobs);
  });
  const accepts = Object.fromEntries(bundle.languages.map((l) => [l, bundle.accepts(l)]));
  post({ type: 'ready', manifest: bundle.manifest, languages: [...bundle.languages], accepts });
}

if (parentPort !== null) void main();
