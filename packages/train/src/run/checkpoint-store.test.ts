import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/rejection.ts';
import type { NamedTensor } from './checkpoint-format.ts';
import {
  checkpointDirName,
  listCheckpoints,
  readCheckpoint,
  readLatestCheckpoint,
  readRunOrCheckpoint,
  writeCheckpoint,
} from './checkpoint-store.ts';

let run: string;
beforeEach(async () => {
  run = await mkdtemp(join(tmpdir(), 'signllm-ckpt-'));
});
afterEach(async () => {
  await rm(run, { recursive: true, force: true });
});

function tensor(name: string, shape: number[], seed: number): NamedTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = Math.sin(seed * 1000 + i) * 3;
  return { name, shape, data };
}

function weights(seed = 1): NamedTensor[] {
  return [tensor('enc/w', [3, 4], seed), tensor('enc/b', [4], seed + 1), tensor('scale', [], seed + 2)];
}

const dirOf = (step: number) => join(run, 'checkpoints', checkpointDirName(step));

describe('writeCheckpoint / readCheckpoint', () => {
  it('round-trips tensors, state and metadata, with sizes and digests computed independently', async () => {
    const optimizer = [tensor('adam/m/enc/w', [3, 4], 7), tensor('adam/v/enc/w', [3, 4], 8)];
    const state = {
      config: { layers: 2 },
      rng: [1, 2, 3],
      tokenizer: { vocab: ['<pad>', 'hello'] },
      note: 'ü',
    };
    const ref = await writeCheckpoint(run, { step: 123, state, tensors: { weights: weights(), optimizer } });
    expect(ref).toEqual({ step: 123, dir: dirOf(123) });
    expect((await readdir(dirOf(123))).sort()).toEqual(['checkpoint.json', 'optimizer.bin', 'weights.bin']);

    const bin = await readFile(join(dirOf(123), 'weights.bin'));
    expect(bin.length).toBe((12 + 4 + 1) * 4);
    expect(bin.readFloatLE(0)).toBe(weights()[0]!.data[0]);
    expect(bin.readFloatLE(12 * 4)).toBe(weights()[1]!.data[0]);
    const json = JSON.parse(await readFile(join(dirOf(123), 'checkpoint.json'), 'utf8'));
    expect(json.files.weights.sha256).toBe(createHash('sha256').update(bin).digest('hex'));
    expect(json.files.weights.bytes).toBe(bin.length);
    expect(json.files.weights.tensors[1]).toEqual({ name: 'enc/b', shape: [4], offset: 48, length: 4 });
    expect(json.format).toBe('signllm-checkpoint');
    expect(Number.isNaN(Date.parse(json.createdAt))).toBe(false);

    const back = await readCheckpoint(dirOf(123));
    expect(back.step).toBe(123);
    expect(back.state).toEqual(state);
    expect(back.tensors.weights.map((t) => [t.name, t.shape])).toEqual([
      ['enc/w', [3, 4]],
      ['enc/b', [4]],
      ['scale', []],
    ]);
    for (const [i, t] of weights().entries()) {
      expect(Array.from(back.tensors.weights[i]!.data)).toEqual(Array.from(t.data));
    }
    expect(Array.from(back.tensors.optimizer![1]!.data)).toEqual(Array.from(optimizer[1]!.data));
  });

  it('keeps special float values and empty tensors; optimizer is optional', async () => {
    const data = new Float32Array([Number.NaN, Number.POSITIVE_INFINITY, -0, 3.4e38, 1e-45]);
    await writeCheckpoint(run, {
      step: 0,
      state: null,
      tensors: {
        weights: [
          { name: 'x', shape: [5], data },
          { name: 'empty', shape: [0, 7], data: new Float32Array(0) },
        ],
      },
    });
    const back = await readCheckpoint(dirOf(0));
    expect(back.tensors.optimizer).toBeUndefined();
    expect(Array.from(back.tensors.weights[0]!.data)).toEqual(Array.from(data));
    expect(Object.is(back.tensors.weights[0]!.data[2], -0)).toBe(true);
    expect(back.tensors.weights[1]!.data.length).toBe(0);
  });

  it('round-trips a ~10 MB tensor list, including a subarray view with a byte offset', async () => {
    const big = new Float32Array(2_500_001);
    for (let i = 0; i < big.length; i++) big[i] = (i % 9973) * 0.25 - 1000;
    const backing = new Float32Array(1000);
    backing.fill(5);
    const view = backing.subarray(10, 20);
    view[0] = 42;
    await writeCheckpoint(run, {
      step: 5,
      state: {},
      tensors: {
        weights: [
          { name: 'big', shape: [2_500_001], data: big },
          { name: 'view', shape: [2, 5], data: view },
        ],
      },
    });
    const back = await readCheckpoint(dirOf(5));
    const got = back.tensors.weights[0]!.data;
    expect(got.length).toBe(big.length);
    expect(got[0]).toBe(-1000);
    expect(got[9973 + 5]).toBe(5 * 0.25 - 1000);
    expect(got[big.length - 1]).toBe(big[big.length - 1]);
    let same = true;
    for (let i = 0; i < big.length; i += 997) same &&= got[i] === big[i];
    expect(same).toBe(true);
    expect(Array.from(back.tensors.weights[1]!.data)).toEqual([42, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
  });

  it('rejects bad input before writing anything', async () => {
    const bad = (weights: NamedTensor[]) =>
      writeCheckpoint(run, { step: 1, state: {}, tensors: { weights } });
    await rejection(bad([tensor('a', [2, 3], 1), tensor('a', [1], 2)]), 'invalid_argument', /duplicate.*"a"/);
    await rejection(
      bad([{ name: 'a', shape: [2, 3], data: new Float32Array(5) }]),
      'shape_mismatch',
      /\[2, 3\].*6.*5/,
    );
    await rejection(bad([{ name: '', shape: [1], data: new Float32Array(1) }]), 'invalid_argument', /name/);
    await rejection(
      bad([{ name: 'a', shape: [1], data: [1] as unknown as Float32Array }]),
      'invalid_argument',
      /Float32Array/,
    );
    await rejection(
      bad([{ name: 'a', shape: [-1], data: new Float32Array(1) }]),
      'invalid_argument',
      /dimension/,
    );
    await rejection(
      writeCheckpoint(run, { step: -1, state: {}, tensors: { weights: [] } }),
      'invalid_argument',
    );
    await rejection(
      writeCheckpoint(run, { step: 1, state: { n: 1n }, tensors: { weights: [] } }),
      'invalid_argument',
    );
    await rejection(
      writeCheckpoint(run, { step: 1, state: {}, tensors: { weights: [] } }, { keep: 0 }),
      'invalid_argument',
      /keep/,
    );
    expect(await listCheckpoints(run)).toEqual([]);
  });
});

describe('latest pointer, pruning and crash safety', () => {
  it('points latest.json at the newest step and keeps the last N plus keepAlso', async () => {
    expect(await readLatestCheckpoint(run)).toBeUndefined();
    for (const step of [10, 20, 30, 40, 50]) {
      await writeCheckpoint(
        run,
        { step, state: { step }, tensors: { weights: weights(step) } },
        { keep: 2, keepAlso: [20] },
      );
    }
    expect((await listCheckpoints(run)).map((c) => c.step)).toEqual([20, 40, 50]);
    const latest = JSON.parse(await readFile(join(run, 'checkpoints', 'latest.json'), 'utf8'));
    expect(latest).toEqual({ step: 50, dir: 'step-000050' });
    const back = await readLatestCheckpoint(run);
    expect(back?.step).toBe(50);
    expect(back?.state).toEqual({ step: 50 });
  });

  it('ignores leftovers of a crashed write, and the next write removes them', async () => {
    await writeCheckpoint(run, { step: 10, state: 'old', tensors: { weights: weights(1) } });
    const root = join(run, 'checkpoints');
    // Crash while writing step 20: a half-written temp dir (no checkpoint.json) and a temp pointer.
    const halfDir = join(root, 'step-000020.tmp-0123456789ab');
    await mkdir(halfDir);
    await writeFile(join(halfDir, 'weights.bin'), Buffer.alloc(7));
    await writeFile(join(root, 'latest.json.tmp-ba9876543210'), '{"step": 20, "dir": "step-0');
    // Crash after the rename but before the pointer: step 30 complete, pointer still at 10.
    await writeCheckpoint(run, { step: 30, state: 'x', tensors: { weights: weights(3) } });
    await writeFile(join(root, 'latest.json'), '{"step":10,"dir":"step-000010"}');
    await mkdir(halfDir);
    await writeFile(join(root, 'latest.json.tmp-ba9876543210'), '{"step": 20, "dir": "step-0');

    const latest = await readLatestCheckpoint(run);
    expect(latest?.step).toBe(10);
    expect(latest?.state).toBe('old');
    expect((await listCheckpoints(run)).map((c) => c.step)).toEqual([10, 30]);

    // The resumed run continues from 10; its next write drops the temp files and the abandoned step 30.
    await writeCheckpoint(run, { step: 15, state: 'new', tensors: { weights: weights(2) } });
    expect((await readdir(root)).sort()).toEqual(['latest.json', 'step-000010', 'step-000015']);
    expect((await readLatestCheckpoint(run))?.state).toBe('new');
  });

  it('falls back to scanning when latest.json is missing or damaged', async () => {
    await writeCheckpoint(run, { step: 1, state: 1, tensors: { weights: weights() } });
    await writeCheckpoint(run, { step: 2, state: 2, tensors: { weights: weights() } });
    await writeFile(join(run, 'checkpoints', 'latest.json'), '{"step": 2, "di');
    expect((await readLatestCheckpoint(run))?.step).toBe(2);
    await rm(join(run, 'checkpoints', 'latest.json'));
    expect((await readLatestCheckpoint(run))?.step).toBe(2);
  });

  it('readRunOrCheckpoint takes a checkpoint folder as it is and a run folder by its latest', async () => {
    await writeCheckpoint(run, { step: 1, state: 1, tensors: { weights: weights() } });
    await writeCheckpoint(run, { step: 2, state: 2, tensors: { weights: weights() } });
    expect((await readRunOrCheckpoint(run)).step).toBe(2);
    expect((await readRunOrCheckpoint(dirOf(1))).step).toBe(1);
    const empty = join(run, 'empty');
    await mkdir(empty);
    await expect(readRunOrCheckpoint(empty, 'back-translation run')).rejects.toThrow(
      /empty has no checkpoint \(expected a back-translation run folder with checkpoints\/ or a checkpoint folder/,
    );
  });

  it('rewriting an existing step replaces it; a crash mid-replacement still finds the old copy', async () => {
    await writeCheckpoint(run, { step: 7, state: 'first', tensors: { weights: weights(1) } });
    await writeCheckpoint(run, { step: 7, state: 'second', tensors: { weights: weights(2) } });
    expect((await readLatestCheckpoint(run))?.state).toBe('second');
    expect((await readdir(join(run, 'checkpoints'))).sort()).toEqual(['latest.json', 'step-000007']);
    // Simulate the crash between "move old aside" and "rename new into place".
    const { rename } = await import('node:fs/promises');
    await rename(dirOf(7), join(run, 'checkpoints', 'step-000007.old-0123456789ab'));
    expect((await readLatestCheckpoint(run))?.state).toBe('second');
  });
});

describe('hostile checkpoints', () => {
  let dir: string;
  beforeEach(async () => {
    await writeCheckpoint(run, {
      step: 3,
      state: { a: 1 },
      tensors: { weights: weights(), optimizer: [tensor('m', [2, 2], 5)] },
    });
    dir = dirOf(3);
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests forge arbitrary JSON shapes
  const editJson = async (edit: (json: any) => void) => {
    const path = join(dir, 'checkpoint.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    edit(json);
    await writeFile(path, JSON.stringify(json));
  };

  it('truncated, extended, altered and missing binary files', async () => {
    await truncate(join(dir, 'weights.bin'), 20);
    await rejection(readCheckpoint(dir), 'format_truncated', /weights\.bin.*byte 20/);
    await rejection(readLatestCheckpoint(run), 'format_truncated', /weights\.bin/);
  });

  it('sha256 mismatch names the file', async () => {
    const path = join(dir, 'optimizer.bin');
    const bytes = await readFile(path);
    bytes[5]! ^= 0x01;
    await writeFile(path, bytes);
    await rejection(readCheckpoint(dir), 'format_invalid', /sha256 mismatch.*optimizer\.bin/);
  });

  it('a longer file and a missing file', async () => {
    await writeFile(join(dir, 'optimizer.bin'), Buffer.alloc(100));
    await rejection(readCheckpoint(dir), 'format_invalid', /100 bytes.*optimizer\.bin/);
    await rm(join(dir, 'optimizer.bin'));
    await rejection(readCheckpoint(dir), 'format_truncated', /missing.*optimizer\.bin/);
  });

  it('bad JSON, empty JSON, missing JSON, wrong format name, future version', async () => {
    const path = join(dir, 'checkpoint.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, text.length / 2));
    await rejection(readCheckpoint(dir), 'format_invalid', /not valid JSON.*checkpoint\.json/);
    await writeFile(path, '');
    await rejection(readCheckpoint(dir), 'format_truncated', /checkpoint\.json/);
    await writeFile(path, text);
    await editJson((j) => {
      j.formatVersion = '2.0.0';
    });
    await rejection(readCheckpoint(dir), 'format_unsupported_version', /2\.0\.0.*upgrade/);
    await editJson((j) => {
      j.formatVersion = '1.0.0';
      j.format = 'something-else';
    });
    await rejection(readCheckpoint(dir), 'format_invalid', /not a SignLLM checkpoint/);
    await rm(path);
    await rejection(readCheckpoint(dir), 'format_invalid', /missing.*checkpoint\.json/);
  });

  it('shape products that do not match, duplicate names, gaps, escaping file names', async () => {
    await editJson((j) => {
      j.files.weights.tensors[0].shape = [4, 4];
    });
    await rejection(readCheckpoint(dir), 'shape_mismatch', /enc\/w.*16.*12/);
    await editJson((j) => {
      j.files.weights.tensors[0].shape = [3, 4];
      j.files.weights.tensors[1].name = 'enc/w';
    });
    await rejection(readCheckpoint(dir), 'format_invalid', /duplicate tensor name "enc\/w"/);
    await editJson((j) => {
      j.files.weights.tensors[1].name = 'enc/b';
      j.files.weights.tensors[1].offset = 52;
    });
    await rejection(readCheckpoint(dir), 'format_invalid', /offset 52/);
    await editJson((j) => {
      j.files.weights.tensors[1].offset = 48;
      j.files.weights.file = '../../escape.bin';
    });
    await rejection(readCheckpoint(dir), 'format_invalid', /weights\.bin/);
  });

  it('a forged 2^40-value shape is format_too_large, not an allocation attempt', async () => {
    await editJson((j) => {
      j.files.weights.tensors = [{ name: 'huge', shape: [2 ** 20, 2 ** 20], offset: 0, length: 2 ** 40 }];
      j.files.weights.bytes = 2 ** 42;
    });
    await rejection(readCheckpoint(dir), 'format_too_large', /weights\.bin/);
    await editJson((j) => {
      j.files.weights.bytes = 68;
    });
    await rejection(readCheckpoint(dir), 'format_too_large', /huge/);
    await editJson((j) => {
      j.files.weights.tensors = [{ name: 'huge', shape: Array(16).fill(2 ** 52), offset: 0, length: 17 }];
    });
    await rejection(readCheckpoint(dir), 'format_too_large', /huge/);
  });

  it('wrong field types are schema errors naming the file', async () => {
    await editJson((j) => {
      j.step = 'three';
    });
    await rejection(readCheckpoint(dir), 'schema_invalid', /checkpoint\.json.*step/);
  });

  it('any corruption of checkpoint.json gives a SignLLMError or the original data, never another error', async () => {
    const path = join(dir, 'checkpoint.json');
    const original = await readFile(path);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: original.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        async (at, byte) => {
          const copy = Buffer.from(original);
          copy[at] = byte;
          await writeFile(path, copy);
          try {
            const back = await readCheckpoint(dir);
            expect(back.tensors.weights.length).toBeGreaterThanOrEqual(0);
          } catch (error) {
            expect(SignLLMError.isInstance(error)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
