import { describe, expect, it } from 'vitest';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { repairMojibake } from './repair-mojibake.ts';

describe('repairMojibake', () => {
  it('repairs 2-, 3- and 4-byte sequences read as Latin-1', () => {
    const latin1 = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
    for (const word of ['café', 'horse’s', 'Gebärdensprache', '한국수어', 'İşaret', '🤟 sign']) {
      expect(repairMojibake(latin1(word))).toBe(word);
      expect(repairMojibake(`x ${latin1(word)} y`)).toBe(`x ${word} y`);
    }
  });
  it('leaves correct text alone', () => {
    for (const t of ['café', 'Ã la carte', 'â€™', 'naïve façade', '', 'plain ascii', 'Â\u00a0']) {
      expect(repairMojibake(t)).toBe(t === 'Â\u00a0' ? '\u00a0' : t);
    }
  });
});

describeWithData('repairMojibake on How2Sign sentences', () => {
  it('fixes every line with C1 control characters and changes no other line', () => {
    const lines = readDataText('how2sign-text', 'dev.text').split('\n');
    const broken = lines.filter((l) => /[\u0080-\u009f]/.test(l));
    expect(broken.length).toBeGreaterThan(0);
    for (const l of broken) {
      const fixed = repairMojibake(l);
      expect(fixed).not.toMatch(/[\u0080-\u009f]/);
      expect(fixed).toContain('’');
    }
    for (const l of lines.filter((x) => !/[\u0080-\u009f]/.test(x))) expect(repairMojibake(l)).toBe(l);
  });
});
