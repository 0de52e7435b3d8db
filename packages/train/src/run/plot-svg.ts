/**
 * A self-contained SVG chart of the training log: one panel per metric, stacked, sharing the step axis,
 * with nice ticks, grid lines, line segments broken at missing values, and a title per panel giving the
 * last and best value. No scripts, fonts or other external references; all text is XML-escaped.
 */
import { join } from 'node:path';
import { METRICS_FILE, type MetricsRow, readMetrics } from './metrics-log.ts';
import { formatTick, logTicks, niceTicks } from './nice-ticks.ts';
import { writeFileAtomic } from './write-json-atomic.ts';

/** Options of `plotMetricsSvg`. */
export interface PlotOptions {
  /** Metric names, one panel each, top to bottom (e.g. `['loss', 'dtw', 'lr']`). */
  series: readonly string[];
  /** Title above the panels. */
  title?: string;
  /** Total width in pixels; default 800. */
  width?: number;
  /** Total height in pixels; default 60 + 200 per panel. */
  height?: number;
  /** Log-scale y axes: all panels (`true`) or the named ones. Non-positive values are then skipped. */
  logY?: boolean | readonly string[];
}

/** Name of the chart file inside a run directory. */
export const METRICS_PLOT_FILE = 'metrics.svg';

const FONT = 'font-family="system-ui, -apple-system, \'Segoe UI\', Helvetica, Arial, sans-serif"';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const MARGIN = { left: 72, right: 24, top: 26, bottom: 34 };
const TITLE_HEIGHT = 36;

/** A panel's plot area in SVG coordinates. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Renders `rows` as an SVG document string (x = step). With no rows it is a valid "no data yet" chart.
 *
 * @example
 * ```ts
 * const svg = plotMetricsSvg(await readMetrics('runs/base/metrics.jsonl'), { series: ['loss', 'dtw', 'lr'] });
 * ```
 */
export function plotMetricsSvg(rows: readonly MetricsRow[], options: PlotOptions): string {
  const series = options.series.length > 0 ? options.series : [];
  const width = clampSize(options.width, 800, 200, 10_000);
  const titleHeight = options.title === undefined ? 8 : TITLE_HEIGHT;
  const panels = Math.max(1, series.length);
  const height = clampSize(options.height, titleHeight + 24 + 200 * panels, 120, 50_000);
  const panelHeight = (height - titleHeight - 8) / panels;
  const sorted = rows.filter((r) => Number.isFinite(r.step)).sort((a, b) => a.step - b.step);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<title>${escapeXml(options.title ?? `Training metrics: ${series.join(', ')}`)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title !== undefined) {
    parts.push(
      `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="600" fill="#222">${escapeXml(options.title)}</text>`,
    );
  }
  if (sorted.length === 0 || series.length === 0) {
    parts.push(
      `<text class="no-data" x="${width / 2}" y="${fmt(titleHeight + (height - titleHeight) / 2)}" text-anchor="middle" font-size="16" fill="#777">No data yet</text>`,
      '</svg>',
    );
    return `${parts.join('\n')}\n`;
  }
  const xMin = sorted[0]!.step;
  const xMax = sorted[sorted.length - 1]!.step;
  const [x0, x1] = xMin === xMax ? [xMin - 1, xMax + 1] : [xMin, xMax];
  series.forEach((name, i) => {
    const top = titleHeight + i * panelHeight;
    const box: Box = {
      x: MARGIN.left,
      y: fmtNum(top + MARGIN.top),
      w: width - MARGIN.left - MARGIN.right,
      h: fmtNum(panelHeight - MARGIN.top - MARGIN.bottom),
    };
    const log = options.logY === true || (Array.isArray(options.logY) && options.logY.includes(name));
    parts.push(panel(sorted, name, box, [x0, x1], log, COLORS[i % COLORS.length]!));
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/**
 * Reads `<runDir>/metrics.jsonl` and writes `<runDir>/metrics.svg` atomically. Without `series`, plots
 * `loss`, `dtw`, `lr` first, then the other numeric metrics (at most 8 panels). Returns the SVG path.
 *
 * @example
 * ```ts
 * await writeMetricsPlot('runs/base', { title: 'Base, ASL' });
 * ```
 */
export async function writeMetricsPlot(runDir: string, options: Partial<PlotOptions> = {}): Promise<string> {
  const rows = await readMetrics(join(runDir, METRICS_FILE));
  const series = options.series ?? defaultSeries(rows);
  const path = join(runDir, METRICS_PLOT_FILE);
  await writeFileAtomic(path, plotMetricsSvg(rows, { ...options, series }));
  return path;
}

/** Numeric metric names of `rows`, with `loss`, `dtw`, `lr` first; at most `max`. */
export function defaultSeries(rows: readonly MetricsRow[], max = 8): string[] {
  const names = new Set<string>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row))
      if (key !== 'step' && typeof value === 'number') names.add(key);
  }
  const preferred = ['loss', 'dtw', 'lr'].filter((n) => names.has(n));
  const rest = [...names].filter((n) => !preferred.includes(n)).sort();
  return [...preferred, ...rest].slice(0, max);
}

