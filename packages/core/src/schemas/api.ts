/**
 * Requests and responses of the SignLLM HTTP API (`@signllm/serve`), shared with the web client.
 * Requests are strict (an unknown key is a 400 that names it), except the GET query form, which
 * ignores unknown parameters (cache busters); responses are strip, so older clients read newer servers.
 */
import { z } from 'zod';
import { LanguageCodeSchema, LanguageTagSchema, SpokenLanguageSchema } from '../languages/language-schema.ts';
import { BUNDLE_MODES } from './bundle-manifest.ts';
import { PROVENANCE_KINDS } from './dataset-manifest.ts';
import {
  type EnumOf,
  nonNegativeInt,
  nonNegativeNumber,
  positiveInt,
  positiveNumber,
  SemverSchema,
  SkeletonNameSchema,
  text,
} from './fields.ts';

/**
 * Hard limits of the API schemas; a server may set lower ones.
 *
 * @example
 * ```ts
 * if (text.length > API_LIMITS.maxInputChars) reject();
 * ```
 */
export const API_LIMITS: {
  readonly maxInputChars: number;
  readonly maxFrames: number;
  readonly maxFps: number;
} = {
  maxInputChars: 1000,
  maxFrames: 10_000,
  maxFps: 240,
};

/**
 * What the `input` of a translate request is.
 *
 * @example
 * ```ts
 * INPUT_TYPES.includes('gloss'); // true
 * ```
 */
export const INPUT_TYPES = ['text', 'prompt', 'gloss'] as const;

/**
 * Output formats of `POST /v1/translate`.
 *
 * @example
 * ```ts
 * OUTPUT_FORMATS; // ['json', 'pose', 'skels']
 * ```
 */
export const OUTPUT_FORMATS = ['json', 'pose', 'skels'] as const;

/**
 * How a generation ended: `counter` (the model's progress counter reached its stop value), `limit`
 * (`maxFrames` reached), `length` (a fixed length was given).
 *
 * @example
 * ```ts
 * STOP_REASONS.includes('limit'); // true
 * ```
 */
export const STOP_REASONS = ['counter', 'limit', 'length'] as const;

/** One of `INPUT_TYPES`. */
export type InputType = (typeof INPUT_TYPES)[number];

/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A sign language as the API accepts it: ISO code, Prompt2Sign tag or alias (resolved by the registry). */
const LanguageRefSchema: z.ZodString = z
  .string()
  .min(1, { abort: true, error: 'expected a sign language code or tag like "ase" or "ASL"' })
  .max(32, { abort: true, error: 'expected a sign language code or tag of at most 32 characters' })
  .regex(/^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*$/, {
    error: 'expected a sign language code or tag like "ase" or "ASL"',
  });

/** Text the user sends: 1..maxInputChars characters, not only white space. */
const InputTextSchema: z.ZodString = text(API_LIMITS.maxInputChars).refine((s) => s.trim().length > 0, {
  error: 'expected text with at least one non-space character',
});

/** The zod type of `TranslateRequestSchema`. */
export type TranslateRequestShape = {
  input: z.ZodString;
  inputType: z.ZodDefault<EnumOf<typeof INPUT_TYPES>>;
  language: z.ZodString;
  format: z.ZodDefault<EnumOf<typeof OUTPUT_FORMATS>>;
  fps: z.ZodOptional<z.ZodNumber>;
  maxFrames: z.ZodOptional<z.ZodNumber>;
  stream: z.ZodOptional<z.ZodBoolean>;
};

/**
 * Body of `POST /v1/translate`.
 *
 * @example
 * ```ts
 * const req = parseWith(TranslateRequestSchema, await c.req.json(), 'request body');
 * req.format; // 'json' unless given
 * ```
 */
export const TranslateRequestSchema: z.ZodObject<TranslateRequestShape, z.core.$strict> = z.strictObject({
  input: InputTextSchema.describe('What to sign: spoken-language text, a question-style prompt, or glosses'),
  inputType: z.enum(INPUT_TYPES).default('text').describe('Kind of input: "text", "prompt" or "gloss"'),
  language: LanguageRefSchema.describe('Sign language: ISO 639-3 code ("ase") or Prompt2Sign tag ("ASL")'),
  format: z
    .enum(OUTPUT_FORMATS)
    .default('json')
    .describe('Output: "json", a ".pose" file, or a ".skels" line'),
  fps: positiveNumber(API_LIMITS.maxFps)
    .optional()
    .describe("Frame rate of the output; default: the model's"),
  maxFrames: positiveInt(API_LIMITS.maxFrames).optional().describe('Stop generating after this many frames'),
  stream: z
    .boolean()
    .optional()
    .describe('Stream frames as NDJSON while they are generated (format "json" only)'),
} satisfies TranslateRequestShape);

