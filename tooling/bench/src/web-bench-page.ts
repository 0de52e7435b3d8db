/**
 * Helper of `web-browser.bench.ts`: Debian's headless Chromium driven by playwright-core (never a
 * downloaded browser), with the flags the developers' guide prescribes (`@signllm/e2e/chromium`), and the steps the benchmark takes in the SignLLM web app: open it in a fresh browser
 * context (no cache), wait until it is ready, generate, read the figures it writes on `#stats`.
 *
 * Times in the page come from a `MutationObserver` this module installs before the app's scripts run
 * (`addInitScript`; the app itself is not changed): it records `performance.now()` (ms since navigation
 * start) at every change of `document.body.dataset.state`, so that "ready" and "click → done" are
 * timed in the page, not by the polling of the test side.
 */
import { launchChromium } from '@signllm/e2e/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export { launchChromium };

/** The figures the app writes on `#stats` after a generation (`data-*`). */
export interface AppStats {
  frames: number;
  fps: number;
  generationMs: number;
  rtf: number;
  firstShownMs?: number;
  loadToFirstFrameMs?: number;
}

/**
 * Records `[state, performance.now()]` at each change of `document.body.dataset.state`. Changes made
 * in one task reach the callback together: each record's new value is the next one's old value, so
 * none is lost (they share the callback's time, a microtask after the change).
 */
function observeStates(): void {
  const w = window as unknown as { __benchStates: Array<[string, number]> };
  w.__benchStates = [];
  new MutationObserver((records) => {
    const now = performance.now();
    const body = records.filter((r) => r.target === document.body);
    body.forEach((_, i) => {
      const state = i + 1 < body.length ? (body[i + 1]!.oldValue ?? '') : (document.body.dataset.state ?? '');
      const last = w.__benchStates[w.__benchStates.length - 1];
      if (last?.[0] !== state) w.__benchStates.push([state, now]);
    });
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeOldValue: true,
    attributeFilter: ['data-state'],
  });
}

/** A page of the app in its own fresh browser context. */
export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Paths of the app's own scripts the page requested (`/assets/…`). */
  assets: string[];
  close(): Promise<void>;
}

/** What the pages reported that the benchmark checks. */
export interface PageProblems {
  /** Page errors, console errors and failed requests, each prefixed with its page's label. */
  errors: string[];
  /**
   * `POST /v1/translate` requests that Chromium logged as `net::ERR_ABORTED`: a stream still open when
   * its page was closed or its generation replaced (the app reads each stream to its close, so a
   * finished generation never counts). Counted and reported, not an error.
   */
  abortedStreams: number;
}

/**
 * Opens `url` in a fresh context (empty cache), recording page errors, console errors and failed
 * requests into `problems`, each prefixed with `label`.
 */
