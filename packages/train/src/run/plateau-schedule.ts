/**
 * Progressive Transformers' learning-rate schedule: PyTorch `ReduceLROnPlateau` in mode "min" with an
 * absolute threshold of 1e-8 on the validation DTW (lower is better), plus PT's stop rule (stop once
 * lr < minLr) and optional early stopping after `earlyStopPatience` validations without improvement.
 *
 * Semantics follow PyTorch: a value improves when `value < best - threshold`; otherwise the bad count
 * grows, and when it exceeds `patience` the lr becomes `max(lr × factor, floorLr)` (applied only if it
 * changes by more than 1e-8) and the bad count restarts. NaN never improves.
 */
import { ERROR_CODES, parseWith, SignLLMError } from '@signllm/core';
import { z } from 'zod';

/** Options of `PlateauSchedule`. Defaults are PT Base's. */
export interface PlateauOptions {
  /** Starting learning rate (> 0). */
  lr: number;
  /** Multiplier on a plateau, in (0, 1); default 0.7. */
  factor?: number;
  /** Validations without improvement tolerated before reducing; default 7. */
  patience?: number;
  /** Absolute improvement needed; default 1e-8. */
  threshold?: number;
  /** Training stops once lr falls below this; default 2e-4. */
  minLr?: number;
  /** Stop after this many validations without improvement; 0 (default) = off. */
  earlyStopPatience?: number;
  /** PyTorch's `min_lr`: the lr is never reduced below this; default 0. */
  floorLr?: number;
}

/** What one validation did to the schedule. */
export interface PlateauDecision {
  /** Learning rate to use from now on. */
  lr: number;
  /** The value beat the best by more than the threshold. */
  improved: boolean;
  /** The lr was reduced by this validation. */
  reduced: boolean;
  /** Training should stop. */
  stop: boolean;
  /** Why it stops: `"lr below minLr"` or `"no improvement"`. */
  reason?: 'lr below minLr' | 'no improvement';
}

const PYTORCH_EPS = 1e-8;

const OptionsSchema = z.strictObject({
  lr: z.number().positive().finite(),
  factor: z.number().gt(0).lt(1),
  patience: z.number().int().min(0),
  threshold: z.number().min(0).finite(),
  minLr: z.number().min(0).finite(),
  earlyStopPatience: z.number().int().min(0),
  floorLr: z.number().min(0).finite(),
});

/** Serialised schedule (for checkpoints). `best` is null before the first finite value. */
const StateSchema = z.strictObject({
  options: OptionsSchema,
  /** Current learning rate. */
  lr: z.number().positive().finite(),
  /** Best value seen, or null. */
  best: z.number().finite().nullable(),
  /** Step of the best value, or null. */
  bestStep: z.number().nullable(),
  /** PyTorch's num_bad_epochs (reset on a reduction). */
  badCount: z.number().int().min(0),
  /** Validations since the last improvement (not reset on a reduction). */
  sinceImprovement: z.number().int().min(0),
  /** Validations observed so far. */
  observed: z.number().int().min(0),
  /** Why the schedule stopped, or null while running. */
  stopReason: z.enum(['lr below minLr', 'no improvement']).nullable(),
});

/** The JSON form of a `PlateauSchedule`. */
export type PlateauState = z.output<typeof StateSchema>;

/**
 * Reduce-on-plateau learning rate with PT's stop rules.
 *
 * @example
 * ```ts
 * const schedule = new PlateauSchedule({ lr: 1e-3 });
 * const { lr, improved, stop } = schedule.observe(validationDtw, step);
 * if (improved) await writeCheckpoint(run, ..., { keepAlso: [schedule.bestStep!] });
 * ```
 */
export class PlateauSchedule {
  private readonly options: Required<PlateauOptions>;
  private currentLr: number;
  private bestValue = Number.POSITIVE_INFINITY;
  private bestAt: number | undefined;
  private badCount = 0;
  private sinceImprovement = 0;
  private observed = 0;
  private stopReason: PlateauDecision['reason'];

  /** @throws SignLLMError `schema_invalid` for options out of range. */
  constructor(options: PlateauOptions) {
    this.options = parseWith(
      OptionsSchema,
      {
        factor: 0.7,
        patience: 7,
        threshold: 1e-8,
        minLr: 2e-4,
        earlyStopPatience: 0,
        floorLr: 0,
        ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
      },
      'plateau schedule options',
    );
    this.currentLr = this.options.lr;
  }

  /** Current learning rate. */
  get lr(): number {
    return this.currentLr;
  }

  /** Best (lowest) value seen; `Infinity` before any. */
  get best(): number {
    return this.bestValue;
  }

  /** Step (or 1-based validation index when no step was given) of the best value. */
  get bestStep(): number | undefined {
    return this.bestAt;
  }

  /** True once a stop rule fired. */
  get stopped(): boolean {
    return this.stopReason !== undefined;
  }

  /**
   * Records one validation value (lower is better) and returns the new lr and whether to stop.
   * Once stopped, the schedule stays stopped.
   */
  observe(value: number, step?: number): PlateauDecision {
    if (typeof value !== 'number') {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `plateau schedule: value must be a number, got ${typeof value}`,
      );
    }
    this.observed++;
    const improved = value < this.bestValue - this.options.threshold;
    let reduced = false;
    if (improved) {
      this.bestValue = value;
      this.bestAt = step ?? this.observed;
      this.badCount = 0;
      this.sinceImprovement = 0;
    } else {
      this.badCount++;
      this.sinceImprovement++;
    }
    if (this.badCount > this.options.patience) {
      const next = Math.max(this.currentLr * this.options.factor, this.options.floorLr);
      if (this.currentLr - next > PYTORCH_EPS) {
        this.currentLr = next;
        reduced = true;
      }
      this.badCount = 0;
    }
    if (this.stopReason === undefined) {
      if (this.currentLr < this.options.minLr) this.stopReason = 'lr below minLr';
      else if (
        this.options.earlyStopPatience > 0 &&
        this.sinceImprovement >= this.options.earlyStopPatience
      ) {
        this.stopReason = 'no improvement';
      }
    }
    const decision: PlateauDecision = { lr: this.currentLr, improved, reduced, stop: this.stopped };
    if (this.stopReason !== undefined) decision.reason = this.stopReason;
    return decision;
  }

  /** Serialisable state, for checkpoints. */
  toJSON(): PlateauState {
    return {
      options: { ...this.options },
      lr: this.currentLr,
      best: Number.isFinite(this.bestValue) ? this.bestValue : null,
      bestStep: this.bestAt ?? null,
      badCount: this.badCount,
      sinceImprovement: this.sinceImprovement,
      observed: this.observed,
      stopReason: this.stopReason ?? null,
    };
  }

  /**
   * Restores a schedule saved with `toJSON` (e.g. from a checkpoint).
   *
   * @throws SignLLMError `schema_invalid` for a damaged state.
   */
  static fromJSON(json: unknown): PlateauSchedule {
    const state = parseWith(StateSchema, json, 'plateau schedule state');
    const schedule = new PlateauSchedule(state.options);
    schedule.currentLr = state.lr;
    schedule.bestValue = state.best ?? Number.POSITIVE_INFINITY;
    schedule.bestAt = state.bestStep ?? undefined;
    schedule.badCount = state.badCount;
    schedule.sinceImprovement = state.sinceImprovement;
    schedule.observed = state.observed;
    schedule.stopReason = state.stopReason ?? undefined;
    return schedule;
  }
}
