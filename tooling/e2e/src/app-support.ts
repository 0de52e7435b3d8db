/** Steps of the app the end-to-end tests repeat: generating, reading the result, downloading. */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { waitForState } from './support.ts';

/** The figures the app writes on its stats list after a generation. */
export interface GenerationStats {
  frames: number;
  fps: number;
  generationMs: number;
  rtf: number;
  firstShownMs?: number;
  loadToFirstFrameMs?: number;
}

/** Types `text`, presses the button, waits for the end; returns the app's figures and status line. */
export async function generate(
  page: Page,
  text: string,
): Promise<{ stats: GenerationStats; status: string }> {
  await page.fill('#input', text);
  await page.click('#generate');
  const state = await waitForState(page, ['ready', 'error']);
  const status = (await page.textContent('#status')) ?? '';
  if (state !== 'ready' || !status.startsWith('Done'))
    throw new Error(`generation did not finish: ${state}: ${status}`);
  const stats = await page.evaluate(() => {
    const d = document.getElementById('stats')!.dataset;
    const n = (k: string): number | undefined => (d[k] === undefined ? undefined : Number(d[k]));
    return {
      frames: n('frames')!,
      fps: n('fps')!,
      generationMs: n('generationMs')!,
      rtf: n('rtf')!,
      ...(d.firstShownMs ? { firstShownMs: n('firstShownMs')! } : {}),
      ...(d.loadToFirstFrameMs ? { loadToFirstFrameMs: n('loadToFirstFrameMs')! } : {}),
    };
  });
  return { stats, status };
}

/** Clicks `selector` and returns the downloaded file's name and bytes. */
export async function download(
  page: Page,
  selector: string,
  timeout = 60_000,
): Promise<{ name: string; bytes: Uint8Array }> {
  const [file]: [Download, unknown] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.click(selector),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

/** Switches the app to `mode` and waits until it is ready or failed. */
export async function chooseMode(page: Page, mode: 'server' | 'browser'): Promise<string> {
  await page.check(`input[name="mode"][value="${mode}"]`);
  return waitForState(page, ['ready', 'error'], 120_000);
}

/**
 * Like `generate`, and also returns how many frames the viewer had when it drew its first frame: less
 * than the total means frames were shown while the rest were still being generated.
 */
export async function generateStreaming(
  page: Page,
  text: string,
): Promise<{ stats: GenerationStats; status: string; framesAtFirstDraw: number }> {
  await page.evaluate(() => {
    const viewer = document.getElementById('viewer') as HTMLElement & { frameCount: number };
    const w = window as unknown as { framesAtFirstDraw: number };
    w.framesAtFirstDraw = -1;
    viewer.addEventListener('signllm-firstframe', () => (w.framesAtFirstDraw = viewer.frameCount), {
      once: true,
    });
  });
  const result = await generate(page, text);
  const framesAtFirstDraw = await page.evaluate(
    () => (window as unknown as { framesAtFirstDraw: number }).framesAtFirstDraw,
  );
  return { ...result, framesAtFirstDraw };
}
