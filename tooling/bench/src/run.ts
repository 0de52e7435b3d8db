/**
 * `pnpm bench`: runs every `*.bench.ts` in this folder (or those named on the command line, by file
 * name prefix), each in its own process so that one benchmark's memory does not colour another's,
 * prints a table, writes `bench-results/<date>.json` and `bench-results/latest.json` at the
 * repository root, and stores each result in `docs/benchmarks/results/` and rewrites
 * `docs/benchmarks.md` from them. `pnpm bench --doc-only` only rewrites the page.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchMachine, type StoredResult, updateBenchmarksDoc } from './benchmarks-doc.ts';
import type { Benchmark, BenchResult } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const RESULT_MARK = '@@bench-result@@';

if (process.argv[2] === '--one') {
  // Child mode: run one benchmark file and print its result on a marked line.
  const mod = (await import(join(here, process.argv[3]!))) as { run: Benchmark };
  const result = await mod.run();
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
  process.exit(0);
}

const resultsDir = join(root, 'docs', 'benchmarks', 'results');
const benchmarksPage = join(root, 'docs', 'benchmarks.md');
if (process.argv[2] === '--doc-only') {
  // Rewrites docs/benchmarks.md from the stored results, running nothing.
  updateBenchmarksDoc(resultsDir, benchmarksPage, []);
  process.stdout.write('wrote docs/benchmarks.md from docs/benchmarks/results/\n');
  process.exit(0);
}

const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort();

/** The machine, as the benchmark page describes it. */
function machine(): BenchMachine {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    platform: `${platform()} ${release()}`,
  };
}

const fmt = (v: number): string => String(Number(v.toPrecision(3)));
const results: BenchResult[] = [];
const stored: StoredResult[] = [];
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n▶ ${file}\n`);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--one', file],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (child.status !== 0 || !line) {
    failed++;
    process.stdout.write(`  failed (exit ${child.status})\n${child.stdout}`);
    continue;
  }
  const result = JSON.parse(line.slice(RESULT_MARK.length)) as BenchResult;
  results.push(result);
  stored.push({ file, machine: machine(), result });
  process.stdout.write(`  ${result.description}\n`);
  for (const m of result.measurements) {
    if (m.sizeBytes !== undefined) {
      const kib = (m.sizeBytes / 1024).toFixed(1).padStart(10);
      process.stdout.write(`  ${m.name.padEnd(64)} ${kib} KiB (${m.sizeBytes} bytes)\n`);
      continue;
    }
    const tp = m.mbPerSecond === undefined ? '' : `  ${m.mbPerSecond.toFixed(1)} MB/s`;
    process.stdout.write(
      `  ${m.name.padEnd(64)} ${m.medianMs.toFixed(3).padStart(10)} ms  (${m.runs} runs)${tp}\n`,
    );
  }
  for (const [k, v] of Object.entries(result.ratios)) process.stdout.write(`  ratio ${k}: ${fmt(v)}\n`);
  for (const [k, g] of Object.entries(result.goals ?? {})) {
    process.stdout.write(`  goal ${k}: ${fmt(g.actual)} vs ${g.target} → ${g.met ? 'met' : 'NOT met'}\n`);
  }
}

const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  results,
};
const dir = join(root, 'bench-results');
mkdirSync(dir, { recursive: true });
const stamp = out.date.replace(/[:.]/g, '-');
writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(out, null, 2)}\n`);
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`\nwrote bench-results/latest.json (${results.length} benchmarks)\n`);
if (stored.length > 0) {
  mkdirSync(resultsDir, { recursive: true });
  updateBenchmarksDoc(resultsDir, benchmarksPage, stored);
  process.stdout.write(`wrote docs/benchmarks.md (${stored.length} updated)\n`);
}
if (failed > 0) process.exitCode = 1;