/** The zod type of `TranslateQuerySchema`. */
export type TranslateQueryShape = { text: z.ZodString; spoken: z.ZodString; signed: z.ZodString };

/**
 * Query of `GET /v1/translate?text=…&spoken=…&signed=…` (returns a `.pose` file).
 *
 * @example
 * ```ts
 * parseWith(TranslateQuerySchema, c.req.query(), 'query');
 * ```
 */
export const TranslateQuerySchema: z.ZodObject<TranslateQueryShape, z.core.$strip> = z.object({
  text: InputTextSchema.describe('Spoken-language text to sign'),
  spoken: z
    .string()
    .max(16, { abort: true })
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
      error: 'expected a spoken-language tag like "en" or "de-CH"',
    })
    .describe('BCP 47 tag of the text\'s language, e.g. "en"'),
  signed: LanguageRefSchema.describe('Sign language: ISO code or Prompt2Sign tag'),
} satisfies TranslateQueryShape);

/** The zod type of the `timing` field. */
export type TimingShape = { generationMs: z.ZodNumber; firstFrameMs: z.ZodOptional<z.ZodNumber> };

/**
 * How long a generation took (the `timing` of an answer and of a stream's `end` line).
 *
 * @example
 * ```ts
 * TimingSchema.parse({ generationMs: 41.7, firstFrameMs: 12.3 });
 * ```
 */
export const TimingSchema: z.ZodObject<TimingShape, z.core.$strip> = z.object({
  generationMs: nonNegativeNumber().describe('Time spent generating, in milliseconds'),
  firstFrameMs: nonNegativeNumber()
    .optional()
    .describe('Time from the start of generation to the first frame, in milliseconds'),
} satisfies TimingShape);

/**
 * The LangGloss tokens an input became (Prompt2LangGloss), in an answer and a stream's `end` line.
 *
 * @example
 * ```ts
 * LangGlossTokensSchema.parse(['<gsg>', 'MORGEN', '<gsg>', 'REGEN']);
 * ```
 */
export const LangGlossTokensSchema: z.ZodArray<z.ZodString> = z.array(text(200)).max(10_000);

/** The zod type of `TranslateResponseSchema`. */
export type TranslateResponseShape = {
  language: z.ZodString;
  inputType: EnumOf<typeof INPUT_TYPES>;
  langGloss: z.ZodOptional<z.ZodArray<z.ZodString>>;
  fps: z.ZodNumber;
  skeleton: z.ZodString;
  joints: z.ZodArray<z.ZodString>;
  frames: z.ZodNumber;
  data: z.ZodArray<z.ZodArray<z.ZodArray<z.ZodNumber>>>;
  confidence: z.ZodOptional<z.ZodArray<z.ZodArray<z.ZodNumber>>>;
  counters: z.ZodOptional<z.ZodArray<z.ZodNumber>>;
  stoppedBy: z.ZodOptional<EnumOf<typeof STOP_REASONS>>;
  timing: z.ZodObject<TimingShape, z.core.$strip>;
};

/** The first frame whose row count differs from `joints`, as an issue, or undefined. */
function shapeProblem(
  rows: readonly (readonly unknown[])[],
  joints: number,
  field: string,
): { path: (string | number)[]; message: string } | undefined {
  const f = rows.findIndex((row) => row.length !== joints);
  if (f < 0) return undefined;
  return {
    path: [field, f],
    message: `expected ${joints} joints (one per name in joints), got ${rows[f]?.length}`,
  };
}

/**
 * JSON response of `POST /v1/translate`: `data` is frames × joints × 3 (x, y, z), `confidence`
 * frames × joints in [0, 1]. Also checks that both agree with `frames` and `joints`.
 *
 * @example
 * ```ts
 * const res = parseWith(TranslateResponseSchema, await response.json(), 'translate response');
 * res.data[0]?.[0]; // [x, y, z] of the first joint in the first frame
 * ```
 */
