import { ERROR_CODES, LANGUAGES } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { createRng } from '../util/rng.ts';
import { extractSentence, matchPromptTemplate } from './extract-sentence.ts';
import { collapseSpaces, fillTemplate, fitSentence, splitTemplate } from './fill-template.ts';
import { makePrompt } from './make-prompt.ts';
import { PROMPT_TEMPLATES } from './prompt-templates.ts';

/** Sentences in each spoken language, written for this test. */
const NATIVE: Record<string, string[]> = {
  ase: ['The sky is blue.', "Don't forget your umbrella!", 'Is the library open on Sundays?'],
  gsg: ['Morgen wird es im Süden sonnig.', 'Wo ist der Bahnhof?', 'Heute bleibt es größtenteils trocken .'],
  sgg: ['Ich fahre mit dem Velo an die Strasse.', 'Grüezi mitenand!', 'Gehst du morgen ins Büro?'],
  ssr: ["Il fait septante degrés dans l'étuve.", 'On se voit à la gare ?', 'Bonne journée !'],
  slf: ['Domani piove in Ticino.', "Dov'è la fermata del bus?", 'Buon appetito!'],
  aed: ['Mañana va a llover en Buenos Aires.', '¿Vos venís a la reunión?', '¡Qué lindo día!'],
  kvk: ['내일은 비가 올 거예요.', '화장실이 어디예요?', '만나서 반갑습니다!'],
  tsm: ['Yarın İstanbul’da yağmur yağacak.', 'Otobüs durağı nerede?', 'Kolay gelsin!'],
};

function roundTrip(code: string, sentences: readonly string[]): string[] {
  const failures: string[] = [];
  (PROMPT_TEMPLATES[code] ?? []).forEach((template, i) => {
    for (const sentence of sentences) {
      const prompt = fillTemplate(template, sentence);
      const match = matchPromptTemplate(prompt, code);
      const want = fitSentence(sentence, template);
      if (match?.sentence !== want || match.templateIndex !== i || !match.exact) {
        failures.push(`${code}#${i} ${prompt} -> ${JSON.stringify(match)}`);
      }
      // Templates that end with the sentence give it back verbatim (whitespace collapsed).
      if (!splitTemplate(template).continues && !splitTemplate(template).quoted) {
        if (match?.sentence !== collapseSpaces(sentence))
          failures.push(`${code}#${i} not verbatim: ${prompt}`);
      }
    }
  });
  return failures;
}

