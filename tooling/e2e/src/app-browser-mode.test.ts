/**
 * The app in real headless Chromium generating fully in the page with onnxruntime-web on the bundle
 * the server publishes, then again with the network cut off (offline once loaded).
 */
import type { RunningServer } from '@signllm/serve';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseMode, generate } from './app-support.ts';
import {
  launchChromium,
  openPage,
  readCanvas,
  screenshot,
  startAppServer,
  waitForFrameAfter,
  waitForState,
} from './support.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  ({ page, errors } = await openPage(context, `${server.url}/`));
  await waitForState(page, ['ready', 'error']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close(1000);
});

describe('the app in browser mode', () => {
  it('loads the bundle into the page and says where the model runs', async () => {
    expect(await chooseMode(page, 'browser')).toBe('ready');
    const status = (await page.textContent('#status')) ?? '';
    expect(status).toMatch(/runs in this browser \(onnxruntime-web [\d.]+ \(wasm, 2 threads\)\)/);
    const languages = await page.$$eval('#language option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(languages).toEqual(server.service.languages().map((l) => l.code));
  });

  it('generates in the page: frames are shown while generating, the skeleton moves, the real-time factor is reported', async () => {
    await page.evaluate(() => {
      const viewer = document.getElementById('viewer') as HTMLElement & { frameCount: number };
      (window as unknown as { firstFrameCount: number }).firstFrameCount = -1;
      viewer.addEventListener(
        'signllm-firstframe',
        () => {
          (window as unknown as { firstFrameCount: number }).firstFrameCount = viewer.frameCount;
        },
        { once: true },
      );
    });
    const { stats } = await generate(page, 'morgen regen');
    const firstCount = await page.evaluate(
      () => (window as unknown as { firstFrameCount: number }).firstFrameCount,
    );
    expect(firstCount).toBeGreaterThan(0);
    expect(firstCount).toBeLessThan(stats.frames);
    expect(stats.frames).toBeGreaterThan(10);
    expect(stats.rtf).toBeGreaterThan(0);
    expect(await page.textContent('#stats')).toMatch(/in this browser/);
    const a = await readCanvas(page, '#viewer');
    expect(a.drawn).toBeGreaterThan(50);
    await waitForFrameAfter(page, '#viewer', a.frame);
    const b = await readCanvas(page, '#viewer');
    expect(b.hash).not.toBe(a.hash);
    await screenshot(page, '04-browser-generated');
  });

  it('makes the same frames as the server for the same input', async () => {
    const language = await page.$eval('#language', (s) => (s as HTMLSelectElement).value);
    const inBrowser = await page.evaluate(() => {
      const v = document.getElementById('viewer') as HTMLElement & {
        pose: { data: Float32Array; frames: number };
      };
      return { frames: v.pose.frames, head: Array.from(v.pose.data.subarray(0, 300)) };
    });
    const response = await fetch(`${server.url}/v1/translate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: 'morgen regen', inputType: 'text', language }),
    });
    const answer = (await response.json()) as { frames: number; data: number[][][] };
    expect(inBrowser.frames).toBe(answer.frames);
    const serverHead = answer.data.slice(0, 2).flat(2);
    // onnxruntime-web and -node differ only in float rounding; the JSON answer has 5 decimals.
    const worst = Math.max(...inBrowser.head.map((v, i) => Math.abs(v - serverHead[i]!)));
    expect(worst).toBeLessThan(2e-3);
  });

  it('keeps working offline once the bundle is loaded', async () => {
    await context.setOffline(true);
    try {
      const { stats } = await generate(page, 'regen');
      expect(stats.frames).toBeGreaterThan(10);
      expect((await readCanvas(page, '#viewer')).drawn).toBeGreaterThan(50);
      await screenshot(page, '05-browser-offline');
    } finally {
      await context.setOffline(false);
    }
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
