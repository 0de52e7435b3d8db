import { ERROR_CODES, LANGUAGES } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { createRng, type Rng } from '../util/rng.ts';
import { fillTemplate, fitSentence, splitTemplate } from './fill-template.ts';
import { makePrompt } from './make-prompt.ts';
import { PROMPT_TEMPLATES } from './prompt-templates.ts';

const SENTENCE = 'The sky is blue.';

describe('makePrompt', () => {
  it('is deterministic per seed', () => {
    for (const code of LANGUAGES.codes()) {
      const a = createRng(1234).fork('prompts');
      const b = createRng(1234).fork('prompts');
      const first = Array.from({ length: 50 }, () => makePrompt(SENTENCE, code, a));
      const second = Array.from({ length: 50 }, () => makePrompt(SENTENCE, code, b));
      expect(second).toEqual(first);
      // 50 draws from 30+ templates: many distinct prompts, not one repeated.
      expect(new Set(first).size).toBeGreaterThan(15);
    }
  });

  it('gives different sequences for different seeds', () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => makePrompt(SENTENCE, 'ase', rng));
    };
    expect(run(1)).not.toEqual(run(2));
  });

  it('uses every template of every language across seeds, each filled by fillTemplate', () => {
    for (const code of LANGUAGES.codes()) {
      const templates = PROMPT_TEMPLATES[code] ?? [];
      const expected = new Map(templates.map((t, i) => [fillTemplate(t, SENTENCE), i]));
      const seen = new Set<number>();
      for (let seed = 0; seed < 1500; seed++) {
        const prompt = makePrompt(SENTENCE, code, createRng(seed));
        const index = expected.get(prompt);
        expect(index, prompt).toBeDefined();
        seen.add(index as number);
      }
      expect(seen.size).toBe(templates.length);
    }
  });

  it('accepts Prompt2Sign tags and aliases, with the same result as the ISO code', () => {
    const pairs: [string, string][] = [
      ['ASL', 'ase'],
      ['GSL', 'gsg'],
      ['DGS', 'gsg'],
      ['DSGS', 'sgg'],
      ['LSF-CH', 'ssr'],
      ['LIS-CH', 'slf'],
      ['LSA', 'aed'],
      ['KSL', 'kvk'],
      ['TSL', 'tsm'],
    ];
    for (const [tag, code] of pairs) {
      for (let seed = 0; seed < 20; seed++) {
        expect(makePrompt(SENTENCE, tag, createRng(seed))).toBe(makePrompt(SENTENCE, code, createRng(seed)));
      }
    }
  });

  it('draws exactly one number per call', () => {
    let draws = 0;
    const base = createRng(5);
    const counting: Rng = {
      ...base,
      int: (n) => {
        draws++;
        return base.int(n);
      },
    };
    makePrompt(SENTENCE, 'kvk', counting);
    makePrompt(SENTENCE, 'tsm', counting);
    expect(draws).toBe(2);
  });

  it('uses a forced template without drawing', () => {
    const rng = createRng(9);
    const tsm = PROMPT_TEMPLATES.tsm ?? [];
    const prompt = makePrompt('Yarın yağmur yağacak.', 'TSL', rng, { templateIndex: 0 });
    expect(prompt).toBe(fillTemplate(tsm[0] as string, 'Yarın yağmur yağacak.'));
    expect(prompt).toBe('"Yarın yağmur yağacak" cümlesini Türk İşaret Dili\'nde nasıl ifade ederim?');
    expect(rng.next()).toBe(createRng(9).next());
    for (const bad of [-1, tsm.length, 1.5, Number.NaN]) {
      const e = thrown(() => makePrompt(SENTENCE, 'tsm', rng, { templateIndex: bad }));
      expect(e.code).toBe(ERROR_CODES.invalidArgument);
      expect(e.message).toContain(`0 to ${tsm.length - 1}`);
    }
  });

  it('rejects unknown languages, empty or oversized sentences and a missing rng', () => {
    const rng = createRng(1);
    expect(thrown(() => makePrompt(SENTENCE, 'xyz', rng)).code).toBe(ERROR_CODES.unknownLanguage);
    expect(thrown(() => makePrompt(SENTENCE, 'en', rng)).message).toContain('spoken language');
    expect(thrown(() => makePrompt('  ', 'ase', rng)).code).toBe(ERROR_CODES.invalidArgument);
    expect(thrown(() => makePrompt('x'.repeat(5000), 'ase', rng)).code).toBe(ERROR_CODES.tooLarge);
    expect(makePrompt('x'.repeat(5000), 'ase', rng, { maxLength: 5000 })).toContain('x'.repeat(5000));
    expect(thrown(() => makePrompt(SENTENCE, 'ase', undefined as unknown as Rng)).code).toBe(
      ERROR_CODES.invalidArgument,
    );
  });

  it('keeps a sentence containing {} literally', () => {
    const prompt = makePrompt('use {} here', 'ase', createRng(3));
    expect(prompt).toContain('use {} here');
  });
});

describeWithData('prompts for real sentences', () => {
  const how2sign = readDataText('how2sign-text', 'dev.text')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const phoenix = readDataText('phoenix14t-sample', 'dev.text')
    .split('\n')
    .filter((l) => l.trim() !== '');

  it('holds every How2Sign dev sentence (ase) in its fitted form, without doubled end punctuation', () => {
    expect(how2sign).toHaveLength(1739);
    const rng = createRng(2024).fork('prompts');
    for (const line of how2sign) {
      const prompt = makePrompt(line, 'ase', rng);
      const inside = (PROMPT_TEMPLATES.ase ?? []).filter((t) => prompt === fillTemplate(t, line));
      expect(inside.length, prompt).toBeGreaterThan(0);
      expect(prompt).toContain(fitSentence(line, inside[0] as string));
      expect(prompt).toMatch(/ASL|American Sign Language/);
      if (!/[.?!]{2}/.test(line)) expect(prompt, prompt).not.toMatch(/[.?!]{2}/);
    }
  });

  it('gives PHOENIX sentences (gsg, sgg) prompts without the tokenised " ." where the template goes on', () => {
    for (const code of ['gsg', 'sgg']) {
      const rng = createRng(7);
      for (let round = 0; round < 20; round++) {
        for (const line of phoenix) {
          const prompt = makePrompt(line, code, rng);
          const words = line.slice(0, -2);
          const template = (PROMPT_TEMPLATES[code] ?? []).find(
            (t) => fillTemplate(t, line) === prompt,
          ) as string;
          expect(template).toBeDefined();
          // The template goes on after the sentence: its " ." is gone; otherwise the sentence is whole.
          if (splitTemplate(template).continues) expect(prompt, prompt).not.toContain(`${words} .`);
          else expect(prompt, prompt).toContain(line);
          expect(prompt).toContain(words);
        }
      }
    }
  });
});
