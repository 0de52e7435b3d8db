/**
 * The ablation label of a pose-model run, read from its `config.json` (the effective training config
 * that `signllm-train train` writes), in the vocabulary of the paper's ablation table (digest §7.4):
 *
 * - `P2LG` when the model is Prompt2LangGloss stage 2 (`model.mode: "p2lg-stage2"`);
 * - `RL loss` when `loss` is `"rl"`, then `PLC` when also `rl.plc` (which defaults to true);
 * - `FP` when `model.augmentations.futurePrediction` > 0, `GN` when `gaussianNoiseRate` > 0, `JC` when
 *   `justCounter`;
 *
 * joined with ` + ` in that order; a run with none of them is `Base` (MLSF with the MSE loss). So
 * the paper's rows are `Base`, `FP`, `GN`, `FP + GN`, `JC`, `P2LG`, `RL loss` and `RL loss + PLC`.
 */
import { z } from 'zod';

/**
 * The rows the ablation table always shows (with "—" when no run has that label), in this order.
 *
 * @example
 * ```ts
 * ABLATION_ROWS; // ['Base', 'FP', 'GN', 'RL loss', 'RL loss + PLC']
 * ```
 */
export const ABLATION_ROWS: readonly string[] = ['Base', 'FP', 'GN', 'RL loss', 'RL loss + PLC'];

/** The fields of a training config that name a variant; other fields are ignored. */
const VariantSchema = z.object({
  /** `mse` (Base) or `rl`. */
  loss: z.string().default('mse'),
  /** The Priority Learning Channel flag (core's default: true). */
  rl: z.object({ plc: z.boolean().default(true) }).prefault({}),
  model: z.object({
    /** `mlsf`, `p2lg-stage1` or `p2lg-stage2`. */
    mode: z.string(),
    augmentations: z
      .object({
        futurePrediction: z.number().default(0),
        gaussianNoiseRate: z.number().default(0),
        justCounter: z.boolean().default(false),
      })
      .prefault({}),
  }),
});

/**
 * The label of a run from its parsed `config.json`; undefined when it is not a pose-model training
 * config (a back-translation run, a stage 1 run, a hand-written file).
 *
 * @example
 * ```ts
 * ablationLabel({ loss: 'rl', rl: { plc: true }, model: { mode: 'mlsf' } }); // 'RL loss + PLC'
 * ablationLabel({ model: { mode: 'mlsf', augmentations: { futurePrediction: 3 } } }); // 'FP'
 * ```
 */
export function ablationLabel(config: unknown): string | undefined {
  const parsed = VariantSchema.safeParse(config);
  if (!parsed.success || parsed.data.model.mode === 'p2lg-stage1') return undefined;
  const c = parsed.data;
  const a = c.model.augmentations;
  const parts: string[] = [];
  if (c.model.mode === 'p2lg-stage2') parts.push('P2LG');
  if (c.loss === 'rl') parts.push('RL loss', ...(c.rl.plc ? ['PLC'] : []));
  if (a.futurePrediction > 0) parts.push('FP');
  if (a.gaussianNoiseRate > 0) parts.push('GN');
  if (a.justCounter) parts.push('JC');
  return parts.length === 0 ? 'Base' : parts.join(' + ');
}
