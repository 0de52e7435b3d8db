/**
 * What the end-to-end tests share: a real `signllm-serve` on a fixture bundle serving the built web
 * app, a real headless Chromium (Debian's, driven by playwright-core, never downloaded), screenshots
 * saved as artifacts, and a reading of what a viewer's canvas shows.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type RunningServer, resolveServeConfig, startServer } from '@signllm/serve';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';

export { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from './chromium.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const REPO_ROOT = join(here, '../../..');
/** The two fixture bundles (tiny MLSF and Prompt2LangGloss models trained on synthetic data). */
export const FIXTURE_BUNDLES = {
  mlsf: join(REPO_ROOT, 'packages/serve/fixtures/bundles/mlsf'),
  p2lg: join(REPO_ROOT, 'packages/serve/fixtures/bundles/p2lg'),
};
/** The web app's build (`pnpm build` makes it). */
export const WEB_ROOT = join(REPO_ROOT, 'packages/web/dist/app');
/** Where screenshots and downloads go (git-ignored). */
export const ARTIFACTS = join(REPO_ROOT, 'tooling/e2e/artifacts');
/** Real pose files. */
export const SHARED_DATA = process.env.SIGNLLM_SHARED_DATA ?? join(REPO_ROOT, '../shared/data');

/** Starts `signllm-serve` on a free loopback port with the web build; waits until it is ready. */
export async function startAppServer(bundle: string = FIXTURE_BUNDLES.p2lg): Promise<RunningServer> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`the web app is not built (${WEB_ROOT}); run \`pnpm build\` first`);
  }
  const config = resolveServeConfig({
    bundle,
    port: 0,
    host: '127.0.0.1',
    web: WEB_ROOT,
    workers: 1,
    logLevel: 'warn',
  });
  const server = await startServer(config, { logger: createLogger('warn') });
  await server.ready;
  return server;
}

/** A page that records console errors and page errors (tests assert there are none). */
export async function openPage(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}

/** Saves a screenshot of the page as `artifacts/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the app's `data-state` is one of `states`; returns it. */
export async function waitForState(page: Page, states: string[], timeout = 90_000): Promise<string> {
  await page.waitForFunction((s) => s.includes(document.body.dataset.state ?? ''), states, { timeout });
  return page.evaluate(() => document.body.dataset.state ?? '');
}

/** What a viewer's visible canvas shows. */
export interface CanvasReading {
  width: number;
  height: number;
  /** Pixels that differ from the background colour by more than a small tolerance. */
  drawn: number;
  /** A hash of the downscaled picture, to tell frames apart. */
  hash: number;
  frame: number;
  renderer: string;
}

/** Reads the visible canvas of the viewer `selector` (2D or WebGL) into numbers. */
export async function readCanvas(page: Page, selector: string): Promise<CanvasReading> {
  return page.evaluate((sel) => {
    const viewer = document.querySelector(sel) as HTMLElement & {
      canvas?: HTMLCanvasElement;
      currentFrame: number;
      renderer: string;
    };
    const canvas = viewer.canvas;
    if (!canvas) throw new Error(`${sel} has no canvas`);
    const w = 160;
    const h = Math.max(1, Math.round((canvas.height / canvas.width) * w));
    const copy = document.createElement('canvas');
    copy.width = w;
    copy.height = h;
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(canvas, 0, 0, w, h);
    const px = ctx.getImageData(0, 0, w, h).data;
    // The background: the most common colour of the border pixels.
    const counts = new Map<number, number>();
    for (let x = 0; x < w; x++)
      for (const y of [0, h - 1]) {
        const i = (y * w + x) * 4;
        const key = (px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const br = (bg >> 16) & 255;
    const bgG = (bg >> 8) & 255;
    const bb = bg & 255;
    let drawn = 0;
    let hash = 0;
    for (let i = 0; i < px.length; i += 4) {
      const d = Math.abs(px[i]! - br) + Math.abs(px[i + 1]! - bgG) + Math.abs(px[i + 2]! - bb);
      if (d > 24) {
        drawn++;
        hash = (hash * 31 + i) | 0;
      }
    }
    return {
      width: canvas.width,
      height: canvas.height,
      drawn,
      hash,
      frame: viewer.currentFrame,
      renderer: viewer.renderer,
    };
  }, selector);
}

/** Waits until the viewer `selector` has moved at least `frames` frames on from `from` (playing). */
export async function waitForFrameAfter(
  page: Page,
  selector: string,
  from: number,
  frames = 3,
): Promise<void> {
  await page.waitForFunction(
    ({ sel, start, step }) => {
      const v = document.querySelector(sel) as HTMLElement & { currentFrame: number; frameCount: number };
      const moved = (v.currentFrame - start + v.frameCount) % Math.max(1, v.frameCount);
      return moved >= step;
    },
    { sel: selector, start: from, step: frames },
    { timeout: 30_000 },
  );
}

/** A running server, a browser, and the app open in one page. */
export interface AppSession {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page and console errors of `page` (tests assert there are none). */
  errors: string[];
}

/**
 * Registers `beforeAll`/`afterAll` hooks that start `signllm-serve` and Chromium and open the app at
 * 1280 × 860, waiting until it is ready (or failed). The returned object is filled in `beforeAll`.
 */
export function useAppSession(): AppSession {
  const session = {} as AppSession;
  beforeAll(async () => {
    session.server = await startAppServer();
    session.browser = await launchChromium();
    session.context = await session.browser.newContext({
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true,
    });
    const { page, errors } = await openPage(session.context, `${session.server.url}/`);
    session.page = page;
    session.errors = errors;
    await waitForState(page, ['ready', 'error']);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close(1000);
  });
  return session;
}
