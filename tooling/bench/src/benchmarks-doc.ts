/**
 * `docs/benchmarks.md`: the latest result of every benchmark, with the machine it ran on. Each
 * `pnpm bench` run stores each benchmark's result in `docs/benchmarks/results/<name>.json` (one file
 * per benchmark, replaced by its next run) and rewrites the page from all of them, so running a subset
 * updates only those sections and the page always says when and where each figure was measured.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './harness.ts';

/** The machine a result was measured on. */
export interface BenchMachine {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
}

/** One stored result: `docs/benchmarks/results/<file>.json`. */
export interface StoredResult {
  file: string;
  machine: BenchMachine;
  result: BenchResult;
}

const num = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3)));
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${num(bytes / 1024 / 1024)} MiB` : `${num(bytes / 1024)} KiB`;
}

/** Renders one benchmark's section. */
export function renderSection(stored: StoredResult): string {
  const { result, machine } = stored;
  const lines = [
    `## ${result.id}`,
    '',
    `\`${stored.file}\` · ${machine.date.slice(0, 16).replace('T', ' ')} UTC · ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`,
    '',
    cell(result.description),
    '',
    '| measurement | median | runs | throughput / size |',
    '|---|---|---|---|',
  ];
  for (const m of result.measurements) {
    const size = m.sizeBytes !== undefined ? kib(m.sizeBytes) : '';
    const tp = m.mbPerSecond !== undefined ? `${num(m.mbPerSecond)} MB/s` : size;
    const median = m.sizeBytes !== undefined ? '—' : `${num(m.medianMs)} ms`;
    lines.push(`| ${cell(m.name)} | ${median} | ${m.runs} | ${tp} |`);
  }
  const ratios = Object.entries(result.ratios);
  if (ratios.length > 0) {
    lines.push('', '| ratio | value |', '|---|---|');
    for (const [k, v] of ratios) lines.push(`| ${cell(k)} | ${num(v)} |`);
  }
  const goals = Object.entries(result.goals ?? {});
  if (goals.length > 0) {
    lines.push('', '| goal | target | this run | met |', '|---|---|---|---|');
    for (const [k, g] of goals)
      lines.push(`| ${cell(k)} | ${num(g.target)} | ${num(g.actual)} | ${g.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

/** The whole page from stored results (sorted by benchmark file). */
export function renderBenchmarksDoc(results: readonly StoredResult[]): string {
  const sorted = [...results].sort((a, b) => a.file.localeCompare(b.file));
  const head = [
    '# Benchmarks',
    '',
    'Written by `npx -y pnpm@10.34.9 bench` (all benchmarks) or `npx -y pnpm@10.34.9 bench <name>…` (those whose file name',
    'starts with a name); each section is the latest run of one benchmark, with the machine and date it',
    'ran on. Absolute times on shared machines vary by 20–30 %, so every benchmark measures a reference in',
    'the same run and reports ratios: compare ratios, not milliseconds, across machines. The code is in',
    '`tooling/bench/src/`; the stored results are in `docs/benchmarks/results/`.',
    '',
    '| benchmark | measured |',
    '|---|---|',
    ...sorted.map(
      (s) =>
        `| [${s.result.id}](#${s.result.id.toLowerCase().replace(/[^a-z0-9-]/g, '')}) | ${s.machine.date.slice(0, 10)}, ${s.machine.cores} cores |`,
    ),
    '',
  ];
  return `${head.join('\n')}\n${sorted.map(renderSection).join('\n\n')}\n`;
}

/** Reads every stored result in `dir`. */
export function readStoredResults(dir: string): StoredResult[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as StoredResult);
}

/** Stores `stored` in `dir` and rewrites `page` from everything stored there. */
export function updateBenchmarksDoc(dir: string, page: string, fresh: readonly StoredResult[]): void {
  for (const s of fresh) {
    writeFileSync(join(dir, `${s.file.replace(/\.bench\.ts$/, '')}.json`), `${JSON.stringify(s, null, 2)}\n`);
  }
  writeFileSync(page, renderBenchmarksDoc(readStoredResults(dir)));
}
