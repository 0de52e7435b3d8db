/** Texts the app shows for the languages a model serves. */
import type { LanguageOption } from '../client/translator.ts';

const PROVENANCE_LABEL: Record<string, string> = {
  real: ' · trained on real data',
  synthetic: ' · synthetic demo',
};

/**
 * A language's entry in the language menu: its name, its Prompt2Sign tag unless the name already ends
 * in an abbreviation in brackets, and where the model learnt it.
 *
 * @example
 * ```ts
 * languageLabel({ code: 'ase', name: 'American Sign Language', tag: 'ASL', provenance: 'real', ... });
 * // 'American Sign Language (ASL) · trained on real data'
 * ```
 */
export function languageLabel(l: Pick<LanguageOption, 'name' | 'tag' | 'provenance'>): string {
  const name = /\([^()]+\)$/.test(l.name) ? l.name : `${l.name} (${l.tag})`;
  return `${name}${PROVENANCE_LABEL[l.provenance ?? ''] ?? ''}`;
}
