/**
 * Which files a bundle must hold for its mode. MLSF: one `encoder` and one `decoder-step` per
 * language (each tagged with its language), a `source` vocabulary for every language (its own or a
 * shared one), no text → LangGloss files. Prompt2LangGloss: one shared `encoder` and `decoder-step`
 * (no language), a `langgloss` vocabulary, and the `text2gloss-*` pair either complete or absent
 * (absent: the bundle accepts gloss input only, and then needs no `source` vocabulary).
 */

/** A problem with the file layout of a bundle, at a path of the manifest. */
export interface LayoutProblem {
  /** Path of the field the problem is reported at. */
  path: (string | number)[];
  /** What is wrong. */
  message: string;
}

interface FileEntry {
  role: string;
  language?: string | undefined;
}

interface LayoutInput {
  mode: 'mlsf' | 'p2lg';
  languages: readonly string[];
  models: readonly FileEntry[];
  tokenizers: readonly FileEntry[];
}

function count(files: readonly FileEntry[], role: string, language: string | undefined): number {
  return files.filter((f) => f.role === role && f.language === language).length;
}

function checkLanguagesKnown(m: LayoutInput, out: LayoutProblem[]): void {
  const known = new Set(m.languages);
  for (const key of ['models', 'tokenizers'] as const) {
    m[key].forEach((file, i) => {
      if (file.language !== undefined && !known.has(file.language)) {
        out.push({ path: [key, i, 'language'], message: `language "${file.language}" is not in languages` });
      }
    });
  }
}

function checkMlsf(m: LayoutInput, out: LayoutProblem[]): void {
  for (const language of m.languages) {
    for (const role of ['encoder', 'decoder-step']) {
      const n = count(m.models, role, language);
      if (n !== 1)
        out.push({
          path: ['models'],
          message: `expected one "${role}" for language "${language}", found ${n}`,
        });
    }
    if (count(m.tokenizers, 'source', language) + count(m.tokenizers, 'source', undefined) === 0) {
      out.push({ path: ['tokenizers'], message: `no "source" tokenizer for language "${language}"` });
    }
  }
  m.tokenizers.forEach((file, i) => {
    if (file.role !== 'source') {
      out.push({
        path: ['tokenizers', i, 'role'],
        message: `role "${file.role}" belongs to mode "p2lg", not "mlsf"`,
      });
    }
  });
  m.models.forEach((file, i) => {
    if (file.role.startsWith('text2gloss')) {
      out.push({
        path: ['models', i, 'role'],
        message: `role "${file.role}" belongs to mode "p2lg", not "mlsf"`,
      });
    } else if (file.language === undefined) {
      out.push({
        path: ['models', i, 'language'],
        message: 'missing; mode "mlsf" needs the language of each model',
      });
    }
  });
}

function checkP2lg(m: LayoutInput, out: LayoutProblem[]): void {
  for (const role of ['encoder', 'decoder-step']) {
    const n = m.models.filter((f) => f.role === role).length;
    const shared = count(m.models, role, undefined);
    if (n !== 1 || shared !== 1) {
      out.push({
        path: ['models'],
        message: `expected one shared "${role}" without language, found ${n} "${role}" files`,
      });
    }
  }
  const t2gEncoders = m.models.filter((f) => f.role === 'text2gloss-encoder').length;
  const t2gDecoders = m.models.filter((f) => f.role === 'text2gloss-decoder-step').length;
  if (t2gEncoders > 1 || t2gDecoders > 1 || t2gEncoders !== t2gDecoders) {
    out.push({
      path: ['models'],
      message: `expected both or neither of "text2gloss-encoder" and "text2gloss-decoder-step", found ${t2gEncoders} and ${t2gDecoders}`,
    });
  }
  if (!m.tokenizers.some((f) => f.role === 'langgloss')) {
    out.push({
      path: ['tokenizers'],
      message: 'no "langgloss" tokenizer; mode "p2lg" needs the LangGloss vocabulary',
    });
  }
  if (t2gEncoders === 0 && m.tokenizers.some((f) => f.role === 'text2gloss-target')) {
    out.push({
      path: ['tokenizers'],
      message: 'a "text2gloss-target" tokenizer without the text2gloss models',
    });
  }
  if (t2gEncoders > 0 && !m.tokenizers.some((f) => f.role === 'source')) {
    out.push({ path: ['tokenizers'], message: 'no "source" tokenizer for the text2gloss encoder' });
  }
}

/**
 * Problems with the files of a bundle for its mode; empty when the layout is complete.
 *
 * @example
 * ```ts
 * bundleLayoutProblems({ mode: 'p2lg', languages: ['ase'], models: [], tokenizers: [] }).length; // 3
 * ```
 */
export function bundleLayoutProblems(m: LayoutInput): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  checkLanguagesKnown(m, out);
  if (m.mode === 'mlsf') checkMlsf(m, out);
  else checkP2lg(m, out);
  return out;
}
