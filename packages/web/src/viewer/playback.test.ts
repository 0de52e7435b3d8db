import { describe, expect, it } from 'vitest';
import { clampRate, PlaybackClock, stepRate } from './playback.ts';

function clock(frames: number, options: { fps?: number; rate?: number; loop?: boolean } = {}) {
  const time = { now: 0 };
  const c = new PlaybackClock({
    fps: options.fps ?? 10,
    frames,
    rate: options.rate,
    loop: options.loop,
    now: () => time.now,
  });
  return { c, time };
}

describe('PlaybackClock', () => {
  it('shows frame ⌊t·fps·rate⌋ while playing and holds it while paused', () => {
    const { c, time } = clock(20);
    expect(c.frame()).toBe(0);
    c.play();
    time.now = 250;
    expect(c.frame()).toBe(2);
    c.pause();
    time.now = 5000;
    expect(c.frame()).toBe(2);
    c.play();
    time.now = 5100;
    expect(c.frame()).toBe(3);
  });

  it('plays at 0.25× to 2×, clamping other rates', () => {
    const { c, time } = clock(100, { rate: 2 });
    c.play();
    time.now = 1000;
    expect(c.frame()).toBe(20);
    c.setRate(0.25);
    time.now = 2000;
    expect(c.frame()).toBe(22);
    c.setRate(10);
    expect(c.rate).toBe(2);
    c.setRate(0.01);
    expect(c.rate).toBe(0.25);
    expect(clampRate(Number.NaN)).toBe(1);
  });

  it('loops by wrapping time, or ends on the last frame', () => {
    const looping = clock(10);
    looping.c.play();
    looping.time.now = 1250; // 12.5 frames into a 10-frame loop
    expect(looping.c.frame()).toBe(2);
    expect(looping.c.playing).toBe(true);

    const once = clock(10, { loop: false });
    once.c.play();
    once.time.now = 5000;
    expect(once.c.frame()).toBe(9);
    expect(once.c.playing).toBe(false);
    expect(once.c.ended).toBe(true);
    // Playing again after the end starts over.
    once.c.play();
    expect(once.c.frame()).toBe(0);
    expect(once.c.ended).toBe(false);
  });

  it('waits at the newest frame of a growing sequence and goes on when frames arrive', () => {
    const { c, time } = clock(3);
    c.setFrames(3, true);
    c.play();
    time.now = 2000; // far beyond the 3 frames there are
    expect(c.frame()).toBe(2);
    expect(c.playing).toBe(true);
    c.setFrames(10, true);
    time.now = 2200;
    expect(c.frame()).toBe(4);
    c.setFrames(10, false);
    time.now = 2700;
    expect(c.frame()).toBe(9);
  });

  it('seeks to clamped frames and reports duration', () => {
    const { c } = clock(50, { fps: 25 });
    c.seekFrame(10);
    expect(c.frame()).toBe(10);
    c.seekFrame(1000);
    expect(c.frame()).toBe(49);
    c.seekFrame(-4);
    expect(c.frame()).toBe(0);
    c.seekFrame(Number.NaN);
    expect(c.frame()).toBe(0);
    expect(c.duration).toBe(2);
  });

  it('steps through the speed menu', () => {
    expect(stepRate(1, 1)).toBe(1.25);
    expect(stepRate(1, -1)).toBe(0.75);
    expect(stepRate(2, 1)).toBe(2);
    expect(stepRate(0.25, -1)).toBe(0.25);
    expect(stepRate(0.3, -1)).toBe(0.25);
  });
});
