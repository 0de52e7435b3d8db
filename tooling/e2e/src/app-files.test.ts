/**
 * Opening real pose files in the app (real headless Chromium): a pose-format `.pose` file and a
 * Prompt2Sign `.skels` file from ../shared/data, a broken file, and two sequences side by side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { poseHeaderPointCount, readPose } from '@signllm/core';
import type { RunningServer } from '@signllm/serve';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from './app-support.ts';
import {
  launchChromium,
  openPage,
  readCanvas,
  SHARED_DATA,
  screenshot,
  startAppServer,
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
  await waitForState(page, ['ready']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close(1000);
});

describe('pose files in the app', () => {
  it('opens a real .pose file from pose-format and draws it', async () => {
    const path = join(SHARED_DATA, 'pose-format/openpose.pose');
    const file = readPose(new Uint8Array(readFileSync(path)));
    await page.setInputFiles('#file', path);
    await page.waitForFunction(
      () => document.getElementById('status')!.textContent === 'Opened openpose.pose.',
    );
    const caption = (await page.textContent('#caption')) ?? '';
    expect(caption).toContain(
      `openpose.pose: ${file.body.frames} frames at ${file.body.fps} fps, ${poseHeaderPointCount(file.header)} joints`,
    );
    await page.waitForTimeout(200);
    expect((await readCanvas(page, '#viewer')).drawn).toBeGreaterThan(50);
    await screenshot(page, '10-open-pose');
  });

  it('opens a Prompt2Sign .skels file', async () => {
    await page.setInputFiles('#file', join(SHARED_DATA, 'phoenix14t-sample/dev.skels'));
    await page.waitForFunction(() => document.getElementById('status')!.textContent === 'Opened dev.skels.');
    expect(await page.textContent('#caption')).toMatch(
      /dev\.skels: \d+ frames at 25 fps, 50 joints \(prompt2sign-50\), line 1 of \d+/,
    );
    expect((await readCanvas(page, '#viewer')).drawn).toBeGreaterThan(50);
  });

  it('says what is wrong with a broken file and keeps what was shown', async () => {
    const before = await page.evaluate(
      () => (document.getElementById('viewer') as HTMLElement & { frameCount: number }).frameCount,
    );
    await page.setInputFiles('#file', {
      name: 'broken.pose',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0, 0, 0, 0x3f, 1, 2]),
    });
    await page.waitForFunction(() => document.getElementById('status')!.classList.contains('error'));
    expect(await page.textContent('#status')).toMatch(/^broken\.pose: /);
    const after = await page.evaluate(
      () => (document.getElementById('viewer') as HTMLElement & { frameCount: number }).frameCount,
    );
    expect(after).toBe(before);
  });

  it('accepts a dropped file', async () => {
    const bytes = readFileSync(join(SHARED_DATA, 'pose-format/mediapipe.pose'));
    const transfer = await page.evaluateHandle(
      ({ data, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name));
        return dt;
      },
      { data: Array.from(bytes), name: 'mediapipe.pose' },
    );
    await page.dispatchEvent('#viewer', 'dragenter', { dataTransfer: transfer });
    expect(await page.isVisible('#drop')).toBe(true);
    await page.dispatchEvent('#viewer', 'drop', { dataTransfer: transfer });
    await page.waitForFunction(
      () => document.getElementById('status')!.textContent === 'Opened mediapipe.pose.',
    );
    expect(await page.isVisible('#drop')).toBe(false);
    expect((await readCanvas(page, '#viewer')).drawn).toBeGreaterThan(50);
  });

  it('compares a generated sequence with a reference side by side', async () => {
    await generate(page, 'morgen regen');
    await page.click('#compare-toggle');
    expect(await page.isVisible('#compare-view')).toBe(true);
    await page.setInputFiles('#compare-file', join(SHARED_DATA, 'phoenix14t-sample/dev.skels'));
    await page.waitForFunction(() => document.getElementById('status')!.textContent === 'Opened dev.skels.');
    await page.click('#play-both');
    await page.waitForTimeout(300);
    const left = await readCanvas(page, '#viewer');
    const right = await readCanvas(page, '#compare');
    expect(left.drawn).toBeGreaterThan(50);
    expect(right.drawn).toBeGreaterThan(50);
    const boxes = await page.evaluate(() =>
      ['viewer', 'compare'].map((id) => document.getElementById(id)!.getBoundingClientRect().toJSON()),
    );
    // Side by side: same row, no overlap.
    expect(Math.abs(boxes[0].top - boxes[1].top)).toBeLessThan(2);
    expect(boxes[0].right).toBeLessThanOrEqual(boxes[1].left);
    await screenshot(page, '11-compare');
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
