import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDatasetManifest } from '@signllm/core';
import { describe, expect, it } from 'vitest';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'signllm-data.js');
const ARGS = [
  '--languages',
  'ase,tsm',
  '--sequences',
  '600',
  '--seed',
  '11',
  '--shard-rows',
  '10',
  '--progress',
  'json',
];

/** Runs the CLI; with `killAt`, sends SIGKILL once a progress line reports that many rows done. */
function runCli(
  args: string[],
  killAt?: number,
): Promise<{ code: number | null; signal: string | null; killedAt?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let buffer = '';
    let killedAt: number | undefined;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        if (killAt === undefined || killedAt !== undefined) continue;
        const event = JSON.parse(line) as { event: string; done: number };
        if (event.event === 'progress' && event.done >= killAt) {
          killedAt = event.done;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, killedAt }));
  });
}

function shardDigests(dir: string): string[] {
  const m = parseDatasetManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  return Object.values(m.splits).flatMap((s) => s.shards.map((sh) => `${sh.path} ${sh.sha256} ${sh.rows}`));
}

describe('a build killed with SIGKILL', () => {
  it('resumes with the same command and ends with the shards of an uninterrupted build', async () => {
    if (!existsSync(join(dirname(BIN), '..', 'dist', 'cli', 'main.js')))
      throw new Error('build the package first');
    const root = mkdtempSync(join(tmpdir(), 'signllm-kill-'));
    const killed = join(root, 'killed');
    const first = await runCli(['synth', '--out', killed, ...ARGS], 60);
    expect(first.signal).toBe('SIGKILL');
    expect(first.killedAt).toBeLessThan(600);
    expect(existsSync(join(killed, 'manifest.json'))).toBe(false);
    expect(existsSync(join(killed, '.build', 'journal.json'))).toBe(true);
    const journal = JSON.parse(readFileSync(join(killed, '.build', 'journal.json'), 'utf8'));
    expect(journal.shards.length).toBeGreaterThan(0);
    const resumed = await runCli(['synth', '--out', killed, ...ARGS]);
    expect(resumed.code).toBe(0);
    const fresh = join(root, 'fresh');
    expect((await runCli(['synth', '--out', fresh, ...ARGS])).code).toBe(0);
    expect(shardDigests(killed)).toEqual(shardDigests(fresh));
    expect(existsSync(join(killed, '.build'))).toBe(false);
  }, 180_000);
});
