import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguage, SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { createMetadataIndex } from './metadata-index.ts';
import { readMetadataMapping } from './read-metadata-mapping.ts';
import { splitFromId, unquoteCsvLine } from './split-from-id.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signllm-mapping-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, `${n++}-${name}`);
  await writeFile(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<SignLLMError> {
  try {
    await promise;
  } catch (e) {
    if (SignLLMError.isInstance(e)) return e;
    throw new Error(`not a SignLLMError: ${String(e)}`);
  }
  throw new Error('did not throw');
}

describeWithData('the How2Sign line-aligned pair (how2sign-text/dev.files + dev.text)', () => {
  const ids = readDataText('how2sign-text', 'dev.files').split('\n');
  const texts = readDataText('how2sign-text', 'dev.text').replace(/\n$/, '').split('\n');

  it('reads one entry per line, all in the dev split', async () => {
    const index = await readMetadataMapping(dataPath('how2sign-text', 'dev.files'));
    expect(ids.length).toBe(texts.length);
    expect(index.size).toBe(ids.length);
    expect(index.get(ids[0]!)).toMatchObject({ id: ids[0], text: texts[0], split: 'dev', line: 1 });
  });

  it('finds the three OpenPose clip ids of how2sign-openpose, with their sentence unquoted', async () => {
    const index = await readMetadataMapping(dataPath('how2sign-text', 'dev.text'));
    for (const clip of [
      '_2FBDaOPYig_2-3-rgb_front',
      '_2FBDaOPYig_2-5-rgb_front',
      '_2FBDaOPYig_3-3-rgb_front',
    ]) {
      const line = ids.indexOf(clip);
      expect(line).toBeGreaterThan(0);
      let raw = texts[line]!;
      if (raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1).replaceAll('""', '"');
      expect(index.find(clip)?.text).toBe(raw);
    }
    expect(index.find('_2FBDaOPYig_2-3-rgb_front')?.text).toMatch(/^So we are currently heating up the oil/);
  });

  it('finds the one id written with a dev/ prefix by its base name', async () => {
    const index = await readMetadataMapping(dataPath('how2sign-text', 'dev.files'));
    const prefixed = ids.filter((id) => id.startsWith('dev/'));
    expect(prefixed).toEqual(['dev/fyI1Ev5m1w4_9-8-rgb_front']);
    expect(index.find('fyI1Ev5m1w4_9-8-rgb_front')?.text).toBe(texts[texts.length - 1]!.slice(1, -1));
  });
});

describe('readMetadataMapping: CSV', () => {
  it('reads aliases, quoted commas and newlines, languages by tag or code, and splits', async () => {
    const path = await file(
      'map.csv',
      '\uFEFFPath,Sentence,Glosses,Lang,split\n' +
        'clips/a.pose,"Hello, world",HELLO WORLD,ASL,train\n' +
        '"clips/b.pose","two\nlines ""quoted""",,gsg,\n' +
        '\n' +
        'dev/c,,,DSGS,\n',
    );
    const index = await readMetadataMapping(path);
    expect(index.size).toBe(3);
    expect(index.find('a')).toEqual({
      id: 'clips/a.pose',
      text: 'Hello, world',
      gloss: 'HELLO WORLD',
      language: 'ase',
      split: 'train',
      line: 2,
    });
    expect(index.find('clips/b.pose')).toEqual({
      id: 'clips/b.pose',
      text: 'two\nlines "quoted"',
      language: 'gsg',
      line: 3,
    });
    expect(index.find('c')).toEqual({
      id: 'dev/c',
      language: getLanguage('DSGS').code,
      split: 'dev',
      line: 6,
    });
  });

  it.each([
    ['an unknown language', 'id,language\na,ASL\nb,XYZ\n', 'unknown_language', 3, /XYZ/],
    ['a missing id', 'id,text\na,hi\n,lost\n', 'schema_invalid', 3, /no id/],
    ['a conflicting duplicate', 'id,text\na,hi\nb,x\na,bye\n', 'schema_invalid', 4, /lines 2 and 4.*text/],
    ['a short row', 'id,text\na\n', 'schema_invalid', 2, /1 fields but the header has 2/],
    ['a bad split', 'id,split\na,"tr ain"\n', 'schema_invalid', 2, /split/],
    [
      'an error after a multi-line field',
      'id,text\na,"x\ny\nz"\nb,ok,extra\n',
      'schema_invalid',
      5,
      /3 fields/,
    ],
  ])('rejects %s with its line', async (_name, csv, code, line, message) => {
    const e = await failure(readMetadataMapping(await file('bad.csv', csv)));
    expect(e.code).toBe(code);
    expect(e.position?.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message).toContain('bad.csv');
  });

  it('merges a duplicate id with the same values', async () => {
    const index = await readMetadataMapping(await file('dup.csv', 'id,text,lang\na,hi,\na,hi,ASL\n'));
    expect(index.get('a')).toEqual({ id: 'a', text: 'hi', language: 'ase', line: 2 });
  });

  it('rejects a header without an id column, an empty file, an unterminated quote, bad UTF-8', async () => {
    expect((await failure(readMetadataMapping(await file('h.csv', 'clip,text\na,b\n')))).message).toMatch(
      /no id column.*id, path, file, name/,
    );
    expect((await failure(readMetadataMapping(await file('e.csv', '')))).code).toBe('format_invalid');
    expect((await failure(readMetadataMapping(await file('q.csv', 'id,text\na,"open\n')))).code).toBe(
      'format_truncated',
    );
    const bad = await failure(
      readMetadataMapping(await file('u.csv', new Uint8Array([0x69, 0x64, 0x0a, 0xc3, 0x28]))),
    );
    expect(bad.code).toBe('format_invalid_utf8');
  });

  it('rejects a huge line with tooLarge and its line number, and reads it under a larger limit', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const path = await file('huge.csv', `id,text\na,short\nb,${huge}\n`);
    const e = await failure(readMetadataMapping(path));
    expect(e.code).toBe('format_too_large');
    expect(e.position?.line).toBe(3);
    const index = await readMetadataMapping(path, { maxLineBytes: 4 * 1024 * 1024 });
    expect(index.get('b')?.text?.length).toBe(huge.length);
    expect((await failure(readMetadataMapping(path, { maxBytes: 100 }))).message).toMatch(/limit .* 100/);
  });

  it('round-trips any text written as a quoted CSV field', async () => {
    const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 5 }), async (values) => {
        const rows = values.map((v, i) => `id${i},"${v.replaceAll('"', '""')}"`);
        const index = await readMetadataMapping(await file('p.csv', `id,text\n${rows.join('\r\n')}`));
        expect(values.map((_, i) => index.get(`id${i}`)?.text)).toEqual(values);
      }),
      { numRuns: 30 },
    );
  });
});