describe('extractSentence', () => {
  it.each(LANGUAGES.codes())('%s: round-trips every template with native sentences', (code) => {
    expect(roundTrip(code, NATIVE[code] ?? [])).toEqual([]);
  });

  it('round-trips makePrompt output for every language and many seeds', () => {
    for (const code of LANGUAGES.codes()) {
      const rng = createRng(77).fork(code);
      for (let k = 0; k < 200; k++) {
        const sentence = NATIVE[code]?.[k % 3] as string;
        const prompt = makePrompt(sentence, code, rng);
        const match = matchPromptTemplate(prompt, code);
        expect(match, prompt).toBeDefined();
        const template = match?.template as string;
        expect(fillTemplate(template, sentence)).toBe(prompt);
        expect(extractSentence(prompt, code)).toBe(fitSentence(sentence, template));
      }
    }
  });

  it('accepts tags as the language', () => {
    const prompt = fillTemplate('Was heisst «{}» auf DSGS?', 'Grüezi mitenand');
    expect(extractSentence(prompt, 'DSGS')).toBe('Grüezi mitenand');
    expect(matchPromptTemplate(prompt, 'sgg')).toMatchObject({ templateIndex: 4, exact: true });
  });

  it('forgives case, quote and dash style, extra spaces and a missing final "?" or "."', () => {
    expect(extractSentence("QUICK QUESTION: WHAT'S 'Good Morning' IN asl?", 'ase')).toBe('Good Morning');
    expect(extractSentence('Quick question: what’s “Good morning” in ASL', 'ase')).toBe('Good morning');
    expect(extractSentence('  Show   me "Stop"  in ASL, please ', 'ase')).toBe('Stop');
    expect(extractSentence('wie sieht "morgen regnet es" in deutscher gebärdensprache aus', 'gsg')).toBe(
      'morgen regnet es',
    );
    expect(extractSentence('"Tschüss" - wie würde das in DSGS aussehen?', 'sgg')).toBe('Tschüss');
    expect(extractSentence('türk işaret dili\'nde "Merhaba" nasıl görünüyor?', 'tsm')).toBe('Merhaba');
    const loose = matchPromptTemplate("quick question: what's 'Hi' in asl?", 'ase');
    expect(loose).toMatchObject({ sentence: 'Hi', exact: false });
  });

  it('prefers the most specific template', () => {
    // Only the bare template "How does one sign {} in ASL?" fits: the sentence keeps its own quotes.
    expect(extractSentence("How does one sign 'hello' in ASL?", 'ase')).toBe("'hello'");
    // Two templates fit this prompt; the one with more fixed text (27 vs 24 characters) wins.
    const both = "Türk İşaret Dili'ne çevir: Merhaba — bunu TİD'de işaretle.";
    expect(matchPromptTemplate(both, 'tsm')).toMatchObject({
      template: "Türk İşaret Dili'ne çevir: {}",
      sentence: "Merhaba — bunu TİD'de işaretle.",
    });
    expect(matchPromptTemplate("Merhaba — bunu TİD'de işaretle.", 'tsm')?.template).toBe(
      "{} — bunu TİD'de işaretle.",
    );
  });

  it('returns undefined when no template matches', () => {
    expect(extractSentence('The sky is blue.', 'ase')).toBeUndefined();
    expect(extractSentence('', 'ase')).toBeUndefined();
    expect(extractSentence('   \n ', 'ase')).toBeUndefined();
    // A template with nothing in the placeholder.
    expect(extractSentence('Translate into ASL: ', 'ase')).toBeUndefined();
    expect(extractSentence("What would '' look like in ASL?", 'ase')).toBeUndefined();
    // A prompt of another language.
    expect(
      extractSentence(fillTemplate(PROMPT_TEMPLATES.kvk?.[0] as string, '안녕하세요'), 'ase'),
    ).toBeUndefined();
    expect(extractSentence(42 as unknown as string, 'ase')).toBeUndefined();
  });

  it('handles hostile input: {} in the sentence, a huge prompt, unknown languages', () => {
    const withBraces = fillTemplate("What would '{}' look like in ASL?", 'use {} and {}');
    expect(extractSentence(withBraces, 'ase')).toBe('use {} and {}');
    const huge = 'word '.repeat(200_000);
    const prompt = `Translate into ASL: ${huge}`;
    expect(extractSentence(prompt, 'ase')).toBe(huge.trim());
    expect(extractSentence(`${'?'.repeat(100_000)}`, 'kvk')).toBeUndefined();
    expect(thrown(() => extractSentence('Translate into ASL: hi', 'xyz')).code).toBe(
      ERROR_CODES.unknownLanguage,
    );
  });
});

describeWithData('extractSentence on real sentences', () => {
  const how2sign = readDataText('how2sign-text', 'dev.text')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const phoenix = [
    ...readDataText('phoenix14t-sample', 'train.text').split('\n'),
    ...readDataText('phoenix14t-sample', 'dev.text').split('\n'),
  ].filter((l) => l.trim() !== '');

  it('round-trips every ASL template with 300 How2Sign sentences', () => {
    // Every fifth sentence plus all that carry quotes, semicolons or non-ASCII text.
    const picked = how2sign.filter((l, i) => i % 6 === 0 || /["';…]|[^\x20-\x7e]/.test(l)).slice(0, 300);
    expect(picked.length).toBe(300);
    expect(roundTrip('ase', picked)).toEqual([]);
  });

  it.each(LANGUAGES.codes())('%s: round-trips every template with PHOENIX and How2Sign sentences', (code) => {
    expect(roundTrip(code, [...phoenix, ...how2sign.slice(0, 40)])).toEqual([]);
  });
});
