/**
 * The SignLLM web app (`packages/web/dist/app`, built by `pnpm build`) in real headless Chromium
 * (Debian's `/usr/bin/chromium`, driven by playwright-core; see `web-bench-page.ts`), served by the real
 * `signllm-serve` (`startServer` from `@signllm/serve`) on a loopback port, for the tiny bundle
 * (packages/serve/fixtures/bundles/mlsf: d 64, int8, its counter never reaches the stop threshold, so
 * every generation runs to maxTargetLength 256) and the Base config (d 512, 2+2 layers, fp32, random
 * weights, built by `bundle-bench-base.ts` through the real export path into a temp folder, with
 * `--never-stop`: its counter is always 0, so every generation runs to maxTargetLength 400; the app
 * has no way to pass a stop threshold, and random weights stop at the first frame). Measured:
 *
 * 1. The build's sizes, gzip -9 (`web-bench-sizes.ts`): the initial scripts (what index.html loads),
 *    the lazy chunks (the three.js 3D view), CSS; onnxruntime-web's `ort/` files apart, for information.
 * 2. Generation in the page: one page per bundle and mode, loaded once; after SIGNLLM_BENCH_WEB_WARMUP
 *    warm-up generations (default 1), SIGNLLM_BENCH_WEB_RUNS (default 5) more; medians of the app's
 *    own figures (`#stats`: generationMs, frames, fps, RTF = generationMs / (frames / fps · 1000)) and of
 *    the time in the page from the click to `ready` after the last frame. Browser mode
 *    (`?mode=browser`: onnxruntime-web, wasm) against the reference, the same bundle in server mode
 *    through the same page (onnxruntime-node in one worker thread with 2 intra-op threads, as many as
 *    the page's wasm threads). The browser's generationMs is the page's wall time of the decoding loop;
 *    the server's is the server's own timing of its loop (without HTTP): hence also click → done
 *    (and click → first frame shown) in the page, for both. The browser-mode block runs first, then the
 *    server-mode block (one page open at a time: an open page's viewer keeps animating).
 * 3. Page load → first frame: SIGNLLM_BENCH_WEB_LOADS (default 5) loads, after one discarded, each in
 *    a fresh browser context (empty cache) of `/?text=…&lang=…&autostart&mode=…`: the app's
 *    `data-load-to-first-frame-ms` (ms from navigation start until the viewer drew the first generated
 *    frame) and the time to `ready` (model loaded, or server connected), medians.
 *
 * The server runs in this process (as tooling/e2e does): the browser is a process of its own, and the
 * model runs in the server's worker thread, so this process's event loop serves only HTTP and
 * playwright's messages. Any page error, console error or failed request fails the benchmark, except
 * `POST /v1/translate` streams that Chromium logs as `net::ERR_ABORTED` (a stream still open when its
 * page closed; counted in `abortedTranslateStreams`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createLogger, type RunningServer, resolveServeConfig, startServer } from '@signllm/serve';
import type { Browser } from 'playwright-core';
import type { BenchResult, Measurement } from './harness.ts';
import {
  type AppStats,
  generate,
  launchChromium,
  loadRun,
  openApp,
  type PageProblems,
  pageInfo,
  waitReady,
} from './web-bench-page.ts';
import { appSizes, sizeReport } from './web-bench-sizes.ts';

const here = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(here, '..', '..', '..');
const WEB_ROOT = join(REPO_ROOT, 'packages', 'web', 'dist', 'app');
const TINY_BUNDLE = join(REPO_ROOT, 'packages', 'serve', 'fixtures', 'bundles', 'mlsf');
const SENTENCE = 'the weather tomorrow will be cold and windy in the north of germany';
const LANGUAGE = 'ase';
const RUNS = Number(process.env.SIGNLLM_BENCH_WEB_RUNS ?? 5);
const WARMUP = Number(process.env.SIGNLLM_BENCH_WEB_WARMUP ?? 1);
const LOADS = Number(process.env.SIGNLLM_BENCH_WEB_LOADS ?? 5);
/** Intra-op threads of the server's worker: as many as onnxruntime-web's wasm threads in the page. */
const SERVER_THREADS = 2;

