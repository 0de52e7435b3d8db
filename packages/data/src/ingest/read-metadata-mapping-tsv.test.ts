import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { expectCode } from '../test-support/errors.ts';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { discoverInputs } from './discover-inputs.ts';
import { readInput } from './read-input.ts';
import { readMetadataMapping } from './read-metadata-mapping.ts';

const HEADER = 'VIDEO_ID\tVIDEO_NAME\tSENTENCE_ID\tSENTENCE_NAME\tSTART_REALIGNED\tEND_REALIGNED\tSENTENCE';

describeWithData('How2Sign-style tab-separated mappings', () => {
  it('maps the OpenPose clips to their sentences by SENTENCE_NAME, in a .csv that holds tabs', async () => {
    const ids = readDataText('how2sign-text', 'dev.files').split('\n');
    const texts = readDataText('how2sign-text', 'dev.text').split('\n');
    const clips = ['_2FBDaOPYig_2-3-rgb_front', '_2FBDaOPYig_2-5-rgb_front', '_2FBDaOPYig_3-3-rgb_front'];
    const lines = clips.map((clip, i) => {
      const text = (texts[ids.indexOf(clip)] ?? '').replace(/^"(.*)"$/, '$1').replaceAll('""', '"');
      expect(text.length).toBeGreaterThan(0);
      return ['_2FBDaOPYig', '_2FBDaOPYig-rgb_front', `_2FBDaOPYig_${i}`, clip, '1.0', '5.0', text].join(
        '\t',
      );
    });
    const dir = mkdtempSync(join(tmpdir(), 'signllm-tsv-'));
    const path = join(dir, 'how2sign_realigned_val.csv');
    writeFileSync(path, `${HEADER}\n${lines.join('\n')}\n`);
    const index = await readMetadataMapping(path);
    expect(index.size).toBe(3);
    const units = await discoverInputs(clips.map((c) => dataPath('how2sign-openpose', c)));
    for (const [i, unit] of units.entries()) {
      for await (const sample of readInput(unit, { metadata: index, language: 'ase' })) {
        expect(sample.text).toBe(lines[i]?.split('\t')[6]);
      }
    }
    // .tsv works too; a row with a missing field is an error with its line
    const tsv = join(dir, 'm.tsv');
    writeFileSync(tsv, `${HEADER}\n${lines[0]}\nv\tv\ts\tclip-x\t1\t2\n`);
    const e = await readMetadataMapping(tsv).catch((x: unknown) => x);
    expectCode(() => {
      throw e;
    }, 'schema_invalid');
    expect(String((e as Error).message)).toMatch(/fields/);
  });
});
