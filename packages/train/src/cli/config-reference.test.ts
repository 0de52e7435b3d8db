import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJsonSchema } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { configReference } from './config-reference.ts';

const README = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');

function paths(
  node: { properties?: Record<string, unknown>; anyOf?: unknown[] },
  prefix: string,
  out: string[],
): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    const c = child as {
      properties?: Record<string, unknown>;
      anyOf?: Array<{ properties?: Record<string, unknown> }>;
    };
    const obj = c.properties ? c : c.anyOf?.find((x) => x.properties);
    if (obj) paths(obj, path, out);
  }
}

describe('configReference', () => {
  it('documents every field of the train and model schemas with its default', () => {
    const text = configReference();
    const all: string[] = [];
    paths(toJsonSchema('train-config') as never, '', all);
    paths(toJsonSchema('model-config') as never, 'model', all);
    expect(all.length).toBeGreaterThan(50);
    for (const path of all) expect(text, path).toContain(`| \`${path}\` |`);
    expect(text).toMatch(/\| `rl\.eta` \| number 0…100 \| `1` \|/);
    expect(text).toMatch(/\| `model\.architecture\.dModel` \| integer 1…8192 \| `512` \|/);
  });

  it('is what the package README shows (regenerate: node bin/signllm-train.js config-reference)', async () => {
    const readme = await readFile(README, 'utf8');
    const start = readme.indexOf('<!-- config-reference:start -->');
    const end = readme.indexOf('<!-- config-reference:end -->');
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + '<!-- config-reference:start -->'.length, end).trim()).toBe(
      configReference().trim(),
    );
  });
});
