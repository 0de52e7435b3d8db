/**
 * The HTTP API of `@signllm/serve` under load, for the tiny bundle (packages/serve/fixtures/bundles/mlsf:
 * d 64, 2+2 layers, trained) and the Base config (d 512, 2+2 layers, 4 heads, FFN 2048; random weights,
 * built by `bundle-bench-base.ts` through the real export path). The real server (`startServer`) runs
 * in a forked child process (`serve-bench-server.ts`, with `--expose-gc`); this process generates the
 * load over loopback with Node's `fetch` (keep-alive). Every generation runs exactly `maxFrames` frames
 * (the child gives every request an unreachable stop threshold, see `STOP_COUNTER` there), and every
 * answer's frame count is checked. Each bundle is served twice: on the server's main thread (2
 * intra-op threads) and by a `WorkerPool` of SIGNLLM_BENCH_SERVE_WORKERS workers (default 2, 1 intra-op
 * thread each). Measured per bundle and mode:
 * - a load test: `POST /v1/translate` (format json) at concurrency 8 (the server's `maxInFlight`),
 *   after 50 warm-up requests → throughput (requests/s, also over that of one request at a time),
 *   p50 and p99 latency, errors (non-200 answers, failed fetches and answers with the wrong frame
 *   count; goal 0), the server's resident memory after `global.gc()` after the warm-up and after the
 *   load (goal: growth < 10 %), and the CPU time per request of the server and of the load generator
 *   (both share the machine's cores);
 * - HTTP overhead: sequential requests (concurrency 1), p50 latency of `POST /v1/translate` (json, and
 *   `stream: true` NDJSON to the full body) against the decoding loop called directly in the server
 *   process (`bundle.generate(...)` drained, same input, `maxFrames` and stop threshold, timed there);
 *   the three alternate in blocks (rotating which goes first) so that machine noise hits all of them
 *   (goal: http / direct ≤ 1.2×); the json answers' own `timing.generationMs` splits the difference
 *   into the translation service's part and the rest (answer building, HTTP, client).
 * SIGNLLM_BENCH_SERVE_REQUESTS sets the load-test requests for tiny (default 2000),
 * SIGNLLM_BENCH_SERVE_BASE_REQUESTS for Base (default 2000), SIGNLLM_BENCH_SERVE_RUNS the sequential
 * runs per variant of the overhead test (default 100).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchResult, Measurement } from './harness.ts';
import { type ServerChild, startServerChild } from './serve-bench-child.ts';

const here = dirname(fileURLToPath(import.meta.url));
const TINY_BUNDLE = join(here, '..', '..', '..', 'packages', 'serve', 'fixtures', 'bundles', 'mlsf');
const SENTENCE = 'the weather tomorrow will be cold and windy in the north of germany';
const LANGUAGE = 'ase';
const CONCURRENCY = 8;
const WARMUP_REQUESTS = 50;
const TINY_REQUESTS = Number(process.env.SIGNLLM_BENCH_SERVE_REQUESTS ?? 2000);
const BASE_REQUESTS = Number(process.env.SIGNLLM_BENCH_SERVE_BASE_REQUESTS ?? 2000);
const OVERHEAD_RUNS = Number(process.env.SIGNLLM_BENCH_SERVE_RUNS ?? 100);
const OVERHEAD_BLOCK = 10;
/** Every this many answers of the load test is parsed in full (all are checked by `X-Frames`). */
const PARSE_EVERY = 25;
const GOAL_RSS_GROWTH_PERCENT = 10;
const GOAL_HTTP_OVER_DIRECT = 1.2;
/** Workers of the worker-pool runs (one per core of the 2-core development machine). */
const POOL_WORKERS = Number(process.env.SIGNLLM_BENCH_SERVE_WORKERS ?? 2);

const log = (message: string): void => {
  process.stderr.write(`  [serve-load] ${message}\n`);
};

function requestBody(maxFrames: number, stream: boolean): string {
  return JSON.stringify({
    input: SENTENCE,
    inputType: 'text',
    language: LANGUAGE,
    format: 'json',
    maxFrames,
    ...(stream ? { stream: true } : {}),
  });
}

/** Status of a failed request: the HTTP status, or `fetch failed`, or `bad frames`. */
type Outcome =
  | { ok: true; ms: number; bytes: number; generationMs?: number }
  | { ok: false; kind: string; detail: string };

