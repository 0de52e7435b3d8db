/**
 * The zod schema of one row of the language registry, and of the identifiers it uses: ISO 639-3 sign
 * language codes (optionally with a region subtag, `rsl-by`), Prompt2Sign tags (`ASL`, `LSF-CH`) and
 * BCP 47 spoken-language tags (`en`, `de-CH`).
 */
import { z } from 'zod';

/**
 * A sign-language identifier in canonical form: an ISO 639-3 code of three lowercase letters, with an
 * optional BCP 47 region subtag for "same language, other country" (`rsl-by`, `gss-cy`).
 *
 * @example
 * ```ts
 * LanguageCodeSchema.parse('ase'); // 'ase'
 * ```
 */
export const LanguageCodeSchema: z.ZodString = z
  .string()
  .max(8, { abort: true, error: 'expected an ISO 639-3 sign language code like "ase" or "rsl-by"' })
  .regex(/^[a-z]{3}(?:-(?:[a-z]{2}|[0-9]{3}))?$/, {
    error:
      'expected an ISO 639-3 sign language code of 3 lowercase letters, optionally with a region ("ase", "rsl-by")',
  });

/**
 * A spoken language as a BCP 47 tag in canonical case: language (2–3 lowercase letters), optional
 * script (`Latn`) and optional region (`CH`, `419`).
 *
 * @example
 * ```ts
 * SpokenLanguageSchema.parse('de-CH');
 * ```
 */
export const SpokenLanguageSchema: z.ZodString = z
  .string()
  .max(16, { abort: true, error: 'expected a BCP 47 spoken-language tag like "en" or "de-CH"' })
  .regex(/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/, {
    error:
      'expected a BCP 47 spoken-language tag like "en", "de-CH" or "es-AR" (language lowercase, region uppercase)',
  });

/**
 * A Prompt2Sign tag or other uppercase abbreviation: `ASL`, `LSF-CH`, `DGS`.
 *
 * @example
 * ```ts
 * LanguageTagSchema.parse('LIS-CH');
 * ```
 */
export const LanguageTagSchema: z.ZodString = z
  .string()
  .max(16, { abort: true, error: 'expected an uppercase tag of at most 16 characters like "ASL"' })
  .regex(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/, {
    error: 'expected an uppercase tag of letters, digits and "-" like "ASL" or "LSF-CH"',
  });

/**
 * Another name accepted on input: an abbreviation (`DGS`) or an old BCP 47 form (`sgn-US`). Letters,
 * digits and "-"; matched case-insensitively.
 *
 * @example
 * ```ts
 * LanguageAliasSchema.parse('sgn-DE');
 * ```
 */
export const LanguageAliasSchema: z.ZodString = z
  .string()
  .max(16, { abort: true, error: 'expected an alias of at most 16 characters like "DGS"' })
  .regex(/^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/, {
    error: 'expected an alias of letters, digits and "-" like "DGS" or "sgn-DE"',
  });

/** The zod type of a registry row (written out because of `isolatedDeclarations`). */
export type LanguageShape = {
  code: z.ZodString;
  name: z.ZodString;
  tag: z.ZodString;
  spokenLanguage: z.ZodString;
  aliases: z.ZodDefault<z.ZodArray<z.ZodString>>;
};

/**
 * One sign language of the registry. Strict: unknown keys are errors, so a typo in a row is caught.
 *
 * @example
 * ```ts
 * LanguageSchema.parse({ code: 'ase', name: 'American Sign Language', tag: 'ASL', spokenLanguage: 'en' });
 * ```
 */
export const LanguageSchema: z.ZodObject<LanguageShape, z.core.$strict> = z.strictObject({
  code: LanguageCodeSchema.describe(
    'ISO 639-3 code of the sign language (optionally with a region subtag): the identifier used in APIs, files and configs',
  ),
  name: z
    .string()
    .min(1, { abort: true })
    .max(100, { abort: true })
    .describe('English name of the sign language, e.g. "American Sign Language"'),
  tag: LanguageTagSchema.describe('Prompt2Sign abbreviation (ASL, GSL, DSGS, ...), accepted on input'),
  spokenLanguage: SpokenLanguageSchema.describe(
    'BCP 47 tag of the spoken language its texts and prompts are written in, e.g. "de-CH"',
  ),
  aliases: z
    .array(LanguageAliasSchema)
    .max(32)
    .default(() => [])
    .describe(
      'Other names accepted on input (case-insensitive), e.g. "DGS" or "sgn-DE" for German Sign Language',
    ),
} satisfies LanguageShape);

/** A validated registry row. */
export type Language = z.infer<typeof LanguageSchema>;

/** A registry row as written in data (aliases optional). */
export type LanguageInput = z.input<typeof LanguageSchema>;
