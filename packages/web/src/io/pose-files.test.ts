import { poseHeaderPointCount, readPose } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { describeWithData, readDataBytes } from '../test-support/shared-data.ts';
import { fitTransform, projectFrame, sequenceBounds } from '../viewer/geometry.ts';
import { guessSkelsDialect, openPoseFile, poseFileBytes } from './pose-files.ts';

describeWithData('openPoseFile on real files', () => {
  it.each(['openpose.pose', 'mediapipe.pose', 'example.pose'])('opens pose-format/%s as it reads', (file) => {
    const bytes = readDataBytes('pose-format', file);
    const reference = readPose(bytes.slice());
    const opened = openPoseFile(bytes, file);
    expect(opened.format).toBe('pose');
    expect(opened.sequence.frames).toBe(reference.body.frames);
    expect(opened.sequence.fps).toBe(reference.body.fps);
    expect(opened.sequence.joints).toBe(poseHeaderPointCount(reference.header));
    expect(opened.sequence.frames).toBeGreaterThan(0);
  });

  it('draws the head above the shoulders on a real OpenPose recording (y down)', () => {
    const { sequence } = openPoseFile(readDataBytes('pose-format', 'openpose.pose'), 'openpose.pose');
    const t = fitTransform(sequenceBounds(sequence), { width: 400, height: 400 });
    const names = sequence.skeleton.joints;
    const nose = names.findIndex((n) => /nose/i.test(n));
    const neck = names.findIndex((n) => /neck/i.test(n));
    expect(nose).toBeGreaterThanOrEqual(0);
    let above = 0;
    let both = 0;
    for (let f = 0; f < sequence.frames; f++) {
      const p = projectFrame(sequence, f, t);
      const yn = p[2 * nose + 1]!;
      const yk = p[2 * neck + 1]!;
      if (Number.isNaN(yn) || Number.isNaN(yk)) continue;
      both++;
      if (yn < yk) above++;
      // Every present joint lands inside the canvas.
      for (let j = 0; j < sequence.joints; j++) {
        const x = p[2 * j]!;
        if (!Number.isNaN(x)) expect(x).toBeGreaterThanOrEqual(-1e-3);
        if (!Number.isNaN(x)) expect(x).toBeLessThanOrEqual(400 + 1e-3);
      }
    }
    expect(both).toBeGreaterThan(0);
    expect(above).toBe(both);
  });

  it('opens a Prompt2Sign .skels file (PHOENIX14T sample) with its counters', () => {
    const bytes = readDataBytes('phoenix14t-sample', 'dev.skels');
    const opened = openPoseFile(bytes, 'dev.skels');
    expect(opened.format).toBe('skels');
    expect(opened.dialect).toBe('p2s');
    expect(opened.sequences).toBeGreaterThan(1);
    expect(opened.sequence.skeleton.name).toBe('prompt2sign-50');
    expect(opened.counters).toHaveLength(opened.sequence.frames);
    const second = openPoseFile(bytes, 'dev.skels', { line: 1 });
    expect(second.sequence.frames).not.toBe(0);
    expect(() => openPoseFile(bytes, 'dev.skels', { line: 10_000 })).toThrow(
      /dev\.skels: has \d+ sequences; there is no line 10001/,
    );
  });

  it('recognises a .skels file by its content when it has another name', () => {
    const bytes = readDataBytes('phoenix14t-sample', 'dev.skels');
    expect(openPoseFile(bytes, 'download.txt').format).toBe('skels');
  });

  it('saves a .pose that reads back with the same motion, placed on a 512 px canvas', () => {
    const { sequence } = openPoseFile(readDataBytes('phoenix14t-sample', 'dev.skels'), 'dev.skels');
    const bytes = poseFileBytes(sequence);
    const back = readPose(bytes);
    expect(back.header.width).toBe(512);
    expect(back.body.frames).toBe(sequence.frames);
    expect(poseHeaderPointCount(back.header)).toBe(sequence.joints);
    const again = openPoseFile(bytes, 'saved.pose').sequence;
    const b = sequenceBounds(again);
    expect(b.minX).toBeGreaterThanOrEqual(0);
    expect(b.maxX).toBeLessThanOrEqual(512);
    expect(b.minY).toBeGreaterThanOrEqual(0);
    expect(b.maxY).toBeLessThanOrEqual(512);
    // Same motion up to the uniform fit: distances between two joints scale by one factor.
    const d = (s: typeof sequence, f: number): number =>
      Math.hypot(
        s.data[f * s.joints * 3]! - s.data[(f * s.joints + 1) * 3]!,
        s.data[f * s.joints * 3 + 1]! - s.data[(f * s.joints + 1) * 3 + 1]!,
      );
    const k = d(again, 0) / d(sequence, 0);
    for (const f of [1, Math.floor(sequence.frames / 2), sequence.frames - 1])
      expect(d(again, f) / d(sequence, f)).toBeCloseTo(k, 2);
  });
});

describe('openPoseFile on bad input', () => {
  it('rejects empty, oversized, truncated and garbage files with messages naming the file', () => {
    expect(() => openPoseFile(new Uint8Array(0), 'empty.pose')).toThrow(/^empty\.pose: the file is empty$/);
    expect(() => openPoseFile(new Uint8Array(100), 'big.pose', { maxBytes: 10 })).toThrow(
      /big\.pose: the file has 100 bytes; the viewer opens files up to 10 bytes/,
    );
    const garbage = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff);
    expect(() => openPoseFile(garbage, 'noise.pose')).toThrow(/^noise\.pose: /);
    expect(() => openPoseFile(new TextEncoder().encode('1 2 3\n'), 'short.skels')).toThrow(
      /short\.skels: not a \.skels file: its first line has 3 numbers/,
    );
    expect(() => openPoseFile(new TextEncoder().encode('hello world'), 'x.skels')).toThrow(/x\.skels/);
  });

  it('rejects every truncation of a real .pose file without crashing', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setFloat32(0, 0.1, true);
    for (let n = 1; n < bytes.length; n++)
      expect(() => openPoseFile(bytes.subarray(0, n), 'cut.pose')).toThrow(/^cut\.pose: /);
  });

  it('guesses the .skels dialect from the frame width', () => {
    expect(guessSkelsDialect(151 * 3)).toBe('p2s');
    expect(guessSkelsDialect(385 * 2)).toBe('dwpose');
    expect(guessSkelsDialect(150)).toBeUndefined();
    expect(guessSkelsDialect(0)).toBeUndefined();
  });
});
