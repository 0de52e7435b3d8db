import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricsLog, type MetricsRow } from './metrics-log.ts';
import { formatTick, logTicks, niceTicks } from './nice-ticks.ts';
import { escapeXml, plotMetricsSvg, writeMetricsPlot } from './plot-svg.ts';

/** A parsed XML element. */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const NAME = /[A-Za-z_:][\w:.-]*/y;

/** A strict little XML parser (elements, attributes, text, entities): throws on anything not well formed. */
function parseXml(xml: string): El {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${i}: ${why} near ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const decode = (raw: string, inAttr: boolean): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k]!;
      if (c === '<' || (inAttr && c === '"')) fail(`raw ${c}`);
      if (c === '&') {
        ENTITY.lastIndex = k;
        const m = ENTITY.exec(raw);
        if (!m) fail('bare &');
        out += '?';
        k += m![0].length - 1;
      } else out += c;
    }
    return out;
  };
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  skipSpace();
  if (xml.startsWith('<?xml', i)) i = xml.indexOf('?>', i) + 2;
  skipSpace();
  const stack: El[] = [];
  let root: El | undefined;
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) fail('open comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (xml[i] !== '>') fail('expected >');
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`mismatched </${name}>`);
      if (stack.length === 0) break;
    } else if (xml[i] === '<') {
      i++;
      const el: El = { name: readName(), attrs: {}, children: [], text: '' };
      for (;;) {
        skipSpace();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        const attr = readName();
        if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
        skipSpace();
        if (xml[i] !== '=' || xml[i + 1] !== '"') fail('expected ="');
        const end = xml.indexOf('"', i + 2);
        if (end < 0) fail('open attribute');
        el.attrs[attr] = decode(xml.slice(i + 2, end), true);
        i = end + 1;
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else if (root) fail('second root');
      else root = el;
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) break;
      } else {
        i++;
        stack.push(el);
      }
    } else {
      const end = xml.indexOf('<', i);
      if (end < 0 || stack.length === 0) fail('text outside the root');
      stack[stack.length - 1]!.text += decode(xml.slice(i, end), false);
      i = end;
    }
  }
  if (stack.length > 0 || !root) fail('unclosed elements');
  if (xml.slice(i).trim() !== '') fail('content after the root');
  return root!;
}

function all(el: El, pred: (e: El) => boolean, out: El[] = []): El[] {
  if (pred(el)) out.push(el);
  for (const c of el.children) all(c, pred, out);
  return out;
}

const numbersOf = (d: string) => (d.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);

function pathPoints(d: string): Array<[number, number]> {
  const nums = numbersOf(d);
  const pts: Array<[number, number]> = [];
  for (let k = 0; k < nums.length; k += 2) pts.push([nums[k]!, nums[k + 1]!]);
  return pts;
}

describe('the test XML checker', () => {
  it('rejects malformed documents', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
    expect(parseXml('<a k="&amp;"><b/>t &lt; u</a>').children.length).toBe(1);
  });
});

