/**
 * The app in real headless Chromium, loaded from a running signllm-serve, generating through the
 * server: streaming, a skeleton on the canvas that moves, gloss highlight, 3D view, keyboard, .pose
 * and video downloads.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { readPose } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { download, generateStreaming } from './app-support.ts';
import {
  ARTIFACTS,
  readCanvas,
  screenshot,
  useAppSession,
  waitForFrameAfter,
  waitForState,
} from './support.ts';

const app = useAppSession();

describe('the app in server mode', () => {
  it('loads from signllm-serve, cross-origin isolated, with the bundle languages', async () => {
    expect(await waitForState(app.page, ['ready', 'error'])).toBe('ready');
    expect(await app.page.textContent('#status')).toMatch(/Ready: the model runs on signllm-serve/);
    const languages = await app.page.$$eval('#language option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(languages).toEqual(app.server.service.languages().map((l) => l.code));
    expect(await app.page.evaluate(() => crossOriginIsolated)).toBe(true);
    // Each language says what its model was trained on (the fixtures: synthetic data only).
    const labels = await app.page.$$eval('#language option', (os) => os.map((o) => o.textContent ?? ''));
    for (const label of labels) expect(label).toMatch(/ · synthetic demo$/);
    expect(await app.page.textContent('#provenance')).toMatch(/^Synthetic demo: .*not real sign language\.$/);
    await screenshot(app.page, '01-server-ready');
  });

  it('streams a generation: the first frame is shown before the last is generated, and the skeleton moves', async () => {
    const { stats, framesAtFirstDraw: firstCount } = await generateStreaming(app.page, 'morgen regen');
    expect(stats.frames).toBeGreaterThan(10);
    expect(firstCount).toBeGreaterThan(0);
    expect(firstCount).toBeLessThan(stats.frames);
    const a = await readCanvas(app.page, '#viewer');
    expect(a.renderer).toBe('2d');
    expect(a.drawn).toBeGreaterThan(50);
    await waitForFrameAfter(app.page, '#viewer', a.frame);
    const b = await readCanvas(app.page, '#viewer');
    expect(b.frame).not.toBe(a.frame);
    expect(b.hash).not.toBe(a.hash);
    await screenshot(app.page, '02-server-generated');
  });

  it('highlights the gloss being signed, in sync with the frame shown', async () => {
    const spans = await app.page.evaluate(() => {
      const viewer = document.getElementById('viewer') as HTMLElement & {
        glosses: { label: string; start: number; end: number }[];
      };
      return viewer.glosses.map((g) => ({ ...g }));
    });
    expect(spans.length).toBeGreaterThan(0);
    const covered = spans.filter((s) => s.end > s.start);
    // The spans tile the whole sequence, in order.
    expect(covered[0]!.start).toBe(0);
    expect(covered.at(-1)!.end).toBe(
      await app.page.evaluate(
        () => (document.getElementById('viewer') as HTMLElement & { frameCount: number }).frameCount,
      ),
    );
    await app.page.evaluate(() =>
      (document.getElementById('viewer') as HTMLElement & { pause(): void }).pause(),
    );
    for (const span of covered) {
      for (const frame of [span.start, Math.floor((span.start + span.end - 1) / 2), span.end - 1]) {
        const current = await app.page.evaluate((f) => {
          const viewer = document.getElementById('viewer') as HTMLElement & { seek(f: number): void };
          viewer.seek(f);
          return viewer.shadowRoot!.querySelectorAll('.gloss[aria-current="true"]').length === 1
            ? viewer.shadowRoot!.querySelector('.gloss[aria-current="true"]')!.textContent
            : 'not exactly one';
        }, frame);
        expect(current, `frame ${frame}`).toBe(span.label);
      }
    }
    await app.page.evaluate(() =>
      (document.getElementById('viewer') as HTMLElement & { play(): void }).play(),
    );
  });

  it('is keyboard operable: Space pauses, arrows step a frame, ] speeds up', async () => {
    await app.page.focus('#viewer');
    const state = () =>
      app.page.evaluate(() => {
        const v = document.getElementById('viewer') as HTMLElement & {
          playing: boolean;
          currentFrame: number;
          playbackRate: number;
        };
        return { playing: v.playing, frame: v.currentFrame, rate: v.playbackRate };
      });
    if ((await state()).playing) await app.page.keyboard.press('Space');
    const paused = await state();
    expect(paused.playing).toBe(false);
    await app.page.keyboard.press('Home');
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowRight');
    expect((await state()).frame).toBe(2);
    await app.page.keyboard.press('ArrowLeft');
    expect((await state()).frame).toBe(1);
    await app.page.keyboard.press(']');
    expect((await state()).rate).toBe(1.25);
    await app.page.keyboard.press('[');
    await app.page.keyboard.press('Space');
    expect((await state()).playing).toBe(true);
  });

  it('shows the skeleton in the 3D view (three.js) and goes back to 2D', async () => {
    await app.page.locator('#viewer').locator('button.view').click();
    await app.page.waitForFunction(
      () => (document.getElementById('viewer') as HTMLElement & { renderer: string }).renderer === '3d',
    );
    await app.page.waitForTimeout(300);
    const r = await readCanvas(app.page, '#viewer');
    expect(r.renderer).toBe('3d');
    expect(r.drawn).toBeGreaterThan(50);
    await screenshot(app.page, '03-server-3d');
    await app.page.locator('#viewer').locator('button.view').click();
    expect((await readCanvas(app.page, '#viewer')).renderer).toBe('2d');
  });

  it('downloads the result as a .pose file that reads back with the generated frames', async () => {
    const frames = await app.page.evaluate(
      () => (document.getElementById('viewer') as HTMLElement & { frameCount: number }).frameCount,
    );
    const { name, bytes } = await download(app.page, '#download-pose');
    expect(name).toMatch(/^[a-z]{3}-morgen-regen\.pose$/);
    const file = readPose(bytes);
    expect(file.body.frames).toBe(frames);
    expect(file.header.width).toBe(512);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, name), bytes);
  });

  it('downloads a WebM video of the signing', async () => {
    const { name, bytes } = await download(app.page, '#download-video', 90_000);
    expect(name).toMatch(/\.webm$/);
    // EBML magic of a Matroska/WebM file, and more than a header's worth of data.
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(bytes.length).toBeGreaterThan(5000);
    const path = join(ARTIFACTS, name);
    writeFileSync(path, bytes);
    // Decode it with ffmpeg: every frame decodes, and there are frames.
    const run = spawnSync(
      ffmpeg.path,
      ['-hide_banner', '-v', 'error', '-stats', '-i', path, '-f', 'null', '-'],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const decoded = [...run.stderr.matchAll(/frame=\s*(\d+)/g)].map((m) => Number(m[1]));
    expect(decoded.at(-1)).toBeGreaterThan(5);
    expect(await app.page.textContent('#status')).toBe('Video saved.');
  });

  it('logged no errors in the page', () => {
    expect(app.errors).toEqual([]);
  });
});
