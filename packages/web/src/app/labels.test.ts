import { LANGUAGES_DATA } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { languageLabel } from './labels.ts';

describe('languageLabel', () => {
  it('names each registry language once, with its provenance', () => {
    const labels = LANGUAGES_DATA.map((l) => languageLabel({ name: l.name, tag: l.tag, provenance: 'real' }));
    expect(labels[0]).toBe('American Sign Language (ASL) · trained on real data');
    // the registry's DGS name already carries its abbreviation: no second bracket with the GSL tag
    expect(labels[1]).toBe('German Sign Language (DGS) · trained on real data');
    for (const label of labels) expect(label.match(/\(/g)).toHaveLength(1);
  });

  it('says "synthetic demo" for synthetic languages and nothing when the model does not say', () => {
    expect(languageLabel({ name: 'Korean Sign Language', tag: 'KSL', provenance: 'synthetic' })).toBe(
      'Korean Sign Language (KSL) · synthetic demo',
    );
    expect(languageLabel({ name: 'Korean Sign Language', tag: 'KSL' })).toBe('Korean Sign Language (KSL)');
  });
});
