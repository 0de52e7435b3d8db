/**
 * The lines of a streamed translation (`POST /v1/translate` with `stream: true`, NDJSON), shared by the
 * server that writes them and the clients that read them.
 */
import { z } from 'zod';
import { LanguageCodeSchema } from '../languages/language-schema.ts';
import {
  API_LIMITS,
  type ErrorBodyShape,
  INPUT_TYPES,
  LangGlossTokensSchema,
  STOP_REASONS,
  TimingSchema,
  type TimingShape,
} from './api.ts';
import {
  type EnumOf,
  nonNegativeInt,
  nonNegativeNumber,
  positiveNumber,
  SkeletonNameSchema,
  text,
} from './fields.ts';

/** The zod type of the `start` event of a streamed translation. */
export type StreamStartShape = {
  type: z.ZodLiteral<'start'>;
  language: z.ZodString;
  inputType: EnumOf<typeof INPUT_TYPES>;
  fps: z.ZodNumber;
  skeleton: z.ZodString;
  joints: z.ZodArray<z.ZodString>;
};

/** The zod type of a `frame` event of a streamed translation. */
export type StreamFrameShape = {
  type: z.ZodLiteral<'frame'>;
  index: z.ZodNumber;
  time: z.ZodNumber;
  counter: z.ZodNumber;
  pose: z.ZodArray<z.ZodArray<z.ZodNumber>>;
};

/** The zod type of the `end` event of a streamed translation. */
export type StreamEndShape = {
  type: z.ZodLiteral<'end'>;
  frames: z.ZodNumber;
  stoppedBy: EnumOf<typeof STOP_REASONS>;
  langGloss: z.ZodOptional<z.ZodArray<z.ZodString>>;
  timing: z.ZodObject<TimingShape, z.core.$strip>;
};

/** The zod type of the `error` event of a streamed translation. */
export type StreamErrorShape = {
  type: z.ZodLiteral<'error'>;
  error: z.ZodObject<ErrorBodyShape, z.core.$strip>;
};

/** The zod type of `TranslateStreamEventSchema`. */
export type TranslateStreamEventSchemaType = z.ZodDiscriminatedUnion<
  [
    z.ZodObject<StreamStartShape, z.core.$strip>,
    z.ZodObject<StreamFrameShape, z.core.$strip>,
    z.ZodObject<StreamEndShape, z.core.$strip>,
    z.ZodObject<StreamErrorShape, z.core.$strip>,
  ],
  'type'
>;

/**
 * One line of a streamed translation (`POST /v1/translate` with `stream: true`, NDJSON): a `start`
 * line (language, fps, skeleton, joint names), one `frame` line per frame as soon as it is generated
 * (`pose` is joints × [x, y, z]; `time` in seconds), then an `end` line, or an `error` line when the
 * generation fails after the response has begun.
 *
 * @example
 * ```ts
 * for (const line of text.split('\n').filter(Boolean)) {
 *   const event = parseWith(TranslateStreamEventSchema, JSON.parse(line), 'stream line');
 *   if (event.type === 'frame') player.push(event.pose);
 * }
 * ```
 */
export const TranslateStreamEventSchema: TranslateStreamEventSchemaType = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start').describe('Event kind: the first line'),
    language: LanguageCodeSchema.describe('ISO code of the sign language produced'),
    inputType: z.enum(INPUT_TYPES).describe('Kind of input that is being translated'),
    fps: positiveNumber(1000).describe('Frames per second'),
    skeleton: SkeletonNameSchema.describe('Skeleton of the joints'),
    joints: z.array(text(64)).min(1).max(10_000).describe('Joint names, in the order of each pose'),
  } satisfies StreamStartShape),
  z.object({
    type: z.literal('frame').describe('Event kind: one generated frame'),
    index: nonNegativeInt(API_LIMITS.maxFrames).describe('0-based frame number'),
    time: nonNegativeNumber().describe('Time of the frame in seconds (index / fps)'),
    counter: z.number().describe('Progress counter the model predicted for the frame'),
    pose: z
      .array(z.array(z.number()).length(3))
      .max(10_000)
      .describe("Joints × [x, y, z], in the order of the start line's joints"),
  } satisfies StreamFrameShape),
  z.object({
    type: z.literal('end').describe('Event kind: the last line of a successful generation'),
    frames: nonNegativeInt(API_LIMITS.maxFrames).describe('Number of frames sent'),
    stoppedBy: z.enum(STOP_REASONS).describe('How the generation ended'),
    langGloss: LangGlossTokensSchema.optional().describe(
      'LangGloss tokens the input became (Prompt2LangGloss)',
    ),
    timing: TimingSchema.describe('How long the generation took'),
  } satisfies StreamEndShape),
  z.object({
    type: z.literal('error').describe('Event kind: the generation failed after the response began'),
    error: z
      .object({
        code: z.string().max(64).describe('Stable machine-readable code'),
        message: text(10_000).describe('Human-readable explanation'),
      } satisfies ErrorBodyShape)
      .describe('Why the stream ended early'),
  } satisfies StreamErrorShape),
]);

/** One line of a streamed translation. */
export type TranslateStreamEvent = z.infer<typeof TranslateStreamEventSchema>;
