import { describe, expect, it } from 'vitest';
import { chunks } from '../../test-support/chunks.ts';
import { thrownAsync } from '../../test-support/errors.ts';
import { describeWithData, readDataBytes, readDataText } from '../../test-support/shared-data.ts';
import { parseSkels } from './read-skels.ts';
import { readSkelsCorpus, type SkelsCorpusEntry, type SkelsCorpusSources } from './read-skels-corpus.ts';

const enc = new TextEncoder();

async function collect(sources: SkelsCorpusSources, source = 'dev.skels'): Promise<SkelsCorpusEntry[]> {
  const out: SkelsCorpusEntry[] = [];
  for await (const e of readSkelsCorpus(sources, { dialect: 'pt', source })) out.push(e);
  return out;
}

const nonEmptyLines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describeWithData('readSkelsCorpus on the PHOENIX14T sample', () => {
  for (const split of ['train', 'dev']) {
    const bytes = (ext: string) => readDataBytes('phoenix14t-sample', `${split}.${ext}`);
    const text = (ext: string) => nonEmptyLines(readDataText('phoenix14t-sample', `${split}.${ext}`));

    it(`${split}: aligns .skels, .text, .gloss and .files line by line`, async () => {
      const entries = await collect(
        {
          skels: chunks(bytes('skels'), 7001),
          text: chunks(bytes('text'), 5),
          gloss: chunks(bytes('gloss'), 3),
          files: chunks(bytes('files'), 1),
        },
        `${split}.skels`,
      );
      const whole = parseSkels(bytes('skels'), { dialect: 'pt' });
      expect(entries).toHaveLength(5);
      entries.forEach((e, i) => {
        expect(e.index).toBe(i);
        expect(e.text).toBe(text('text')[i]);
        expect(e.gloss).toBe(text('gloss')[i]);
        expect(e.id).toBe(text('files')[i]);
        expect(e.id?.startsWith(`${split}/`)).toBe(true);
        expect(e.sequence.frames).toBe(whole[i]!.frames);
        expect(e.sequence.values).toEqual(whole[i]!.values);
      });
    });
  }

  it('dev entry 0 is the clip, sentence and glosses of the first lines', async () => {
    const bytes = (ext: string) => readDataBytes('phoenix14t-sample', `dev.${ext}`);
    const [first] = await collect({
      skels: [bytes('skels')],
      text: [bytes('text')],
      gloss: [bytes('gloss')],
      files: [bytes('files')],
    });
    expect(first!.id).toBe('dev/11August_2010_Wednesday_tagesschau-2');
    expect(first!.gloss).toBe('DRUCK TIEF KOMMEN');
    expect(first!.text).toBe(nonEmptyLines(readDataText('phoenix14t-sample', 'dev.text'))[0]);
    expect(first!.text).toContain('nächsten'); // UTF-8 decoded
    expect(first!.sequence.frames).toBe(42);
  });

  it('names the side file and line when it has fewer or more lines than the .skels', async () => {
    const skels = () => [readDataBytes('phoenix14t-sample', 'dev.skels')];
    const gloss = readDataText('phoenix14t-sample', 'dev.gloss');
    const short = nonEmptyLines(gloss).slice(0, 3).join('\n');
    const e1 = await thrownAsync(() => collect({ skels: skels(), gloss: [enc.encode(short)] }));
    expect(e1.code).toBe('format_misaligned');
    expect(e1.position).toMatchObject({ source: 'dev.gloss', line: 4 });
    expect(e1.message).toMatch(/dev\.gloss has only 3 lines.*line 4/);

    const long = `${gloss}EXTRA GLOSS\n`;
    const e2 = await thrownAsync(() => collect({ skels: skels(), gloss: [enc.encode(long)] }));
    expect(e2.code).toBe('format_misaligned');
    expect(e2.position).toMatchObject({ source: 'dev.gloss', line: 6 });
    expect(e2.message).toContain('has more lines');
  });

  it('reports invalid UTF-8 in .text with its line number', async () => {
    const lines = readDataText('phoenix14t-sample', 'dev.text').split('\n');
    const bad = enc.encode(lines.slice(0, 2).join('\n'));
    const broken = new Uint8Array([
      ...bad,
      10,
      0x77,
      0xc3,
      0x28,
      0x0a,
      ...enc.encode(lines.slice(3).join('\n')),
    ]);
    const e = await thrownAsync(() =>
      collect({ skels: [readDataBytes('phoenix14t-sample', 'dev.skels')], text: chunks(broken, 2) }),
    );
    expect(e.code).toBe('format_invalid_utf8');
    expect(e.position).toMatchObject({ source: 'dev.text', line: 3 });
  });
});

describe('readSkelsCorpus (synthetic)', () => {
  const line = (v: string) => `${`${v} `.repeat(150)}0.0000`;
  const skels = enc.encode(`${line('0.1')}\n${line('0.2')}\r\n`);

  it('strips \\r\\n and a BOM from side files, and labels from `labels`', async () => {
    const out: SkelsCorpusEntry[] = [];
    for await (const e of readSkelsCorpus(
      { skels: [skels], text: [enc.encode('\ufeffeins\r\nzwei\r\n')] },
      { dialect: 'pt', labels: { text: 'sentences.txt' } },
    )) {
      out.push(e);
    }
    expect(out.map((e) => e.text)).toEqual(['eins', 'zwei']);
    expect(out[1]!.sequence.values[0]).toBe(Math.fround(0.2));
    expect(out[0]!.id).toBeUndefined();
    const e = await thrownAsync(async () => {
      for await (const _ of readSkelsCorpus(
        { skels: [skels], text: [enc.encode('eins\n')] },
        { dialect: 'pt', labels: { text: 'sentences.txt' } },
      ));
    });
    expect(e.position).toMatchObject({ source: 'sentences.txt', line: 2 });
  });

  it('closes the side readers when the consumer stops early', async () => {
    let closed = false;
    async function* side(): AsyncGenerator<Uint8Array> {
      try {
        yield enc.encode('a\nb\n');
      } finally {
        closed = true;
      }
    }
    for await (const e of readSkelsCorpus({ skels: [skels], gloss: side() }, { dialect: 'pt' })) {
      expect(e.gloss).toBe('a');
      break;
    }
    expect(closed).toBe(true);
  });

  it('rejects a bad sources object', async () => {
    const e = await thrownAsync(async () => {
      for await (const _ of readSkelsCorpus(null as unknown as SkelsCorpusSources, { dialect: 'pt' }));
    });
    expect(e.code).toBe('invalid_argument');
  });
});
