import { readdirSync } from 'node:fs';
import { ERROR_CODES, LANGUAGES } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test-support/errors.ts';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { collapseSpaces, splitTemplate } from './fill-template.ts';
import { PROMPT_TEMPLATES, promptTemplatesFor } from './prompt-templates.ts';

/** How each language's templates must name the sign language (written for this test, not derived). */
const NAMES: Record<string, RegExp> = {
  ase: /\bASL\b|American Sign Language/,
  gsg: /\bDGS\b|Deutschen? Gebärdensprache|Deutscher Gebärdensprache/,
  sgg: /\bDSGS\b|Deutschschweiz/,
  ssr: /LSF-CH|LSF de Suisse romande|langue des signes (française de |de )?Suisse romande|langue des signes, version Suisse romande|langue des signes suisse romande/,
  slf: /LIS-CH|LIS della Svizzera italiana|lingua dei segni della Svizzera italiana/,
  aed: /\bLSA\b|Lengua de Señas Argentina/,
  kvk: /한국수어/,
  tsm: /TİD|Türk İşaret Dili/,
};

/** Lowercase words of a line, punctuation and `{}` dropped. */
function words(line: string): string[] {
  return line
    .toLowerCase()
    .replaceAll('{}', ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Word-level edit distance over the longer length: 0 = same words in the same order. */
function wordDistance(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return (prev[b.length] as number) / Math.max(a.length, b.length, 1);
}

/** True when the words of `short` appear in order within `long`. */
function isSubsequence(short: string[], long: string[]): boolean {
  let at = 0;
  for (const w of long) if (at < short.length && w === short[at]) at++;
  return at === short.length;
}

/**
 * A near-copy: at most about a third of the words changed (word edit distance < 0.35), or the other
 * line with up to three words inserted or removed (e.g. a reference line with "in DGS" added).
 */
function isNearCopy(ours: string, reference: string): boolean {
  const a = words(ours);
  const b = words(reference);
  if (wordDistance(a, b) < 0.35) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length > 0 && long.length - short.length <= 3 && isSubsequence(short, long);
}

describe('PROMPT_TEMPLATES', () => {
  it('has templates for exactly the eight registry languages', () => {
    expect(Object.keys(PROMPT_TEMPLATES).sort()).toEqual([...LANGUAGES.codes()].sort());
    expect(Object.keys(NAMES).sort()).toEqual([...LANGUAGES.codes()].sort());
  });

  it.each(LANGUAGES.codes())('%s: at least 30 unique templates, each with exactly one {}', (code) => {
    const templates = PROMPT_TEMPLATES[code] ?? [];
    expect(templates.length).toBeGreaterThanOrEqual(30);
    expect(new Set(templates).size).toBe(templates.length);
    // Unique also after lowercasing and dropping punctuation.
    expect(new Set(templates.map((t) => words(t).join(' '))).size).toBe(templates.length);
    for (const t of templates) {
      expect(t.split('{}')).toHaveLength(2);
      expect(t.replace('{}', '')).not.toMatch(/[{}]/);
      expect(collapseSpaces(t)).toBe(t);
      expect(t).not.toMatch(/[\u00a0\u202f\t]/);
    }
  });

  it.each(LANGUAGES.codes())('%s: every template names the sign language', (code) => {
    const pattern = NAMES[code] as RegExp;
    for (const t of PROMPT_TEMPLATES[code] ?? []) expect(t, t).toMatch(pattern);
  });

  it.each(LANGUAGES.codes())('%s: varied (quoted and bare sentences, questions and requests)', (code) => {
    const templates = PROMPT_TEMPLATES[code] ?? [];
    const quoted = templates.filter((t) => splitTemplate(t).quoted).length;
    const questions = templates.filter((t) => /[?？]/.test(t)).length;
    expect(quoted).toBeGreaterThanOrEqual(15);
    expect(templates.length - quoted).toBeGreaterThanOrEqual(5);
    expect(questions).toBeGreaterThanOrEqual(10);
    expect(templates.length - questions).toBeGreaterThanOrEqual(5);
    // The sentence sits at the start, in the middle and at the end of some templates.
    expect(templates.some((t) => /^\W*\{\}/u.test(t))).toBe(true);
    expect(templates.some((t) => /\{\}\W*$/u.test(t))).toBe(true);
    expect(templates.some((t) => /\p{L}.*\{\}.*\p{L}/u.test(t))).toBe(true);
  });

  it('writes Swiss Standard German with "ss", never "ß"', () => {
    const sgg = (PROMPT_TEMPLATES.sgg ?? []).join('\n');
    expect(sgg).not.toContain('ß');
    expect(sgg).toMatch(/heisst|gross/);
  });

  it('uses Argentine voseo in some Spanish templates', () => {
    const aed = (PROMPT_TEMPLATES.aed ?? []).join('\n');
    for (const form of ['Mostrame', 'Podés', 'Señá', 'Traducí', 'enseñás']) expect(aed).toContain(form);
  });

  it('never hangs a Korean particle that depends on the last syllable right after the sentence', () => {
    for (const t of PROMPT_TEMPLATES.kvk ?? []) {
      const after = t.slice(t.indexOf('{}') + 2).replace(/^["']/, '');
      expect(after, t).not.toMatch(/^[을를이가은는과와으]/);
    }
  });

  it('never puts a Turkish case suffix on the sentence itself', () => {
    for (const t of PROMPT_TEMPLATES.tsm ?? []) {
      const after = t.slice(t.indexOf('{}') + 2).replace(/^["']/, '');
      expect(after, t).not.toMatch(/^['’]?\p{L}/u);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PROMPT_TEMPLATES)).toBe(true);
    for (const code of LANGUAGES.codes()) expect(Object.isFrozen(PROMPT_TEMPLATES[code])).toBe(true);
  });
});

describe('promptTemplatesFor', () => {
  it('accepts ISO codes, Prompt2Sign tags and aliases', () => {
    expect(promptTemplatesFor('ase')).toBe(PROMPT_TEMPLATES.ase);
    expect(promptTemplatesFor('ASL')).toBe(PROMPT_TEMPLATES.ase);
    expect(promptTemplatesFor('DGS')).toBe(PROMPT_TEMPLATES.gsg);
    expect(promptTemplatesFor('GSL')).toBe(PROMPT_TEMPLATES.gsg);
    expect(promptTemplatesFor('lsf_ch')).toBe(PROMPT_TEMPLATES.ssr);
    expect(promptTemplatesFor('TID')).toBe(PROMPT_TEMPLATES.tsm);
  });

  it('rejects unknown languages with unknown_language', () => {
    for (const bad of ['xyz', '', 'en', '__proto__', 'constructor', 42 as unknown as string]) {
      expect(thrown(() => promptTemplatesFor(bad)).code).toBe(ERROR_CODES.unknownLanguage);
    }
  });
});

describeWithData('templates against the Prompt2Sign originals', () => {
  const files = readdirSync(dataPath('prompt2sign-templates')).filter((f) => f.endsWith('.txt'));
  const reference = files.flatMap((f) =>
    readDataText('prompt2sign-templates', f)
      .split(/\r?\n/)
      .filter((l) => l.trim() !== ''),
  );

  it('reads all eight reference files', () => {
    expect(files).toHaveLength(8);
    expect(reference.length).toBeGreaterThan(400);
  });

  it('the near-copy check catches copies, light rewrites and copies with the language named', () => {
    const line = reference.find((l) => l.startsWith('How do you sign')) as string;
    expect(line).toBeDefined();
    expect(isNearCopy(line, line)).toBe(true);
    expect(isNearCopy(line.toUpperCase().replaceAll("'", '"'), line)).toBe(true);
    expect(isNearCopy("How do you sign '{}' in ASL?", line)).toBe(true);
    expect(isNearCopy('Wie gebärdet man „{}“ in DGS?', 'Wie gebärdet man {}?')).toBe(true);
    expect(isNearCopy('Wie drückt man {} in DGS aus?', 'Wie drückt man {} in Gebärdensprache aus?')).toBe(
      true,
    );
    expect(isNearCopy('Please sign this sentence in ASL: {}', line)).toBe(false);
  });

  it.each(LANGUAGES.codes())('%s: no template copies or nearly copies a reference line', (code) => {
    const copies: string[] = [];
    for (const t of PROMPT_TEMPLATES[code] ?? []) {
      for (const r of reference) if (isNearCopy(t, r)) copies.push(`${t}  ~  ${r}`);
    }
    expect(copies).toEqual([]);
  });
});
