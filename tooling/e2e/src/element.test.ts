/**
 * `<signllm-pose-viewer>` on a plain page without any framework or bundler: one `<script type="module">`
 * of the standalone build, a `src` attribute pointing at a real `.pose` file, attributes for the
 * renderer, speed and loop, and the events the element sends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPose } from '@signllm/core';
import type { RunningServer } from '@signllm/serve';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readCanvas, SHARED_DATA, screenshot, startAppServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const POSE = join(SHARED_DATA, 'pose-format/openpose.pose');

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>viewer</title>
<script type="module" src="/element/signllm-pose-viewer.js"></script></head>
<body style="margin:0;padding:16px;font-family:sans-serif">
<div style="width:420px"><signllm-pose-viewer id="v" src="/demo/openpose.pose" autoplay playback-rate="2" loop="false" background="#102030"></signllm-pose-viewer></div>
<script>
  window.events = [];
  for (const type of ['signllm-loaded', 'signllm-firstframe', 'signllm-ended', 'signllm-error'])
    document.getElementById('v').addEventListener(type, (e) => window.events.push({ type, detail: e.detail ?? null }));
</script>
</body></html>`;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 480, height: 620 } })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(`${server.url}/demo/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/demo/page.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
    if (url.pathname === '/demo/openpose.pose')
      return route.fulfill({ contentType: 'application/pose', body: readFileSync(POSE) });
    return route.fulfill({ status: 404, body: 'not here' });
  });
  await page.goto(`${server.url}/demo/page.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close(1000);
});

type Viewer = HTMLElement & {
  frameCount: number;
  playing: boolean;
  playbackRate: number;
  loop: boolean;
  renderer: string;
};

describe('<signllm-pose-viewer> on a plain page', () => {
  it('loads its src, plays it at the rate the attribute says, and ends without looping', async () => {
    const frames = readPose(new Uint8Array(readFileSync(POSE))).body.frames;
    await page.waitForFunction(() =>
      (window as unknown as { events: { type: string }[] }).events.some(
        (e) => e.type === 'signllm-firstframe',
      ),
    );
    const v = await page.evaluate(() => {
      const el = document.getElementById('v') as Viewer;
      return { frames: el.frameCount, rate: el.playbackRate, loop: el.loop, playing: el.playing };
    });
    expect(v).toEqual({ frames, rate: 2, loop: false, playing: true });
    const reading = await readCanvas(page, '#v');
    expect(reading.drawn).toBeGreaterThan(50);
    await screenshot(page, '12-element-2d');
    await page.waitForFunction(
      () =>
        (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'signllm-ended'),
      null,
      { timeout: 60_000 },
    );
    const end = await page.evaluate(() => ({
      frame: (document.getElementById('v') as Viewer & { currentFrame: number }).currentFrame,
      playing: (document.getElementById('v') as Viewer).playing,
    }));
    expect(end).toEqual({ frame: frames - 1, playing: false });
    const types = await page.evaluate(() =>
      (window as unknown as { events: { type: string }[] }).events.map((e) => e.type),
    );
    expect(types.slice(0, 2)).toEqual(['signllm-firstframe', 'signllm-loaded']);
  });

  it('switches to 3D through its attribute and paints the skeleton on the chosen background', async () => {
    await page.evaluate(() => document.getElementById('v')!.setAttribute('renderer', '3d'));
    await page.waitForFunction(() => (document.getElementById('v') as Viewer).renderer === '3d');
    await page.waitForTimeout(200);
    const reading = await readCanvas(page, '#v');
    expect(reading.renderer).toBe('3d');
    expect(reading.drawn).toBeGreaterThan(50);
    // The background colour is the attribute's (#102030), read from a corner pixel.
    const corner = await page.evaluate(() => {
      const c = (document.getElementById('v') as Viewer & { canvas: HTMLCanvasElement }).canvas;
      const copy = document.createElement('canvas');
      copy.width = c.width;
      copy.height = c.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(c, 0, 0);
      return Array.from(ctx.getImageData(2, 2, 1, 1).data.subarray(0, 3));
    });
    expect(corner).toEqual([0x10, 0x20, 0x30]);
    await screenshot(page, '13-element-3d');
  });

  it('follows the size of its container', async () => {
    const size = () =>
      page.evaluate(() => {
        const c = (document.getElementById('v') as Viewer & { canvas: HTMLCanvasElement }).canvas;
        return { width: c.width, css: Math.round(c.getBoundingClientRect().width) };
      });
    const before = await size();
    await page.evaluate(() => {
      (document.getElementById('v')!.parentElement as HTMLElement).style.width = '260px';
    });
    await page.waitForFunction(
      (w) => (document.getElementById('v') as Viewer & { canvas: HTMLCanvasElement }).canvas.width !== w,
      before.width,
    );
    const after = await size();
    expect(after.css).toBe(260);
    expect(after.width).toBe(Math.round(260 * (await page.evaluate(() => devicePixelRatio))));
    expect(after.width).toBeLessThan(before.width);
    expect((await readCanvas(page, '#v')).drawn).toBeGreaterThan(20);
  });

  it('reports a src that does not load as an error event and a message, without throwing', async () => {
    await page.evaluate(() => document.getElementById('v')!.setAttribute('src', '/demo/missing.pose'));
    await page.waitForFunction(() =>
      (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'signllm-error'),
    );
    const detail = await page.evaluate(
      () =>
        (window as unknown as { events: { type: string; detail: { message: string } }[] }).events.find(
          (e) => e.type === 'signllm-error',
        )!.detail.message,
    );
    expect(detail).toMatch(/missing\.pose: HTTP 404/);
    const message = await page.evaluate(
      () => document.getElementById('v')!.shadowRoot!.querySelector('.message')!.textContent,
    );
    expect(message).toBe(detail);
    expect(errors).toEqual([]);
  });
});