export async function openApp(
  browser: Browser,
  url: string,
  problems: PageProblems,
  label: string,
): Promise<AppPage> {
  const { errors } = problems;
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript(observeStates);
  const page = await context.newPage();
  const assets: string[] = [];
  page.on('pageerror', (e) => errors.push(`${label}: pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${label}: console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why === 'net::ERR_ABORTED' && r.method() === 'POST' && r.url().endsWith('/v1/translate')) {
      problems.abortedStreams++;
    } else errors.push(`${label}: request failed: ${r.method()} ${r.url()} (${why})`);
  });
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/assets/')) assets.push(path);
  });
  await page.goto(url);
  return {
    context,
    page,
    assets,
    close: async () => {
      page.removeAllListeners();
      await context.close();
    },
  };
}

/** The page's state changes so far. */
export function stateLog(page: Page): Promise<Array<[string, number]>> {
  return page.evaluate(() => (window as unknown as { __benchStates: Array<[string, number]> }).__benchStates);
}

/** Waits until the app is ready (or failed); returns `performance.now()` of its first `ready`. */
export async function waitReady(page: Page, timeout = 180_000): Promise<number> {
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state ?? ''), null, {
    timeout,
    polling: 50,
  });
  const states = await stateLog(page);
  const ready = states.find(([s]) => s === 'ready');
  if (ready === undefined) throw new Error(`the app did not get ready: ${await statusText(page)}`);
  return ready[1];
}

export async function statusText(page: Page): Promise<string> {
  return (await page.textContent('#status')) ?? '';
}

/** What the page says about where the model runs. */
export interface PageInfo {
  crossOriginIsolated: boolean;
  status: string;
  /** e.g. `onnxruntime-web 1.23.0 (wasm, 2 threads)`, or the server's label. */
  runtime: string;
  /** Wasm threads from the runtime label (browser mode), else undefined. */
  threads?: number;
}

export async function pageInfo(page: Page): Promise<PageInfo> {
  const status = await statusText(page);
  const crossOriginIsolated = await page.evaluate(() => globalThis.crossOriginIsolated === true);
  const runtime = /runs (?:in this browser \((.+)\); it keeps|on (.+)\.$)/.exec(status);
  const label = runtime?.[1] ?? runtime?.[2] ?? '';
  const threads = /\(wasm, (\d+) threads?\)/.exec(label)?.[1];
  return {
    crossOriginIsolated,
    status,
    runtime: label,
    ...(threads === undefined ? {} : { threads: Number(threads) }),
  };
}

/**
 * Reads `#stats`' data attributes. (Functions that run in the page must not define named functions:
 * tsx's esbuild wraps them in a `__name` helper that the page does not have.)
 */
async function readStats(page: Page): Promise<AppStats> {
  const d = await page.evaluate(() => ({ ...document.getElementById('stats')!.dataset }));
  const n = (k: string): number => Number(d[k]);
  if (d.frames === undefined) throw new Error('#stats has no data-frames');
  return {
    frames: n('frames'),
    fps: n('fps'),
    generationMs: n('generationMs'),
    rtf: n('rtf'),
    ...(d.firstShownMs === undefined ? {} : { firstShownMs: n('firstShownMs') }),
    ...(d.loadToFirstFrameMs === undefined ? {} : { loadToFirstFrameMs: n('loadToFirstFrameMs') }),
  };
}

/** Waits for the end of the generation that started after state change `from`; its click → done time. */
async function generationDone(page: Page, from: number, timeout: number): Promise<number> {
  await page.waitForFunction(
    (n) => {
      const log = (window as unknown as { __benchStates: Array<[string, number]> }).__benchStates.slice(n);
      const start = log.findIndex(([s]) => s === 'generating');
      return start >= 0 && log.slice(start + 1).some(([s]) => s === 'ready' || s === 'error');
    },
    from,
    { timeout, polling: 50 },
  );
  const log = (await stateLog(page)).slice(from);
  const start = log.findIndex(([s]) => s === 'generating');
  const end = log.slice(start + 1).find(([s]) => s === 'ready' || s === 'error')!;
  const status = await statusText(page);
  if (end[0] !== 'ready' || !status.startsWith('Done')) {
    throw new Error(`the generation did not finish: ${end[0]}: ${status}`);
  }
  return end[1] - log[start]![1];
}

/**
 * Types `text`, presses the button, waits for the end: the app's figures, and the time in the page
 * from the click (state `generating`) to `ready` after the last frame.
 */
export async function generate(
  page: Page,
  text: string,
  timeout = 180_000,
): Promise<{ stats: AppStats; clickToDoneMs: number }> {
  await page.fill('#input', text);
  const from = (await stateLog(page)).length;
  await page.click('#generate');
  const clickToDoneMs = await generationDone(page, from, timeout);
  return { stats: await readStats(page), clickToDoneMs };
}

/** One fresh page load with `autostart`: from navigation start to ready, and to the first frame shown. */
export interface LoadRun {
  /** `performance.now()` when the app first became ready (model loaded / server connected). */
  readyMs: number;
  /** `data-load-to-first-frame-ms`: `performance.now()` when the viewer drew the first generated frame. */
  loadToFirstFrameMs: number;
  stats: AppStats;
  assets: string[];
}

/** Opens `url` (which has `autostart`) in a fresh context, waits for the generation's end, closes it. */
export async function loadRun(
  browser: Browser,
  url: string,
  problems: PageProblems,
  label: string,
  timeout = 180_000,
): Promise<LoadRun> {
  const app = await openApp(browser, url, problems, label);
  try {
    const readyMs = await waitReady(app.page, timeout);
    await generationDone(app.page, 0, timeout);
    const stats = await readStats(app.page);
    if (stats.loadToFirstFrameMs === undefined) throw new Error(`${label}: no data-load-to-first-frame-ms`);
    return { readyMs, loadToFirstFrameMs: stats.loadToFirstFrameMs, stats, assets: [...app.assets] };
  } finally {
    await app.close();
  }
}