export const TranslateResponseSchema: z.ZodObject<TranslateResponseShape, z.core.$strip> = z
  .object({
    language: LanguageCodeSchema.describe('ISO code of the sign language produced'),
    inputType: z.enum(INPUT_TYPES).describe('Kind of input that was translated'),
    langGloss: LangGlossTokensSchema.optional().describe(
      'LangGloss tokens the input became (Prompt2LangGloss)',
    ),
    fps: positiveNumber(1000).describe('Frames per second'),
    skeleton: SkeletonNameSchema.describe('Skeleton of the joints, e.g. "prompt2sign-50"'),
    joints: z.array(text(64)).min(1).max(10_000).describe('Joint names, in the order of data'),
    frames: nonNegativeInt(API_LIMITS.maxFrames).describe('Number of frames'),
    data: z
      .array(z.array(z.array(z.number()).length(3)))
      .max(API_LIMITS.maxFrames)
      .describe('Poses: frames × joints × [x, y, z]'),
    confidence: z
      .array(z.array(z.number().min(0).max(1)))
      .max(API_LIMITS.maxFrames)
      .optional()
      .describe('Confidence per frame and joint in [0, 1]; 0 = missing'),
    counters: z
      .array(z.number())
      .max(API_LIMITS.maxFrames)
      .optional()
      .describe(
        'Progress counter of each frame as the model predicted it (≈ 0 at the start, ≈ 1 at the end)',
      ),
    stoppedBy: z
      .enum(STOP_REASONS)
      .optional()
      .describe(
        '"counter": the model said the sign ended; "limit": maxFrames was reached; "length": fixed length',
      ),
    timing: TimingSchema.describe('How long the request took'),
  } satisfies TranslateResponseShape)
  .superRefine((r, ctx) => {
    if (r.data.length !== r.frames) {
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: `expected ${r.frames} frames (as in frames), got ${r.data.length}`,
      });
    }
    if (r.counters !== undefined && r.counters.length !== r.frames) {
      ctx.addIssue({
        code: 'custom',
        path: ['counters'],
        message: `expected ${r.frames} counters (as in frames), got ${r.counters.length}`,
      });
    }
    const dataProblem = shapeProblem(r.data, r.joints.length, 'data');
    if (dataProblem) ctx.addIssue({ code: 'custom', ...dataProblem });
    if (r.confidence !== undefined) {
      if (r.confidence.length !== r.frames) {
        ctx.addIssue({
          code: 'custom',
          path: ['confidence'],
          message: `expected ${r.frames} frames (as in frames), got ${r.confidence.length}`,
        });
      }
      const confidenceProblem = shapeProblem(r.confidence, r.joints.length, 'confidence');
      if (confidenceProblem) ctx.addIssue({ code: 'custom', ...confidenceProblem });
    }
  });

/** The zod type of one entry of `LanguagesResponseSchema`. */
export type ServedLanguageShape = {
  code: z.ZodString;
  name: z.ZodString;
  tag: z.ZodString;
  spokenLanguage: z.ZodString;
  inputs: z.ZodArray<EnumOf<typeof INPUT_TYPES>>;
  provenance: z.ZodOptional<EnumOf<typeof PROVENANCE_KINDS>>;
};

/** The zod type of `LanguagesResponseSchema`. */
export type LanguagesResponseShape = {
  languages: z.ZodArray<z.ZodObject<ServedLanguageShape, z.core.$strip>>;
};

/**
 * Response of `GET /v1/languages`: the languages the loaded model serves.
 *
 * @example
 * ```ts
 * const { languages } = parseWith(LanguagesResponseSchema, body, 'languages response');
 * ```
 */
export const LanguagesResponseSchema: z.ZodObject<LanguagesResponseShape, z.core.$strip> = z.object({
  languages: z
    .array(
      z.object({
        code: LanguageCodeSchema.describe('ISO 639-3 code'),
        name: text(100).describe('English name'),
        tag: LanguageTagSchema.describe('Prompt2Sign tag'),
        spokenLanguage: SpokenLanguageSchema.describe('BCP 47 tag of the spoken language of its texts'),
        inputs: z.array(z.enum(INPUT_TYPES)).min(1).max(3).describe('Input kinds the model accepts for it'),
        provenance: z
          .enum(PROVENANCE_KINDS)
          .optional()
          .describe('Whether the model learnt it from "real" signers or "synthetic" data'),
      } satisfies ServedLanguageShape),
    )
    .max(1000)
    .describe('Served languages'),
} satisfies LanguagesResponseShape);

