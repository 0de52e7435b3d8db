/**
 * Helper of `serve-load.bench.ts`, forked by it (with `--expose-gc`): starts the real `@signllm/serve`
 * server on a free loopback port for one bundle, and answers the benchmark's IPC messages, so that
 * the load generator (the parent) and the server do not share an event loop or a heap.
 *
 * Usage: `tsx serve-bench-server.ts <bundleDir> <maxFrames> <timeoutMs> [workers]` (with an IPC channel).
 * `workers` 0 (default): the server runs the bundle on its main thread (2 intra-op threads); N > 0: in a
 * `WorkerPool` of N workers with 1 intra-op thread each. The direct runs always use a bundle loaded on
 * the main thread (2 intra-op threads): the decoding loop without HTTP and without workers.
 *
 * Messages (each answer carries the request's `id`):
 * - sent once when the bundle is loaded and warmed up: `{ type: 'ready', url }` (or `{ type: 'failed', message }`);
 * - `{ type: 'rss', id }` → `{ id, rss, heapUsed, cpuMs }`: memory in bytes after `global.gc()`, and the
 *   process's CPU time so far (user + system, all threads) in milliseconds;
 * - `{ type: 'direct', id, input, language, maxFrames, runs }` → `{ id, times }`: milliseconds of each
 *   of `runs` sequential `bundle.generate(...)` calls on the server's own bundle, drained, with the same
 *   input, `maxFrames` and `stopCounter` as the HTTP requests get (the decoding loop without HTTP);
 * - `{ type: 'close', id }` → `{ id, drained }` after the graceful shutdown; then the process exits.
 */
import { performance } from 'node:perf_hooks';
import { loadBundle, type SignBundle } from '../../../packages/core/src/index.ts';
import {
  createNodeRuntime,
  directoryBundleSource,
  type PoseGenerator,
  resolveServeConfig,
  type StartServerOptions,
  startServer,
  WorkerPool,
} from '../../../packages/serve/src/index.ts';

/** `SignBundle` as the server's types see it (from `@signllm/core`'s build). */
type ServerBundle = Awaited<ReturnType<NonNullable<StartServerOptions['load']>>>;

/**
 * The stop threshold every generation gets. The Base bundle has random weights and the tiny one was
 * trained for a few steps: either may predict the end (counter ≥ `decoding.pose.stopCounter`) at any
 * frame, which would make the work per request depend on the weights. An unreachable threshold makes
 * every generation exactly `maxFrames` frames long, for the HTTP requests and the direct runs alike.
 */
export const STOP_COUNTER = 1e9;

type Request =
  | { type: 'rss'; id: number }
  | { type: 'direct'; id: number; input: string; language: string; maxFrames: number; runs: number }
  | { type: 'close'; id: number };

const [bundleDir, maxFramesArg, timeoutArg, workersArg = '0'] = process.argv.slice(2);
const workers = Number(workersArg);
if (bundleDir === undefined || maxFramesArg === undefined || timeoutArg === undefined) {
  throw new Error('usage: serve-bench-server.ts <bundleDir> <maxFrames> <timeoutMs>');
}
if (process.send === undefined) throw new Error('serve-bench-server.ts must be forked with an IPC channel');
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('serve-bench-server.ts needs --expose-gc');
const send = (message: object): void => {
  process.send?.(message);
};

let bundle: SignBundle | undefined;
const server = await startServer(
  resolveServeConfig({
    bundle: bundleDir,
    port: 0,
    logLevel: 'silent',
    limits: { maxInFlight: 8, maxFrames: Number(maxFramesArg), timeoutMs: Number(timeoutArg) },
  }),
  {
    load: async () => {
      const loaded = await loadBundle(directoryBundleSource(bundleDir), createNodeRuntime({ threads: 2 }));
      bundle = loaded;
      // Every request the server makes gets the unreachable stop threshold (see STOP_COUNTER); the
      // rest of the request (input, language, maxFrames, signal) is the server's own.
      const served: PoseGenerator =
        workers > 0
          ? await WorkerPool.start({ bundle: bundleDir, workers, threads: 1 })
          : // The server's `SignBundle` type comes from core's build (`@signllm/core`), this one from
            // its source: the same class, but TypeScript treats classes with private fields nominally.
            (loaded as unknown as ServerBundle);
      const generate = served.generate.bind(served);
      served.generate = (request) => generate({ ...request, stopCounter: STOP_COUNTER });
      return served;
    },
  },
);

try {
  await server.ready;
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  await server.close(0);
  process.exit(1);
}
send({ type: 'ready', url: server.url });

async function direct(input: string, language: string, maxFrames: number): Promise<number> {
  const b = bundle!;
  const t0 = performance.now();
  let frames = 0;
  for await (const _ of b.generate({
    input,
    inputType: 'text',
    language,
    maxFrames,
    stopCounter: STOP_COUNTER,
  }))
    frames++;
  const ms = performance.now() - t0;
  if (frames !== maxFrames) throw new Error(`direct generation gave ${frames} frames, expected ${maxFrames}`);
  return ms;
}

async function handle(message: Request): Promise<void> {
  if (message.type === 'rss') {
    gc!();
    gc!();
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    send({ id: message.id, rss: m.rss, heapUsed: m.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (message.type === 'direct') {
    const times: number[] = [];
    for (let i = 0; i < message.runs; i++) {
      times.push(await direct(message.input, message.language, message.maxFrames));
    }
    send({ id: message.id, times });
  } else if (message.type === 'close') {
    const drained = await server.close(5000);
    send({ id: message.id, drained });
    process.disconnect();
  }
}

process.on('message', (message: Request) => {
  handle(message).catch((error: unknown) => {
    send({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
// The parent went away without a `close`: do not outlive it.
process.on('disconnect', () => {
  void server.close(0).finally(() => process.exit(0));
});
