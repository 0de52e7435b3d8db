/**
 * @signllm/core must run unchanged in a browser. This test bundles its sources for the browser with
 * esbuild (which fails on any Node built-in import) and runs the bundle in a bare JavaScript context
 * that has only the globals every browser has and @signllm/core may use (no process, Buffer, require,
 * module or Node APIs), then reads real files with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = process.env.SIGNLLM_SHARED_DATA ?? join(root, '..', 'shared', 'data');

interface CoreInBrowser {
  readPose: (bytes: Uint8Array) => { body: { frames: number }; header: { components: { name: string }[] } };
  writePose: (file: unknown) => Uint8Array;
  parseSkels: (text: string, o: { dialect: string }) => { frames: number }[];
  getLanguage: (code: string) => { code: string };
  getSkeleton: (name: string) => { joints: string[] };
  bleu: (h: string[], r: string[]) => { score: number };
}

let core: CoreInBrowser;
let bundleText = '';

beforeAll(async () => {
  const result = await build({
    entryPoints: [join(root, 'packages', 'core', 'src', 'index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'SignLLMCore',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  bundleText = result.outputFiles[0]!.text;
  // Only what a browser also has: ECMAScript built-ins (present in every context) plus these.
  const context = createContext({ TextDecoder, TextEncoder });
  runInContext(bundleText, context);
  core = (context as unknown as { SignLLMCore: CoreInBrowser }).SignLLMCore;
}, 60_000);

describe('@signllm/core bundled for the browser', () => {
  it('bundles with no Node built-ins and runs without Node globals', () => {
    expect(bundleText.length).toBeGreaterThan(10_000);
    expect(bundleText).not.toMatch(/require\(["']node:/);
    expect(core.getLanguage('ASL').code).toBe('ase');
    expect(core.getSkeleton('prompt2sign-50').joints).toHaveLength(50);
    expect(core.bleu(['the cat sat on the mat'], ['the cat sat on the mat']).score).toBeCloseTo(100, 6);
  });

  it.skipIf(!existsSync(data))('reads and writes real .pose and .skels files in that context', () => {
    const pose = new Uint8Array(readFileSync(join(data, 'pose-format', 'mediapipe.pose')));
    const file = core.readPose(pose);
    expect(file.body.frames).toBe(170);
    expect(core.readPose(core.writePose(file)).body.frames).toBe(170);
    const skels = readFileSync(join(data, 'phoenix14t-sample', 'dev.skels'), 'utf8');
    const seqs = core.parseSkels(skels, { dialect: 'pt' });
    expect(seqs.map((s) => s.frames)).toEqual(
      skels
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).length / 151),
    );
  });

  it('the bare context really lacks Node globals', () => {
    const context = createContext({});
    expect(runInContext('typeof process + typeof Buffer + typeof require', context)).toBe('undefinedundefinedundefined');
  });
});
