import { ERROR_CODES, SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { collapseSpaces, fillTemplate, fitSentence, splitTemplate } from './fill-template.ts';

/** One character: a mark the fitting rules care about, or any grapheme. */
const CHARACTER = fc.oneof(
  fc.constantFrom(
    ' ',
    '\n',
    '\t',
    '\u0000',
    '\u200b',
    '\ufeff',
    '"',
    "'",
    '«',
    '»',
    '„',
    '“',
    '.',
    '?',
    '!',
    '¿',
    '…',
    '{}',
    '$&',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);

describe('splitTemplate', () => {
  it('finds the parts, quotes (also with inner spaces) and whether the template goes on', () => {
    expect(splitTemplate("How do I sign '{}' in ASL?")).toEqual({
      prefix: "How do I sign '",
      suffix: "' in ASL?",
      quoted: true,
      continues: true,
    });
    expect(splitTemplate('Traduis en LSF-CH : « {} »')).toMatchObject({ quoted: true, continues: false });
    expect(splitTemplate('Wie sieht „{}“ aus?')).toMatchObject({ quoted: true, continues: true });
    expect(splitTemplate('Translate into ASL: {}')).toMatchObject({ quoted: false, continues: false });
    expect(splitTemplate('How does one sign {} in ASL?')).toMatchObject({ quoted: false, continues: true });
    // Mismatched marks are not a quote pair.
    expect(splitTemplate('Sign "{}\' now')).toMatchObject({ quoted: false });
    expect(splitTemplate('{}')).toEqual({ prefix: '', suffix: '', quoted: false, continues: false });
  });

  it('rejects templates without exactly one {}', () => {
    for (const bad of ['no placeholder', 'two {} and {}', '{{}}x{}', '', '{ }']) {
      const e = thrown(() => splitTemplate(bad));
      expect(e.code).toBe(ERROR_CODES.invalidArgument);
      expect(e.message).toContain('exactly one "{}"');
    }
    expect(thrown(() => splitTemplate(null as unknown as string)).message).toContain('must be a string');
    expect(thrown(() => splitTemplate('x'.repeat(100_000))).message.length).toBeLessThan(200);
  });
});

describe('fitSentence and fillTemplate', () => {
  it('drops a final full stop (with the space of tokenised text) when the template goes on', () => {
    expect(fillTemplate('Wie sieht „{}“ in DGS aus?', 'morgen regnet es .')).toBe(
      'Wie sieht „morgen regnet es“ in DGS aus?',
    );
    expect(fillTemplate("How do I sign '{}' in ASL?", 'I call it painting the wall.')).toBe(
      "How do I sign 'I call it painting the wall' in ASL?",
    );
    expect(fillTemplate('Sign {} for me in ASL.', 'Hello, friend.')).toBe(
      'Sign Hello, friend for me in ASL.',
    );
  });

  it('keeps ? and ! inside quotes but drops them before the template’s own punctuation', () => {
    expect(fillTemplate("What's '{}' in ASL?", 'Where are you?')).toBe("What's 'Where are you?' in ASL?");
    expect(fillTemplate('How does one sign {} in ASL?', 'Where are you?')).toBe(
      'How does one sign Where are you in ASL?',
    );
    expect(fillTemplate('How does one sign {}?', 'Stop!?')).toBe('How does one sign Stop?');
    // No doubled final punctuation like "?." or "..?".
    expect(fillTemplate('Sign {}.', 'Really?')).toBe('Sign Really.');
  });

  it('keeps an ellipsis inside quotes, and a Spanish ¿…? question whole', () => {
    expect(fillTemplate('Mostrame «{}» en LSA.', 'Esperá...')).toBe('Mostrame «Esperá...» en LSA.');
    expect(fillTemplate('¿Me enseñás a señar {} en LSA?', '¿Dónde estás?')).toBe(
      '¿Me enseñás a señar ¿Dónde estás? en LSA?',
    );
  });

  it('keeps the sentence whole when the template ends with it', () => {
    expect(fillTemplate('Translate into ASL: {}', 'It is raining.')).toBe(
      'Translate into ASL: It is raining.',
    );
    expect(fillTemplate('In DGS, bitte: „{}“', 'Es regnet.')).toBe('In DGS, bitte: „Es regnet.“');
  });

  it('unwraps a sentence already in quotes when the template quotes it, not otherwise', () => {
    expect(fillTemplate('Show me "{}" in ASL.', '"So we go up; down and up."')).toBe(
      'Show me "So we go up; down and up" in ASL.',
    );
    expect(fillTemplate('Was heisst «{}» auf DSGS?', '„Guten Tag“')).toBe('Was heisst «Guten Tag» auf DSGS?');
    expect(fillTemplate('Translate into ASL: {}', '"Stay."')).toBe('Translate into ASL: "Stay."');
    // Inner quotes of the same kind: not one pair around the sentence, so left alone.
    expect(fillTemplate('Show me "{}" in ASL.', '"A" and "B"')).toBe('Show me ""A" and "B"" in ASL.');
  });

  it('collapses whitespace and control characters', () => {
    expect(fillTemplate('Sign {} in ASL.', '  one\n\ttwo\r\n three\u0000four\u200b ')).toBe(
      'Sign one two three four in ASL.',
    );
    expect(collapseSpaces('\ufeff a  b\u0085')).toBe('a b');
  });

  it('inserts text literally: {} and $ replacement patterns stay as they are', () => {
    expect(fillTemplate("What's '{}' in ASL?", 'a {} b')).toBe("What's 'a {} b' in ASL?");
    expect(fillTemplate('Sign {} in ASL.', "$& $' $` $1")).toBe("Sign $& $' $` $1 in ASL.");
  });

  it('keeps a sentence made only of punctuation', () => {
    expect(fillTemplate('How does one sign {} in ASL?', '?!')).toBe('How does one sign ?! in ASL?');
  });

  it('rejects empty and oversized sentences, and bad options', () => {
    for (const empty of ['', '   ', '\n\t', '\u0000']) {
      const e = thrown(() => fillTemplate('Sign {}.', empty));
      expect(e.code).toBe(ERROR_CODES.invalidArgument);
      expect(e.message).toContain('empty');
    }
    const long = thrown(() => fillTemplate('Sign {}.', 'word '.repeat(2000)));
    expect(long.code).toBe(ERROR_CODES.tooLarge);
    expect(long.message).toContain('at most 4096');
    expect(fillTemplate('Sign {}.', 'word '.repeat(2000), { maxLength: 20_000 })).toBe(
      `Sign ${'word '.repeat(2000).trim()}.`,
    );
    expect(thrown(() => fitSentence('abcdef', 'Sign {}.', { maxLength: 5 })).code).toBe(ERROR_CODES.tooLarge);
    expect(thrown(() => fitSentence('a', 'Sign {}.', { maxLength: 0 })).code).toBe(
      ERROR_CODES.invalidArgument,
    );
    expect(thrown(() => fitSentence('a', 'Sign {}.', { maxLength: Number.NaN })).code).toBe(
      ERROR_CODES.invalidArgument,
    );
    expect(thrown(() => fitSentence(42 as unknown as string, 'Sign {}.')).message).toContain(
      'must be a string',
    );
  });

  it('leaves no space before the end it cuts (". ." in a quoted template)', () => {
    expect(fitSentence('. .', "Sign '{}' please.")).toBe('.');
  });

  it('puts the fitted sentence between the template parts for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: CHARACTER, maxLength: 60 }), (text) => {
        try {
          const fitted = fitSentence(text, "Sign '{}' please.");
          return (
            fillTemplate("Sign '{}' please.", text) === `Sign '${fitted}' please.` && fitted === fitted.trim()
          );
        } catch (e) {
          return (
            SignLLMError.isInstance(e) &&
            e.code === ERROR_CODES.invalidArgument &&
            collapseSpaces(text) === ''
          );
        }
      }),
    );
  });
});

describeWithData('fitting real sentences', () => {
  const phoenix = [
    ...readDataText('phoenix14t-sample', 'train.text').split('\n'),
    ...readDataText('phoenix14t-sample', 'dev.text').split('\n'),
  ].filter((l) => l.trim() !== '');

  it('removes the tokenised " ." of every PHOENIX sentence inside a continuing template', () => {
    expect(phoenix).toHaveLength(10);
    for (const line of phoenix) {
      expect(line.endsWith(' .')).toBe(true);
      const prompt = fillTemplate('Wie sieht „{}“ in Deutscher Gebärdensprache aus?', line);
      expect(prompt).toBe(`Wie sieht „${line.slice(0, -2)}“ in Deutscher Gebärdensprache aus?`);
    }
  });
});