function panel(
  rows: readonly MetricsRow[],
  name: string,
  box: Box,
  xd: [number, number],
  log: boolean,
  color: string,
): string {
  const usable = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && (!log || v > 0);
  const values = rows.map((r) => r[name]).filter(usable);
  const out: string[] = [`<g class="panel" data-series="${escapeXml(name)}">`];
  out.push(
    `<rect class="plot-area" x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" fill="#fafafa" stroke="#ccc"/>`,
  );
  const label = (text: string) =>
    `<text x="${box.x}" y="${fmt(box.y - 8)}" font-size="13" font-weight="600" fill="${color}">${escapeXml(text)}</text>`;
  if (values.length === 0) {
    out.push(label(`${name}${log ? ' (log)' : ''}`));
    out.push(
      `<text class="no-data" x="${fmt(box.x + box.w / 2)}" y="${fmt(box.y + box.h / 2)}" text-anchor="middle" fill="#777">No data yet</text>`,
      '</g>',
    );
    return out.join('\n');
  }
  let lo = values[0]!;
  let hi = lo;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const lastValue = values[values.length - 1]!;
  const bestRow = rows.find((r) => r[name] === lo);
  out.push(
    label(
      `${name}${log ? ' (log)' : ''} — last ${short(lastValue)}, min ${short(lo)} @ step ${bestRow?.step ?? '?'}`,
    ),
  );
  const ty = log ? (v: number) => Math.log10(v) : (v: number) => v;
  const [ty0, ty1] = yDomain(ty(lo), ty(hi));
  const span = ty1 - ty0;
  const frac = Number.isFinite(span)
    ? (v: number) => (ty(v) - ty0) / span
    : (v: number) => (ty(v) / 2 - ty0 / 2) / (ty1 / 2 - ty0 / 2);
  const sx = (s: number) => box.x + ((s - xd[0]) / (xd[1] - xd[0])) * box.w;
  const sy = (v: number) => box.y + box.h - frac(v) * box.h;
  [lo, hi] = log ? [10 ** ty0, 10 ** ty1] : [ty0, ty1];
  // Grid and y ticks.
  const yTicks = log ? logTicks(lo, hi) : niceTicks(lo, hi, Math.max(2, Math.round(box.h / 32)));
  for (const t of yTicks) {
    const y = fmt(sy(t));
    out.push(
      `<line x1="${box.x}" y1="${y}" x2="${box.x + box.w}" y2="${y}" stroke="#e4e4e4"/>`,
      `<text x="${box.x - 6}" y="${y}" dy="0.32em" text-anchor="end" fill="#444">${escapeXml(formatTick(t, yTicks))}</text>`,
    );
  }
  const xTicks = niceTicks(xd[0], xd[1], Math.max(2, Math.round(box.w / 90))).filter((t) =>
    Number.isInteger(t),
  );
  for (const t of xTicks) {
    const x = fmt(sx(t));
    out.push(
      `<line x1="${x}" y1="${box.y}" x2="${x}" y2="${box.y + box.h}" stroke="#eeeeee"/>`,
      `<text x="${x}" y="${fmt(box.y + box.h + 16)}" text-anchor="middle" fill="#444">${escapeXml(formatTick(t, xTicks))}</text>`,
    );
  }
  out.push(
    `<text x="${box.x + box.w}" y="${fmt(box.y + box.h + 30)}" text-anchor="end" font-size="11" fill="#666">step</text>`,
  );
  // Line segments, broken at missing values; dense runs thinned to first/min/max/last per pixel column.
  const segments: Array<Array<[number, number]>> = [[]];
  for (const row of rows) {
    const v = row[name];
    if (usable(v)) segments[segments.length - 1]!.push([sx(row.step), sy(v)]);
    else if (segments[segments.length - 1]!.length > 0) segments.push([]);
  }
  for (const segment of segments.filter((s) => s.length > 0).map(thin)) {
    if (segment.length === 1) {
      const [x, y] = segment[0]!;
      out.push(`<circle class="series-point" cx="${fmt(x)}" cy="${fmt(y)}" r="2.5" fill="${color}"/>`);
      continue;
    }
    const d = segment.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(x)} ${fmt(y)}`).join(' ');
    out.push(
      `<path class="series-line" d="${d}" fill="none" stroke="${color}" stroke-width="1.6" stroke-linejoin="round"/>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
}

/** The y range in axis units: the data's, or padded around a single value so it is never empty. */
function yDomain(lo: number, hi: number): [number, number] {
  if (hi > lo) return [lo, hi];
  const pad = Math.abs(lo) * 0.1;
  if (!(lo - pad < lo)) return [lo - 1, lo + 1]; // zero or so tiny that 10 % of it vanishes
  if (!Number.isFinite(lo + pad)) return [lo - 2 * pad, lo];
  if (!Number.isFinite(lo - pad)) return [lo, lo + 2 * pad];
  return [lo - pad, lo + pad];
}

/** Keeps first, min, max and last of each run of points falling in the same pixel column. */
function thin(points: Array<[number, number]>): Array<[number, number]> {
  if (points.length < 2000) return points;
  const out: Array<[number, number]> = [];
  let start = 0;
  while (start < points.length) {
    const column = Math.round(points[start]![0]);
    let end = start;
    let min = start;
    let max = start;
    while (end + 1 < points.length && Math.round(points[end + 1]![0]) === column) {
      end++;
      if (points[end]![1] < points[min]![1]) min = end;
      if (points[end]![1] > points[max]![1]) max = end;
    }
    for (const i of [...new Set([start, min, max, end])].sort((a, b) => a - b)) out.push(points[i]!);
    start = end + 1;
  }
  return out;
}

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function fmtNum(v: number): number {
  return Math.round(v * 100) / 100;
}

function fmt(v: number): string {
  return String(fmtNum(v));
}

function short(v: number): string {
  const abs = Math.abs(v);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

function clampSize(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(max, Math.max(min, Math.round(value)))
    : fallback;
}
