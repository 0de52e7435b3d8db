import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as prompts from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));

describe('prompts barrel', () => {
  it('exports the public API', () => {
    for (const name of [
      'PROMPT_TEMPLATES',
      'promptTemplatesFor',
      'makePrompt',
      'extractSentence',
      'matchPromptTemplate',
      'fillTemplate',
      'fitSentence',
      'toLangGloss',
      'formatLangGloss',
      'parseLangGloss',
      'LANG_TAG_PATTERN',
      'tokenizeText',
    ]) {
      expect(prompts, name).toHaveProperty(name);
    }
  });

  it('uses no Node APIs outside tests (pure computation, reusable in the browser)', () => {
    const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThanOrEqual(14);
    for (const file of sources) {
      const code = readFileSync(join(here, file), 'utf8');
      expect(code, file).not.toMatch(
        /from ['"](node:|fs|path|os|crypto|url)\b|require\(|\bprocess\.|\bBuffer\b/,
      );
      expect(code, file).not.toMatch(/\/work\/|\/home\//);
    }
  });
});