/** One `POST /v1/translate`, timed to the full body; checks the answer's frame count. */
async function translate(url: string, body: string, maxFrames: number, parse: boolean): Promise<Outcome> {
  const t0 = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${url}/v1/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    text = await res.text();
  } catch (error) {
    return {
      ok: false,
      kind: 'fetch failed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  const ms = performance.now() - t0;
  if (res.status !== 200) return { ok: false, kind: String(res.status), detail: text.slice(0, 300) };
  const isStream = (res.headers.get('content-type') ?? '').startsWith('application/x-ndjson');
  let frames: number;
  let generationMs: number | undefined;
  if (isStream) {
    const lines = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { type: string });
    frames = lines.filter((l) => l.type === 'frame').length;
    const last = lines[lines.length - 1]?.type;
    if (last !== 'end') return { ok: false, kind: 'bad stream', detail: `last line ${last}` };
  } else {
    frames = Number(res.headers.get('x-frames'));
    if (parse) {
      const json = JSON.parse(text) as { frames: number; data: unknown[]; timing: { generationMs: number } };
      if (json.frames !== frames || json.data.length !== frames) {
        return { ok: false, kind: 'bad frames', detail: `X-Frames ${frames}, body ${json.frames}` };
      }
      generationMs = json.timing.generationMs;
    }
  }
  if (frames !== maxFrames) {
    return { ok: false, kind: 'bad frames', detail: `${frames} frames, expected ${maxFrames}` };
  }
  return { ok: true, ms, bytes: text.length, ...(generationMs === undefined ? {} : { generationMs }) };
}

interface LoadResult {
  latencies: number[];
  seconds: number;
  errors: number;
  /** Failures by kind (status code, `fetch failed`, `bad frames`), with the first detail of each. */
  failures: Record<string, { count: number; first: string }>;
}