describe('plotMetricsSvg', () => {
  const rows: MetricsRow[] = [];
  for (let step = 100; step <= 1000; step += 100) {
    rows.push({
      step,
      loss: 10 / step,
      lr: step < 600 ? 1e-3 : 7e-4,
      dtw: step % 300 === 0 ? 20 - step / 100 : null,
    });
  }

  it('draws one well-formed panel per series with finite coordinates, extremes on the panel edges', () => {
    const svg = plotMetricsSvg(rows, { series: ['loss', 'dtw', 'lr'], title: 'Run <A & B>' });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svg).not.toMatch(/href|<script|url\(/);
    const panels = all(root, (e) => e.attrs.class === 'panel');
    expect(panels.map((p) => p.attrs['data-series'])).toEqual(['loss', 'dtw', 'lr']);
    expect(all(root, (e) => e.name === 'text').some((t) => t.text.includes('Run'))).toBe(true);
    for (const el of all(root, () => true)) {
      for (const key of ['x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'width', 'height']) {
        if (el.attrs[key] !== undefined) expect(Number.isFinite(Number(el.attrs[key]))).toBe(true);
      }
      if (el.name === 'path') for (const n of numbersOf(el.attrs.d!)) expect(Number.isFinite(n)).toBe(true);
    }
    // loss: 10/step falls monotonically: first point top-left, last bottom-right of the plot area.
    const loss = panels[0]!;
    const area = all(loss, (e) => e.attrs.class === 'plot-area')[0]!.attrs;
    const [x, y, w, h] = [area.x, area.y, area.width, area.height].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const pts = pathPoints(all(loss, (e) => e.name === 'path')[0]!.attrs.d!);
    expect(pts.length).toBe(10);
    expect(pts[0]![0]).toBeCloseTo(x, 1);
    expect(pts[0]![1]).toBeCloseTo(y, 1);
    expect(pts[9]![0]).toBeCloseTo(x + w, 1);
    expect(pts[9]![1]).toBeCloseTo(y + h, 1);
    // A middle point lands where linear interpolation puts it (step 500, loss 0.02).
    const t = (0.02 - 0.01) / (0.1 - 0.01);
    expect(pts[4]![0]).toBeCloseTo(x + (4 / 9) * w, 1);
    expect(pts[4]![1]).toBeCloseTo(y + h - t * h, 1);
  });

  it('breaks lines at null values and marks isolated points', () => {
    const gappy: MetricsRow[] = [
      { step: 0, dtw: 5 },
      { step: 1, dtw: 4 },
      { step: 2, dtw: null },
      { step: 3, dtw: 3 },
      { step: 4, dtw: Number.NaN },
      { step: 5, dtw: 2 },
      { step: 6, dtw: 1 },
    ];
    const root = parseXml(plotMetricsSvg(gappy, { series: ['dtw'] }));
    expect(
      all(root, (e) => e.attrs.class === 'series-line').map((p) => pathPoints(p.attrs.d!).length),
    ).toEqual([2, 2]);
    expect(all(root, (e) => e.attrs.class === 'series-point').length).toBe(1);
  });

  it('gives a valid "no data yet" chart for an empty log and for a series without values', () => {
    const empty = parseXml(plotMetricsSvg([], { series: ['loss'] }));
    expect(all(empty, (e) => e.attrs.class === 'no-data')[0]!.text).toBe('No data yet');
    const noDtw = parseXml(plotMetricsSvg([{ step: 1, loss: 1 }], { series: ['loss', 'dtw'] }));
    expect(all(noDtw, (e) => e.attrs.class === 'no-data').length).toBe(1);
    expect(all(noDtw, (e) => e.attrs.class === 'series-point').length).toBe(1);
  });

  it('log axes skip non-positive values and put decades on the extremes', () => {
    const data: MetricsRow[] = [1, 10, 100, 0, -5, 1000].map((lr, step) => ({ step, lr }));
    const root = parseXml(plotMetricsSvg(data, { series: ['lr'], logY: ['lr'] }));
    const area = all(root, (e) => e.attrs.class === 'plot-area')[0]!.attrs;
    const lines = all(root, (e) => e.attrs.class === 'series-line').map((p) => pathPoints(p.attrs.d!));
    expect(lines.length).toBe(1);
    const points = all(root, (e) => e.attrs.class === 'series-point');
    expect(points.length).toBe(1);
    const [top, bottom] = [Number(area.y), Number(area.y) + Number(area.height)];
    expect(lines[0]![0]![1]).toBeCloseTo(bottom, 1);
    expect(lines[0]![1]![1]).toBeCloseTo(bottom - (bottom - top) / 3, 1); // 10 is one decade of three
    expect(Number(points[0]!.attrs.cy)).toBeCloseTo(top, 1);
  });

  it('stays well formed and finite for arbitrary names and values', () => {
    const value = fc.oneof(fc.double(), fc.constant(null), fc.double({ min: -1e-300, max: 1e-300 }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.nat({ max: 1e9 }), v: value }), { maxLength: 30 }),
        fc.string({ maxLength: 12 }),
        fc.boolean(),
        (data, name, logY) => {
          const rows = data.map((r) => ({ step: r.step, [name || 'x']: r.v }) as MetricsRow);
          const svg = plotMetricsSvg(rows, { series: [name || 'x'], title: name, logY });
          const root = parseXml(svg);
          for (const el of all(root, (e) => e.name === 'path' || e.name === 'circle' || e.name === 'line')) {
            const nums = [
              ...numbersOf(el.attrs.d ?? ''),
              ...['cx', 'cy', 'x1', 'y1'].map((k) => Number(el.attrs[k] ?? 0)),
            ];
            for (const n of nums) expect(Number.isFinite(n)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('thins very long logs but keeps each pixel column’s extremes', () => {
    const long: MetricsRow[] = [];
    for (let step = 0; step < 50_000; step++)
      long.push({ step, loss: step === 25_000 ? 100 : Math.sin(step) });
    const root = parseXml(plotMetricsSvg(long, { series: ['loss'], width: 600 }));
    const pts = pathPoints(all(root, (e) => e.name === 'path')[0]!.attrs.d!);
    expect(pts.length).toBeLessThan(4 * 600);
    const area = all(root, (e) => e.attrs.class === 'plot-area')[0]!.attrs;
    expect(Math.min(...pts.map((p) => p[1]))).toBeCloseTo(Number(area.y), 1);
  });
});

describe('ticks and escaping', () => {
  it('nice ticks use 1/2/5 steps inside the range', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.013, 0.1, 4)).toEqual([0.02, 0.04, 0.06, 0.08, 0.1]);
    expect(niceTicks(-3, 7, 2)).toEqual([0, 5]);
    expect(logTicks(0.002, 0.9)).toEqual([0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(formatTick(0.30000000000000004, [0.1, 0.2, 0.3])).toBe('0.3');
    expect(formatTick(2e-4, [1e-4, 2e-4])).toBe('2e-4');
    expect(formatTick(1500, [1000, 1500, 2000])).toBe('1500');
    expect([4e-4, 6e-4, 8e-4, 1e-3].map((t, _, all) => formatTick(t, all))).toEqual([
      '4e-4',
      '6e-4',
      '8e-4',
      '1e-3',
    ]);
    expect([0, 2.5e6, 5e6].map((t, _, all) => formatTick(t, all))).toEqual(['0', '2.5e6', '5e6']);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});

describe('writeMetricsPlot', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signllm-plot-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes metrics.svg next to metrics.jsonl, with default series loss, dtw, lr first', async () => {
    expect(parseXml(await readFile(await writeMetricsPlot(dir), 'utf8')).name).toBe('svg');
    const log = MetricsLog.open(join(dir, 'metrics.jsonl'));
    log.append({ step: 1, seconds: 3, lr: 1e-3, loss: 2 });
    log.append({ step: 2, seconds: 3, lr: 1e-3, loss: 1, dtw: 9 });
    log.close();
    const path = await writeMetricsPlot(dir);
    expect(path).toBe(join(dir, 'metrics.svg'));
    const root = parseXml(await readFile(path, 'utf8'));
    expect(all(root, (e) => e.attrs.class === 'panel').map((p) => p.attrs['data-series'])).toEqual([
      'loss',
      'dtw',
      'lr',
      'seconds',
    ]);
    expect((await readdir(dir)).sort()).toEqual(['metrics.jsonl', 'metrics.svg']);
  });
});