type Mode = 'server' | 'browser';

const log = (message: string): void => {
  process.stderr.write(`  [web-browser] ${message}\n`);
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
};
const f1 = (x: number): string => x.toFixed(1);
const f3 = (x: number): string => x.toFixed(3);

async function startAppServer(bundle: string): Promise<RunningServer> {
  const config = resolveServeConfig({
    bundle,
    port: 0,
    host: '127.0.0.1',
    web: WEB_ROOT,
    workers: 1,
    threads: SERVER_THREADS,
    logLevel: 'warn',
  });
  const server = await startServer(config, { logger: createLogger('warn') });
  await server.ready;
  return server;
}

/** Builds the Base bundle in a child process (see bundle-bench-base.ts); returns its folder. */
function makeBaseBundle(dir: string): string {
  const script = join(here, 'bundle-bench-base.ts');
  // Its TensorFlow.js timing runs `frames` frames: 1 keeps it short (the timing is not used here).
  // `--never-stop`: the counter is always 0, so every generation runs to maxTargetLength (400).
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, script, dir, '1', SENTENCE, '--never-stop'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{'))
    throw new Error(`bundle-bench-base.ts failed (${child.status})`);
  return (JSON.parse(line) as { bundleDir: string }).bundleDir;
}

interface GenerationFigures {
  frames: number;
  fps: number;
  generationMs: number;
  rtf: number;
  clickToDoneMs: number;
  /** Click → the viewer drew the first generated frame (`data-first-shown-ms`). */
  firstShownMs: number;
  msPerFrame: number;
  clickToDoneMsPerFrame: number;
  crossOriginIsolated: boolean;
  runtime: string;
  threads?: number;
}

/** One page in `mode`, loaded once; warm-up, then `RUNS` generations; medians. */
async function generationRuns(
  browser: Browser,
  url: string,
  mode: Mode,
  problems: PageProblems,
  label: string,
): Promise<GenerationFigures> {
  const app = await openApp(browser, `${url}/?mode=${mode}&lang=${LANGUAGE}`, problems, label);
  try {
    await waitReady(app.page);
    const info = await pageInfo(app.page);
    if (!info.status.startsWith('Ready')) throw new Error(`${label}: ${info.status}`);
    if (!info.crossOriginIsolated) log(`${label}: WARNING: the page is not cross-origin isolated`);
    if (mode === 'browser' && info.threads !== 2) log(`${label}: WARNING: runtime ${info.runtime}`);
    for (let i = 0; i < WARMUP; i++) await generate(app.page, SENTENCE);
    const runs: Array<AppStats & { clickToDoneMs: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const { stats, clickToDoneMs } = await generate(app.page, SENTENCE);
      runs.push({ ...stats, clickToDoneMs });
    }
    const frames = new Set(runs.map((r) => r.frames));
    if (frames.size !== 1) log(`${label}: frame counts differ between runs: ${[...frames].join(', ')}`);
    const generationMs = median(runs.map((r) => r.generationMs));
    const clickToDoneMs = median(runs.map((r) => r.clickToDoneMs));
    const figures: GenerationFigures = {
      frames: median(runs.map((r) => r.frames)),
      fps: runs[0]!.fps,
      generationMs,
      rtf: median(runs.map((r) => r.rtf)),
      clickToDoneMs,
      firstShownMs: median(runs.map((r) => r.firstShownMs ?? Number.NaN)),
      msPerFrame: median(runs.map((r) => r.generationMs / r.frames)),
      clickToDoneMsPerFrame: median(runs.map((r) => r.clickToDoneMs / r.frames)),
      crossOriginIsolated: info.crossOriginIsolated,
      runtime: info.runtime,
      ...(info.threads === undefined ? {} : { threads: info.threads }),
    };
    log(
      `${label}: ${figures.frames} frames at ${figures.fps} fps, generation ${f1(generationMs)} ms (${f3(figures.msPerFrame)} ms/frame, RTF ${f3(figures.rtf)}), click → done ${f1(clickToDoneMs)} ms; ${info.runtime}; crossOriginIsolated ${info.crossOriginIsolated}`,
    );
    return figures;
  } finally {
    await app.close();
  }
}

interface LoadFigures {
  readyMs: number;
  loadToFirstFrameMs: number;
  frames: number;
  lazyChunksFetched: number;
}

/** `LOADS` fresh page loads with autostart (after one discarded); medians. */
async function loadRuns(
  browser: Browser,
  url: string,
  mode: Mode,
  problems: PageProblems,
  label: string,
): Promise<LoadFigures> {
  const page = `${url}/?text=${encodeURIComponent(SENTENCE)}&lang=${LANGUAGE}&autostart&mode=${mode}`;
  await loadRun(browser, page, problems, `${label} (warm-up)`);
  const runs = [];
  for (let i = 0; i < LOADS; i++) runs.push(await loadRun(browser, page, problems, label));
  const figures = {
    readyMs: median(runs.map((r) => r.readyMs)),
    loadToFirstFrameMs: median(runs.map((r) => r.loadToFirstFrameMs)),
    frames: median(runs.map((r) => r.stats.frames)),
    lazyChunksFetched: Math.max(...runs.map((r) => r.assets.filter((a) => a.includes('three')).length)),
  };
  log(
    `${label}: load → ready ${f1(figures.readyMs)} ms, load → first frame ${f1(figures.loadToFirstFrameMs)} ms (medians of ${LOADS}: ${runs.map((r) => f1(r.loadToFirstFrameMs)).join(', ')})`,
  );
  return figures;
}

interface BundleResult {
  measurements: Measurement[];
  ratios: Record<string, number>;
  summary: string;
}

async function benchBundle(
  browser: Browser,
  tag: string,
  title: string,
  bundleDir: string,
  problems: PageProblems,
): Promise<BundleResult> {
  const t0 = performance.now();
  const server = await startAppServer(bundleDir);
  try {
    log(`${title}: server ready at ${server.url} after ${f1((performance.now() - t0) / 1000)} s`);
    const gen = {
      browser: await generationRuns(browser, server.url, 'browser', problems, `${title}, browser mode`),
      server: await generationRuns(browser, server.url, 'server', problems, `${title}, server mode`),
    };
    const load = {
      server: await loadRuns(browser, server.url, 'server', problems, `${title}, server mode, page load`),
      browser: await loadRuns(browser, server.url, 'browser', problems, `${title}, browser mode, page load`),
    };
    const b = gen.browser;
    const s = gen.server;
    const g = (mode: Mode, what: string, ms: number): Measurement => ({
      name: `${title}, ${mode} mode, ${gen[mode].frames} frames: ${what}`,
      medianMs: ms,
      runs: RUNS,
    });
    const l = (mode: Mode, what: string, ms: number): Measurement => ({
      name: `${title}, ${mode} mode: page load → ${what}`,
      medianMs: ms,
      runs: LOADS,
    });
    const measurements = [
      g('browser', 'generationMs', b.generationMs),
      g('server', 'generationMs (server-reported)', s.generationMs),
      g('browser', 'click → done in the page', b.clickToDoneMs),
      g('server', 'click → done in the page', s.clickToDoneMs),
      g('browser', 'click → first frame shown', b.firstShownMs),
      g('server', 'click → first frame shown', s.firstShownMs),
      l('server', 'ready', load.server.readyMs),
      l('server', 'first frame shown', load.server.loadToFirstFrameMs),
      l('browser', 'ready (model loaded)', load.browser.readyMs),
      l('browser', 'first frame shown', load.browser.loadToFirstFrameMs),
    ];
    const ratios = {
      [`${tag}BrowserRtf`]: b.rtf,
      [`${tag}ServerRtf`]: s.rtf,
      [`${tag}BrowserMsPerFrame`]: b.msPerFrame,
      [`${tag}ServerMsPerFrame`]: s.msPerFrame,
      // The headline: generation time per frame, browser (onnxruntime-web) over server (onnxruntime-node).
      [`${tag}BrowserOverServerPerFrame`]: b.msPerFrame / s.msPerFrame,
      [`${tag}BrowserOverServerClickToDonePerFrame`]: b.clickToDoneMsPerFrame / s.clickToDoneMsPerFrame,
      [`${tag}BrowserFrames`]: b.frames,
      [`${tag}ServerFrames`]: s.frames,
      [`${tag}CrossOriginIsolated`]: b.crossOriginIsolated ? 1 : 0,
      [`${tag}WasmThreads`]: b.threads ?? 0,
      [`${tag}LoadToFirstFrameBrowserOverServer`]:
        load.browser.loadToFirstFrameMs / load.server.loadToFirstFrameMs,
      [`${tag}LazyChunksFetchedOnLoad`]: Math.max(
        load.server.lazyChunksFetched,
        load.browser.lazyChunksFetched,
      ),
    };
    const summary =
      `${title}: browser mode (${b.runtime}, crossOriginIsolated ${b.crossOriginIsolated}) ${b.frames} frames at ${b.fps} fps in ${f1(b.generationMs)} ms, RTF ${f3(b.rtf)}; ` +
      `server mode (onnxruntime-node, 1 worker × ${SERVER_THREADS} intra-op threads) ${s.frames} frames in ${f1(s.generationMs)} ms, RTF ${f3(s.rtf)}; ` +
      `browser/server per frame ${f1(b.msPerFrame / s.msPerFrame)}× (click → done in the page: ${f1(b.clickToDoneMsPerFrame / s.clickToDoneMsPerFrame)}×); ` +
      `page load → first frame: server mode ${f1(load.server.loadToFirstFrameMs)} ms, browser mode ${f1(load.browser.loadToFirstFrameMs)} ms (ready after ${f1(load.browser.readyMs)} ms)`;
    return { measurements, ratios, summary };
  } finally {
    await server.close(1000);
  }
}

export async function run(): Promise<BenchResult> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`the web app is not built (${WEB_ROOT}): run \`pnpm build\` first`);
  }
  const sizes = sizeReport(appSizes(WEB_ROOT));
  log(sizes.summary);
  const dir = await mkdtemp(join(tmpdir(), 'signllm-bench-web-'));
  const problems: PageProblems = { errors: [], abortedStreams: 0 };
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    const baseDir = makeBaseBundle(dir);
    log(`Base bundle built in ${f1((performance.now() - t0) / 1000)} s`);
    browser = await launchChromium();
    log(`Chromium ${browser.version()}`);
    const tiny = await benchBundle(browser, 'tiny', 'tiny (d 64)', TINY_BUNDLE, problems);
    const base = await benchBundle(browser, 'base', 'Base (d 512)', baseDir, problems);
    const { errors } = problems;
    if (errors.length > 0) {
      throw new Error(`the pages logged ${errors.length} errors:\n${errors.slice(0, 20).join('\n')}`);
    }
    return {
      id: 'web-browser',
      description:
        `The web app in headless Chromium ${browser.version()} (${CHROMIUM_NOTE}), served by signllm-serve on loopback; "${SENTENCE}" → ${LANGUAGE}. ` +
        `${sizes.summary}. Generation: ${WARMUP} warm-up + ${RUNS} runs per page, medians; page loads: ${LOADS} fresh contexts (+1 discarded) each. ` +
        `${tiny.summary}. ${base.summary}. No page errors, console errors or failed requests ` +
        `(besides ${problems.abortedStreams} POST /v1/translate streams that Chromium logs as net::ERR_ABORTED: streams still open when their page closed).`,
      measurements: [...sizes.measurements, ...tiny.measurements, ...base.measurements],
      ratios: {
        ...sizes.ratios,
        ...tiny.ratios,
        ...base.ratios,
        abortedTranslateStreams: problems.abortedStreams,
      },
    };
  } finally {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const CHROMIUM_NOTE = '--headless --no-sandbox --disable-gpu, 2D viewer';