describe('readMetadataMapping: JSONL and pairs', () => {
  it('reads JSONL objects, skipping blank lines, with numeric ids', async () => {
    const path = await file(
      'm.jsonl',
      '{"id":"dev/a","text":"hi","signed_language":"ASL"}\n\n{"name":7,"gloss":"X Y","split":null}\n',
    );
    const index = await readMetadataMapping(path);
    expect(index.get('dev/a')).toEqual({ id: 'dev/a', text: 'hi', language: 'ase', split: 'dev', line: 1 });
    expect(index.get('7')).toEqual({ id: '7', gloss: 'X Y', line: 3 });
  });

  it.each([
    ['a bad JSON line', '{"id":"a"}\n{"id": "b",\n', 'format_invalid', 2],
    ['a non-object line', '{"id":"a"}\n[1,2]\n', 'schema_invalid', 2],
    ['a non-string value', '{"id":"a","text":{"x":1}}\n', 'schema_invalid', 1],
    ['an unknown language', '{"id":"a","lang":"Klingon"}\n', 'unknown_language', 1],
    ['a missing id', '{"text":"a"}\n', 'schema_invalid', 1],
    ['binary garbage', '\u0000\u00ff{{', 'format_invalid', 1],
  ])('rejects %s with its line', async (_name, content, code, line) => {
    const e = await failure(readMetadataMapping(await file('bad.jsonl', content)));
    expect([e.code, e.position?.line]).toEqual([code, line]);
  });

  it('reads a pair with a gloss file, and rejects misaligned or missing files', async () => {
    const stem = join(dir, 'train');
    await writeFile(`${stem}.files`, 'a\ntest/b\n');
    await writeFile(`${stem}.text`, '"x, ""y"""\nplain\n');
    await writeFile(`${stem}.gloss`, 'A\nB\n');
    const index = await readMetadataMapping(`${stem}.text`);
    expect(index.get('a')).toEqual({ id: 'a', text: 'x, "y"', gloss: 'A', split: 'train', line: 1 });
    expect(index.get('test/b')).toMatchObject({ split: 'test', text: 'plain' });
    await writeFile(`${stem}.gloss`, 'A\n');
    const short = await failure(readMetadataMapping(`${stem}.files`));
    expect([short.code, short.position?.line]).toEqual(['format_misaligned', 2]);
    expect(short.message).toContain('train.gloss');
    await writeFile(`${stem}.gloss`, 'A\nB\nC\n');
    expect((await failure(readMetadataMapping(`${stem}.files`))).message).toMatch(/more lines/);
    const lonely = join(dir, 'lonely.files');
    await writeFile(lonely, 'a\n');
    expect((await failure(readMetadataMapping(lonely))).message).toMatch(/needs both.*missing: \.text/);
  });

  it('rejects an unsupported extension and a missing file', async () => {
    expect((await failure(readMetadataMapping(await file('m.xlsx', 'x')))).message).toMatch(/\.csv, \.jsonl/);
    expect((await failure(readMetadataMapping(join(dir, 'nope.csv')))).code).toBe('invalid_argument');
  });
});

describe('MetadataIndex lookup and helpers', () => {
  const index = createMetadataIndex(
    [
      { id: './clips/one.pose', text: '1', line: 1 },
      { id: 'a/shared', text: 'a', line: 2 },
      { id: 'b/shared', text: 'b', line: 3 },
      { id: 'folder-x', text: 'x', line: 4 },
    ],
    'test',
  );
  it('looks up by exact id, base name, then clip folder; an ambiguous base name matches nothing', () => {
    expect(index.find('clips/one.pose')?.text).toBe('1');
    expect(index.find('elsewhere/one')?.text).toBe('1');
    expect(index.find('a/shared')?.text).toBe('a');
    expect(index.find('shared')).toBeUndefined();
    expect(index.find('clip-17', 'folder-x')?.text).toBe('x');
    expect(index.find('clip-17', 'nothing')).toBeUndefined();
  });
  it('reads split prefixes and CSV-quoted lines', () => {
    expect([splitFromId('dev/a'), splitFromId('test\\a'), splitFromId('val/a'), splitFromId('dev')]).toEqual([
      'dev',
      'test',
      undefined,
      undefined,
    ]);
    expect(unquoteCsvLine('"say ""hi"", then"')).toBe('say "hi", then');
    expect(unquoteCsvLine('"half "quoted"')).toBe('"half "quoted"');
    expect(unquoteCsvLine('"open')).toBe('"open');
  });
});
