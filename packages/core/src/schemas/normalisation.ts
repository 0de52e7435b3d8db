/**
 * How joint coordinates were normalised, recorded in dataset and bundle manifests so generated poses
 * can be mapped back (`method` + numeric `parameters`).
 */
import { z } from 'zod';

const MAX_PARAMETERS = 256;
const MAX_VALUES = 100_000;

/** The zod type of `NormalisationSchema` (written out because of `isolatedDeclarations`). */
export type NormalisationShape = {
  method: z.ZodString;
  parameters: z.ZodDefault<
    z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodNumber, z.ZodArray<z.ZodNumber>]>>
  >;
};

/**
 * A normalisation: an identifier and its numeric parameters. Strip mode: unknown keys are dropped.
 *
 * @example
 * ```ts
 * NormalisationSchema.parse({ method: 'scale', parameters: { scale: 3 } });
 * ```
 */
export const NormalisationSchema: z.ZodObject<NormalisationShape, z.core.$strip> = z.object({
  method: z
    .string()
    .max(64, { abort: true })
    .regex(/^[a-z][a-z0-9-]*$/, {
      error: 'expected a method id of lowercase letters, digits and "-" like "scale"',
    })
    .describe(
      'Normalisation applied to joint coordinates, e.g. "none", "scale" (divided by parameters.scale, as the ' +
        'Progressive Transformers ÷3) or "center-scale" (parameters.center subtracted, then divided by ' +
        'parameters.scale); the data package documents the methods it writes',
    ),
  parameters: z
    .record(
      z
        .string()
        .max(64, { abort: true })
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'expected a parameter name like "scale" or "mean_xyz"' }),
      z.union([z.number(), z.array(z.number()).max(MAX_VALUES)]),
    )
    .refine((p) => Object.keys(p).length <= MAX_PARAMETERS, {
      error: `expected at most ${MAX_PARAMETERS} parameters`,
    })
    .default(() => ({}))
    .describe(
      'Numeric parameters of the method: a number or an array of numbers (e.g. a per-value mean) each',
    ),
} satisfies NormalisationShape);

/** A validated normalisation. */
export type Normalisation = z.infer<typeof NormalisationSchema>;