/** The zod type of the `error` field of `ErrorResponseSchema`. */
export type ErrorBodyShape = { code: z.ZodString; message: z.ZodString };

/** The zod type of `ErrorResponseSchema`. */
export type ErrorResponseShape = { error: z.ZodObject<ErrorBodyShape, z.core.$strip> };

/**
 * Body of every 4xx/5xx response.
 *
 * @example
 * ```ts
 * ErrorResponseSchema.parse({ error: { code: 'unknown_language', message: 'Unknown sign language "xx"; …' } });
 * ```
 */
export const ErrorResponseSchema: z.ZodObject<ErrorResponseShape, z.core.$strip> = z.object({
  error: z
    .object({
      code: z
        .string()
        .max(64, { abort: true })
        .regex(/^[a-z][a-z0-9_]*$/, { error: 'expected a snake_case error code like "schema_invalid"' })
        .describe('Stable machine-readable code (a SignLLMError code or an HTTP one such as "not_found")'),
      message: text(10_000).describe('Human-readable explanation naming the bad value and the valid options'),
    } satisfies ErrorBodyShape)
    .describe('What went wrong'),
} satisfies ErrorResponseShape);

/** The zod type of `HealthResponseSchema`. */
export type HealthResponseShape = { status: z.ZodLiteral<'ok'>; version: z.ZodOptional<z.ZodString> };

/**
 * Response of `GET /healthz`: the process is up.
 *
 * @example
 * ```ts
 * HealthResponseSchema.parse({ status: 'ok', version: '0.1.0' });
 * ```
 */
export const HealthResponseSchema: z.ZodObject<HealthResponseShape, z.core.$strip> = z.object({
  status: z.literal('ok').describe('Always "ok" when the server answers'),
  version: SemverSchema.optional().describe('Version of @signllm/serve'),
} satisfies HealthResponseShape);

/** The zod type of the `bundle` field of `ReadyResponseSchema`. */
export type ReadyBundleShape = {
  formatVersion: z.ZodString;
  mode: EnumOf<typeof BUNDLE_MODES>;
  languages: z.ZodArray<z.ZodString>;
  skeleton: z.ZodString;
};

/** The zod type of `ReadyResponseSchema`. */
export type ReadyResponseShape = {
  ready: z.ZodBoolean;
  bundle: z.ZodOptional<z.ZodObject<ReadyBundleShape, z.core.$strip>>;
  reason: z.ZodOptional<z.ZodString>;
};

/**
 * Response of the readiness check: whether a model bundle is loaded and can translate.
 *
 * @example
 * ```ts
 * ReadyResponseSchema.parse({ ready: false, reason: 'loading bundle' });
 * ```
 */
export const ReadyResponseSchema: z.ZodObject<ReadyResponseShape, z.core.$strip> = z.object({
  ready: z.boolean().describe('True when a bundle is loaded and requests can be served'),
  bundle: z
    .object({
      formatVersion: SemverSchema.describe('Format version of the loaded bundle'),
      mode: z.enum(BUNDLE_MODES).describe('Mode of the loaded bundle'),
      languages: z.array(LanguageCodeSchema).max(256).describe('Languages it serves'),
      skeleton: SkeletonNameSchema.describe('Skeleton of its output'),
    } satisfies ReadyBundleShape)
    .optional()
    .describe('The loaded bundle, when ready'),
  reason: text(2000).optional().describe('Why the server is not ready, when it is not'),
} satisfies ReadyResponseShape);

/** A validated translate request (defaults filled). */
export type TranslateRequest = z.infer<typeof TranslateRequestSchema>;
/** A translate request as a client writes it. */
export type TranslateRequestInput = z.input<typeof TranslateRequestSchema>;
/** A validated `GET /v1/translate` query. */
export type TranslateQuery = z.infer<typeof TranslateQuerySchema>;
/** The JSON body of a translate response. */
export type TranslateResponse = z.infer<typeof TranslateResponseSchema>;
/** How a generation ended. */
export type StopReason = (typeof STOP_REASONS)[number];
/** The body of `GET /v1/languages`. */
export type LanguagesResponse = z.infer<typeof LanguagesResponseSchema>;
/** One served language. */
export type ServedLanguage = LanguagesResponse['languages'][number];
/** The body of an error response. */
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
/** The body of `GET /healthz`. */
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
/** The body of the readiness check. */
export type ReadyResponse = z.infer<typeof ReadyResponseSchema>;
