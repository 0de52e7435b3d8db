/**
 * "Readable with standard Parquet tools": DuckDB (its own C++ Parquet reader, nothing shared with
 * hyparquet) reads a dataset built from the real PHOENIX14T sample, and the documented layout
 * (`pose[(j·D + d)·T + t] × 1e-5`) gives back exactly the numbers of the original `.skels` text.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { buildDataset } from '../build/build-dataset.ts';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';

describeWithData('a dataset read by DuckDB', () => {
  it('has the documented columns and the exact .skels values', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'signllm-duckdb-')), 'ds');
    await buildDataset({
      inputs: [dataPath('phoenix14t-sample', 'dev.skels')],
      out,
      language: 'gsg',
      normalize: 'progressive-transformers',
      workers: 1,
    });
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    try {
      const reader = await con.runAndReadAll(
        `select id, split, language, text, gloss, frames, joints, dims, fps, pose, confidence
         from read_parquet('${join(out, 'dev', '*.parquet').replaceAll("'", "''")}') order by id`,
      );
      const rows = reader.getRowObjectsJson() as Array<Record<string, unknown>>;
      const ids = readDataText('phoenix14t-sample', 'dev.files').trim().split('\n');
      const glosses = readDataText('phoenix14t-sample', 'dev.gloss').trim().split('\n');
      const skels = readDataText('phoenix14t-sample', 'dev.skels').trim().split('\n');
      expect(rows.map((r) => r.id)).toEqual([...ids].sort());
      for (const row of rows) {
        const line = ids.indexOf(row.id as string);
        expect(row).toMatchObject({ split: 'dev', language: 'gsg', joints: 50, dims: 3, fps: 25 });
        expect(row.gloss).toBe(glosses[line]);
        const tokens = (skels[line] as string).trim().split(' ');
        const T = row.frames as number;
        expect(tokens.length).toBe(T * 151);
        const pose = (row.pose as Array<number | string>).map(Number);
        expect(pose.length).toBe(T * 150);
        for (let t = 0; t < T; t++) {
          for (let c = 0; c < 150; c++) {
            // channel c = j·3 + d, stored channel-major
            const value = (pose[c * T + t] as number) / 1e5;
            expect(value.toFixed(5)).toBe(Number(tokens[t * 151 + c]).toFixed(5));
          }
        }
        expect((row.confidence as unknown[]).every((v) => Number(v) === 255)).toBe(true);
      }
    } finally {
      con.closeSync();
      db.closeSync();
    }
  }, 60_000);
});
