/**
 * The app in real headless Chromium generating fully in the page with onnxruntime-web on the bundle
 * the server publishes, then again with the network cut off (offline once loaded).
 */
import { describe, expect, it } from 'vitest';
import { chooseMode, generate, generateStreaming } from './app-support.ts';
import { readCanvas, screenshot, useAppSession, waitForFrameAfter } from './support.ts';

const app = useAppSession();

describe('the app in browser mode', () => {
  it('loads the bundle into the page and says where the model runs', async () => {
    expect(await chooseMode(app.page, 'browser')).toBe('ready');
    const status = (await app.page.textContent('#status')) ?? '';
    expect(status).toMatch(/runs in this browser \(onnxruntime-web [\d.]+ \(wasm, 2 threads\)\)/);
    const languages = await app.page.$$eval('#language option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(languages).toEqual(app.server.service.languages().map((l) => l.code));
  });

  it('generates in the page: frames are shown while generating, the skeleton moves, the real-time factor is reported', async () => {
    const { stats, framesAtFirstDraw: firstCount } = await generateStreaming(app.page, 'morgen regen');
    expect(firstCount).toBeGreaterThan(0);
    expect(firstCount).toBeLessThan(stats.frames);
    expect(stats.frames).toBeGreaterThan(10);
    expect(stats.rtf).toBeGreaterThan(0);
    expect(await app.page.textContent('#stats')).toMatch(/in this browser/);
    const a = await readCanvas(app.page, '#viewer');
    expect(a.drawn).toBeGreaterThan(50);
    await waitForFrameAfter(app.page, '#viewer', a.frame);
    const b = await readCanvas(app.page, '#viewer');
    expect(b.hash).not.toBe(a.hash);
    await screenshot(app.page, '04-browser-generated');
  });

  it('makes the same frames as the server for the same input', async () => {
    const language = await app.page.$eval('#language', (s) => (s as HTMLSelectElement).value);
    const inBrowser = await app.page.evaluate(() => {
      const v = document.getElementById('viewer') as HTMLElement & {
        pose: { data: Float32Array; frames: number };
      };
      return { frames: v.pose.frames, head: Array.from(v.pose.data.subarray(0, 300)) };
    });
    const response = await fetch(`${app.server.url}/v1/translate`, {
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
    await app.context.setOffline(true);
    try {
      const { stats } = await generate(app.page, 'regen');
      expect(stats.frames).toBeGreaterThan(10);
      expect((await readCanvas(app.page, '#viewer')).drawn).toBeGreaterThan(50);
      await screenshot(app.page, '05-browser-offline');
    } finally {
      await app.context.setOffline(false);
    }
  });

  it('logged no errors in the page', () => {
    expect(app.errors).toEqual([]);
  });
});
