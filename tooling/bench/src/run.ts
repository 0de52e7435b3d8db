/**
 * `pnpm bench`: runs every `*.bench.ts` in this folder (or those named on the command line, by id
 * prefix), prints a table, and writes `bench-results/<date>.json` and `bench-results/latest.json` at
 * the repository root.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchResult } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  process.stdout.write(`\n▶ ${file}\n`);
  const mod = (await import(join(here, file))) as { run: Benchmark };
  const result = await mod.run();
  results.push(result);
  for (const m of result.measurements) {
    const tp = m.mbPerSecond === undefined ? '' : `  ${m.mbPerSecond.toFixed(1)} MB/s`;
    process.stdout.write(
      `  ${m.name.padEnd(48)} ${m.medianMs.toFixed(3).padStart(10)} ms  (${m.runs} runs)${tp}\n`,
    );
  }
  for (const [k, v] of Object.entries(result.ratios)) process.stdout.write(`  ratio ${k}: ${Number(v.toPrecision(3))}\n`);
  for (const [k, g] of Object.entries(result.goals ?? {})) {
    process.stdout.write(
      `  goal ${k}: ${g.actual.toFixed(2)} vs ${g.target} → ${g.met ? 'met' : 'NOT met'}\n`,
    );
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