async function loadTest(
  url: string,
  maxFrames: number,
  total: number,
  concurrency: number,
  label: string,
): Promise<LoadResult> {
  const body = requestBody(maxFrames, false);
  const latencies: number[] = [];
  const failures: LoadResult['failures'] = {};
  let errors = 0;
  let next = 0;
  let done = 0;
  const progressEvery = Math.max(100, Math.round(total / 4));
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const outcome = await translate(url, body, maxFrames, i % PARSE_EVERY === 0);
      if (outcome.ok) latencies.push(outcome.ms);
      else {
        errors++;
        failures[outcome.kind] ??= { count: 0, first: outcome.detail };
        failures[outcome.kind]!.count++;
      }
      done++;
      if (done % progressEvery === 0 && done < total) {
        const s = (performance.now() - t0) / 1000;
        log(`${label}: ${done}/${total} requests, ${(done / s).toFixed(1)} req/s, ${errors} errors`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, seconds: (performance.now() - t0) / 1000, errors, failures };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const sortedCopy = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** The server's resident memory after `global.gc()`, and its CPU time so far. */
function serverStats(server: ServerChild): Promise<{ rss: number; cpuMs: number }> {
  return server.call<{ rss: number; cpuMs: number }>({ type: 'rss' });
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Sequential HTTP (json, stream) and direct runs, alternating in blocks; p50 of each. */
async function overhead(
  server: ServerChild,
  maxFrames: number,
  runs: number,
  label: string,
): Promise<{
  httpMs: number;
  streamMs: number;
  directMs: number;
  generationMs: number;
  jsonBytes: number;
  errors: number;
  failures: string[];
}> {
  const jsonBody = requestBody(maxFrames, false);
  const streamBody = requestBody(maxFrames, true);
  const http: number[] = [];
  const stream: number[] = [];
  const direct: number[] = [];
  const generation: number[] = [];
  let jsonBytes = 0;
  const failures: string[] = [];
  const httpBlock = async (body: string, into: number[], n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const o = await translate(server.url, body, maxFrames, true);
      if (!o.ok) failures.push(`${o.kind}: ${o.detail}`);
      else {
        into.push(o.ms);
        if (o.generationMs !== undefined) {
          generation.push(o.generationMs);
          jsonBytes = o.bytes;
        }
      }
    }
  };
  const directBlock = async (into: number[], n: number): Promise<void> => {
    const { times } = await server.call<{ times: number[] }>({
      type: 'direct',
      input: SENTENCE,
      language: LANGUAGE,
      maxFrames,
      runs: n,
    });
    into.push(...times);
  };
  // Warm-up of each path (discarded).
  await httpBlock(jsonBody, [], 3);
  await httpBlock(streamBody, [], 3);
  await directBlock([], 3);
  const blocks: Array<(n: number) => Promise<void>> = [
    (n) => httpBlock(jsonBody, http, n),
    (n) => httpBlock(streamBody, stream, n),
    (n) => directBlock(direct, n),
  ];
  for (let done = 0, round = 0; done < runs; done += OVERHEAD_BLOCK, round++) {
    const n = Math.min(OVERHEAD_BLOCK, runs - done);
    for (let k = 0; k < blocks.length; k++) await blocks[(round + k) % blocks.length]!(n);
  }
  const p50 = (xs: number[]) => percentile(sortedCopy(xs), 50);
  const result = {
    httpMs: p50(http),
    streamMs: p50(stream),
    directMs: p50(direct),
    generationMs: p50(generation),
    jsonBytes,
  };
  log(
    `${label} sequential p50: http ${result.httpMs.toFixed(2)} ms (server-reported generation ${result.generationMs.toFixed(2)} ms, ${(jsonBytes / 1024).toFixed(0)} KiB), stream ${result.streamMs.toFixed(2)} ms, direct ${result.directMs.toFixed(2)} ms`,
  );
  return { ...result, errors: failures.length, failures };
}

interface ConfigResult {
  measurements: Measurement[];
  ratios: Record<string, number>;
  goals: NonNullable<BenchResult['goals']>;
  summary: string;
  problems: string[];
}

async function benchConfig(
  tag: string,
  title: string,
  bundleDir: string,
  maxFrames: number,
  requests: number,
  workers: number,
): Promise<ConfigResult> {
  log(`${title}: starting the server`);
  const started = performance.now();
  const server = await startServerChild(bundleDir, maxFrames, 120_000, workers);
  const problems: string[] = [];
  try {
    log(`${title}: ready at ${server.url} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const warm = await loadTest(server.url, maxFrames, WARMUP_REQUESTS, CONCURRENCY, `${tag} warm-up`);
    const before = await serverStats(server);
    const rssWarm = before.rss;
    log(`${title}: warm-up done (${warm.errors} errors), server RSS ${(rssWarm / 2 ** 20).toFixed(1)} MiB`);
    const clientCpu0 = cpuMs();
    const load = await loadTest(server.url, maxFrames, requests, CONCURRENCY, `${tag} load`);
    const clientCpu = cpuMs() - clientCpu0;
    const after = await serverStats(server);
    const rssAfter = after.rss;
    // The server's CPU time includes the two `global.gc()` of `serverStats` (a few ms).
    const serverCpu = after.cpuMs - before.cpuMs;
    const growth = ((rssAfter - rssWarm) / rssWarm) * 100;
    const sorted = sortedCopy(load.latencies);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const throughput = load.latencies.length / load.seconds;
    log(
      `${title}: CPU per request: server ${(serverCpu / requests).toFixed(2)} ms, load generator ${(clientCpu / requests).toFixed(2)} ms (${((serverCpu + clientCpu) / 1000 / load.seconds).toFixed(2)} cores busy)`,
    );
    log(
      `${title}: ${requests} requests in ${load.seconds.toFixed(1)} s, ${throughput.toFixed(1)} req/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${load.errors} errors, RSS ${(rssWarm / 2 ** 20).toFixed(1)} → ${(rssAfter / 2 ** 20).toFixed(1)} MiB (${growth.toFixed(1)} %)`,
    );
    for (const [kind, f] of Object.entries({ ...warm.failures, ...load.failures })) {
      problems.push(`${title}: ${f.count} × ${kind} under load (first: ${f.first})`);
    }
    const seq = await overhead(server, maxFrames, OVERHEAD_RUNS, title);
    for (const f of seq.failures.slice(0, 3)) problems.push(`${title}: sequential request failed: ${f}`);
    const errors = load.errors + warm.errors;
    const httpRatio = seq.httpMs / seq.directMs;
    const load_ = `load ${requests} req @ ${CONCURRENCY}, maxFrames ${maxFrames}`;
    return {
      measurements: [
        { name: `${title}: ${load_}: latency p50`, medianMs: p50, runs: load.latencies.length },
        { name: `${title}: ${load_}: latency p99`, medianMs: p99, runs: load.latencies.length },
        {
          name: `${title}: sequential POST /v1/translate json (p50)`,
          medianMs: seq.httpMs,
          runs: OVERHEAD_RUNS,
        },
        {
          name: `${title}: sequential POST /v1/translate stream (p50)`,
          medianMs: seq.streamMs,
          runs: OVERHEAD_RUNS,
        },
        {
          name: `${title}: sequential bundle.generate in the server (p50)`,
          medianMs: seq.directMs,
          runs: OVERHEAD_RUNS,
        },
        {
          name: `${title}: sequential json, server-reported generationMs (p50)`,
          medianMs: seq.generationMs,
          runs: OVERHEAD_RUNS,
        },
      ],
      ratios: {
        [`${tag}ThroughputRps`]: throughput,
        // Throughput at concurrency 8 over that of one request at a time (1000 / sequential p50).
        // onnxruntime-node runs each `session.run` synchronously on the main thread (in a
        // setImmediate), so concurrent translations interleave their steps rather than overlap.
        [`${tag}ThroughputOverSequential`]: throughput / (1000 / seq.httpMs),
        [`${tag}LatencyP50Ms`]: p50,
        [`${tag}LatencyP99Ms`]: p99,
        [`${tag}Errors`]: errors,
        [`${tag}RssAfterWarmupMiB`]: rssWarm / 2 ** 20,
        [`${tag}RssAfterLoadMiB`]: rssAfter / 2 ** 20,
        [`${tag}RssGrowthPercent`]: growth,
        [`${tag}ServerCpuMsPerRequest`]: serverCpu / requests,
        [`${tag}LoadGeneratorCpuMsPerRequest`]: clientCpu / requests,
        [`${tag}JsonAnswerKiB`]: seq.jsonBytes / 1024,
        [`${tag}HttpOverDirect`]: httpRatio,
        [`${tag}StreamOverDirect`]: seq.streamMs / seq.directMs,
        // Of the http time: generation as the server times it (bundle.generate, resampler, time budget).
        [`${tag}ServerGenerationOverDirect`]: seq.generationMs / seq.directMs,
        [`${tag}SequentialErrors`]: seq.errors,
      },
      goals: {
        [`${tag}Errors`]: { target: 0, actual: errors + seq.errors, met: errors + seq.errors === 0 },
        [`${tag}RssGrowthPercent`]: {
          target: GOAL_RSS_GROWTH_PERCENT,
          actual: growth,
          met: growth < GOAL_RSS_GROWTH_PERCENT,
        },
        [`${tag}HttpOverDirect`]: {
          target: GOAL_HTTP_OVER_DIRECT,
          actual: httpRatio,
          met: httpRatio <= GOAL_HTTP_OVER_DIRECT,
        },
      },
      summary: `${title}: ${requests} requests (after ${WARMUP_REQUESTS} warm-up) at concurrency ${CONCURRENCY}, maxFrames ${maxFrames}`,
      problems,
    };
  } finally {
    await server.stop();
  }
}

/** Builds the Base bundle in a child process (see bundle-bench-base.ts); returns its folder. */
function makeBaseBundle(dir: string, frames: number): string {
  const script = join(here, 'bundle-bench-base.ts');
  const child = spawnSync(process.execPath, [...process.execArgv, script, dir, String(frames), SENTENCE], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    throw new Error(`bundle-bench-base.ts failed (${child.status})`);
  }
  return (JSON.parse(line) as { bundleDir: string }).bundleDir;
}

export async function run(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'signllm-bench-serve-'));
  try {
    /** The bundle on the server's main thread, then in the worker pool. */
    const bothModes = async (
      tag: string,
      title: string,
      bundleDir: string,
      frames: number,
      requests: number,
    ) => [
      await benchConfig(tag, `${title}, main thread`, bundleDir, frames, requests, 0),
      await benchConfig(
        `${tag}Workers`,
        `${title}, ${POOL_WORKERS} workers`,
        bundleDir,
        frames,
        requests,
        POOL_WORKERS,
      ),
    ];
    const [tiny, tinyPool] = await bothModes('tiny', 'tiny (d 64)', TINY_BUNDLE, 64, TINY_REQUESTS);
    log('building the Base bundle (random weights)');
    const t0 = performance.now();
    const baseDir = makeBaseBundle(dir, 25);
    log(`Base bundle built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const [base, basePool] = await bothModes('base', 'Base (d 512)', baseDir, 25, BASE_REQUESTS);
    const all = [tiny!, tinyPool!, base!, basePool!];
    const problems = all.flatMap((c) => c.problems);
    for (const p of problems) log(`problem: ${p}`);
    return {
      id: 'serve-load',
      description: `@signllm/serve over loopback (server in a child process, maxInFlight ${CONCURRENCY}, load from the parent with fetch keep-alive), "${SENTENCE}" → ${LANGUAGE}, every generation exactly maxFrames frames; the bundle on the server's main thread (2 intra-op threads) or in ${POOL_WORKERS} worker threads (1 intra-op thread each). ${all.map((c) => c.summary).join('; ')}. Sequential http/direct (direct: the decoding loop on the main thread, 2 intra-op threads): ${OVERHEAD_RUNS} runs each, alternating blocks of ${OVERHEAD_BLOCK}.${problems.length > 0 ? ` Problems: ${problems.join('; ')}` : ''}`,
      measurements: all.flatMap((c) => c.measurements),
      ratios: {
        ...Object.assign({}, ...all.map((c) => c.ratios)),
        tinyWorkersThroughputOverMainThread:
          all[1]!.ratios.tinyWorkersThroughputRps! / all[0]!.ratios.tinyThroughputRps!,
        baseWorkersThroughputOverMainThread:
          all[3]!.ratios.baseWorkersThroughputRps! / all[2]!.ratios.baseThroughputRps!,
      },
      goals: Object.assign({}, ...all.map((c) => c.goals)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
