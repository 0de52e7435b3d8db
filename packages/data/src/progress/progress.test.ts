import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = {
    isTTY,
    columns: 100,
    write: (s: string) => {
      chunks.push(s);
      return true;
    },
    on: () => stream,
    removeListener: () => stream,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, chunks };
}

describe('createProgress', () => {
  it('writes throttled NDJSON with counts and ETA when not on a terminal', () => {
    const { stream, chunks } = fakeStream(false);
    let t = 0;
    const p = createProgress({ label: 'build', total: 4, stream, now: () => t, intervalMs: 1000 });
    t = 100;
    p.tick(); // first tick always logs
    t = 200;
    p.tick(); // throttled
    t = 1500;
    p.tick(1, { problems: 1 });
    p.log('skipped x.json: not a frame file', { input: 'x.json' });
    t = 2000;
    p.done();
    const lines = chunks
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.event)).toEqual(['progress', 'progress', 'log', 'done']);
    expect(lines[0]).toMatchObject({ step: 'build', done: 1, total: 4, elapsedMs: 100, etaSeconds: 0 });
    expect(lines[1]).toMatchObject({ done: 3, problems: 1 });
    // 3 done in 1.5 s → 1 left ≈ 0.5 s → rounds to 1 (or 0); it must be a number, not null
    expect(typeof lines[1].etaSeconds).toBe('number');
    expect(lines[2]).toMatchObject({ message: 'skipped x.json: not a frame file', input: 'x.json' });
    expect(lines[3]).toMatchObject({ done: 3, total: 4 });
  });

  it('draws a bar with value/total on a terminal and prints log lines above it', () => {
    const { stream, chunks } = fakeStream(true);
    const p = createProgress({ label: 'lift', total: 2, stream, mode: 'bar' });
    p.tick();
    p.log('warning: clip a has 3 dropped frames');
    p.tick();
    p.done();
    const text = chunks.join('');
    expect(text).toContain('lift [');
    expect(text).toContain('2/2');
    expect(text).toContain('warning: clip a has 3 dropped frames');
  });

  it('prints nothing in none mode', () => {
    const { stream, chunks } = fakeStream(false);
    const p = createProgress({ label: 'x', stream, mode: 'none' });
    p.tick();
    p.done();
    expect(chunks).toEqual([]);
  });
});
