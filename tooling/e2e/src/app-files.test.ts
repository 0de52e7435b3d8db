/**
 * Opening real pose files in the app (real headless Chromium): a pose-format `.pose` file and a
 * Prompt2Sign `.skels` file from ../shared/data, a broken file, and two sequences side by side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { poseHeaderPointCount, readPose } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { generate } from './app-support.ts';
import { readCanvas, SHARED_DATA, screenshot, useAppSession } from './support.ts';

const app = useAppSession();

describe('pose files in the app', () => {
  it('opens a real .pose file from pose-format and draws it', async () => {
    const path = join(SHARED_DATA, 'pose-format/openpose.pose');
    const file = readPose(new Uint8Array(readFileSync(path)));
    await app.page.setInputFiles('#file', path);
    await app.page.waitForFunction(
      () => document.getElementById('status')!.textContent === 'Opened openpose.pose.',
    );
    const caption = (await app.page.textContent('#caption')) ?? '';
    expect(caption).toContain(
      `openpose.pose: ${file.body.frames} frames at ${file.body.fps} fps, ${poseHeaderPointCount(file.header)} joints`,
    );
    await app.page.waitForTimeout(200);
    expect((await readCanvas(app.page, '#viewer')).drawn).toBeGreaterThan(50);
    await screenshot(app.page, '10-open-pose');
  });

  it('opens a Prompt2Sign .skels file', async () => {
    await app.page.setInputFiles('#file', join(SHARED_DATA, 'phoenix14t-sample/dev.skels'));
    await app.page.waitForFunction(
      () => document.getElementById('status')!.textContent === 'Opened dev.skels.',
    );
    expect(await app.page.textContent('#caption')).toMatch(
      /dev\.skels: \d+ frames at 25 fps, 50 joints \(prompt2sign-50\), line 1 of \d+/,
    );
    expect((await readCanvas(app.page, '#viewer')).drawn).toBeGreaterThan(50);
  });

  it('says what is wrong with a broken file and keeps what was shown', async () => {
    const before = await app.page.evaluate(
      () => (document.getElementById('viewer') as HTMLElement & { frameCount: number }).frameCount,
    );
    await app.page.setInputFiles('#file', {
      name: 'broken.pose',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0, 0, 0, 0x3f, 1, 2]),
    });
    await app.page.waitForFunction(() => document.getElementById('status')!.classList.contains('error'));
    expect(await app.page.textContent('#status')).toMatch(/^broken\.pose: /);
    const after = await app.page.evaluate(
      () => (document.getElementById('viewer') as HTMLElement & { frameCount: number }).frameCount,
    );
    expect(after).toBe(before);
  });

  it('accepts a dropped file', async () => {
    const bytes = readFileSync(join(SHARED_DATA, 'pose-format/mediapipe.pose'));
    const transfer = await app.page.evaluateHandle(
      ({ data, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name));
        return dt;
      },
      { data: Array.from(bytes), name: 'mediapipe.pose' },
    );
    await app.page.dispatchEvent('#viewer', 'dragenter', { dataTransfer: transfer });
    expect(await app.page.isVisible('#drop')).toBe(true);
    await app.page.dispatchEvent('#viewer', 'drop', { dataTransfer: transfer });
    await app.page.waitForFunction(
      () => document.getElementById('status')!.textContent === 'Opened mediapipe.pose.',
    );
    expect(await app.page.isVisible('#drop')).toBe(false);
    expect((await readCanvas(app.page, '#viewer')).drawn).toBeGreaterThan(50);
  });

  it('compares a generated sequence with a reference side by side', async () => {
    await generate(app.page, 'morgen regen');
    await app.page.click('#compare-toggle');
    expect(await app.page.isVisible('#compare-view')).toBe(true);
    await app.page.setInputFiles('#compare-file', join(SHARED_DATA, 'phoenix14t-sample/dev.skels'));
    await app.page.waitForFunction(
      () => document.getElementById('status')!.textContent === 'Opened dev.skels.',
    );
    await app.page.click('#play-both');
    await app.page.waitForTimeout(300);
    const left = await readCanvas(app.page, '#viewer');
    const right = await readCanvas(app.page, '#compare');
    expect(left.drawn).toBeGreaterThan(50);
    expect(right.drawn).toBeGreaterThan(50);
    const boxes = await app.page.evaluate(() =>
      ['viewer', 'compare'].map((id) => document.getElementById(id)!.getBoundingClientRect().toJSON()),
    );
    // Side by side: same row, no overlap.
    expect(Math.abs(boxes[0].top - boxes[1].top)).toBeLessThan(2);
    expect(boxes[0].right).toBeLessThanOrEqual(boxes[1].left);
    await screenshot(app.page, '11-compare');
  });

  it('logged no errors in the page', () => {
    expect(app.errors).toEqual([]);
  });
});
