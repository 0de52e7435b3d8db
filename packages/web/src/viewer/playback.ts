/**
 * The playback clock of the viewer: which frame to show at a given moment, for a rate of 0.25×–2×,
 * looping or not, paused or playing, scrubbed, and for sequences that are still growing (streaming),
 * where playback waits at the newest frame instead of ending. Pure: the time comes from `now()`.
 */

/** Slowest and fastest playback rates. */
export const MIN_RATE = 0.25;
export const MAX_RATE = 2;
/** The rates the viewer's speed menu offers. */
export const RATE_STEPS: readonly number[] = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];

/** Options of `PlaybackClock`. */
export interface PlaybackOptions {
  fps: number;
  frames: number;
  rate?: number;
  loop?: boolean;
  /** Milliseconds; default `performance.now()`. */
  now?: () => number;
}

/** Clamps a rate into [MIN_RATE, MAX_RATE]; NaN → 1. */
export function clampRate(rate: number): number {
  if (Number.isNaN(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

/** The next (or previous, `direction` −1) step of `RATE_STEPS` from `rate`. */
export function stepRate(rate: number, direction: 1 | -1): number {
  if (direction > 0) return RATE_STEPS.find((r) => r > rate + 1e-9) ?? MAX_RATE;
  return [...RATE_STEPS].reverse().find((r) => r < rate - 1e-9) ?? MIN_RATE;
}

/** A clock over `frames` frames at `fps`. Positions are seconds of sequence time. */
export class PlaybackClock {
  #fps: number;
  #frames: number;
  #rate: number;
  #loop: boolean;
  #growing = false;
  #playing = false;
  #ended = false;
  /** Sequence time (s) at `#since`. */
  #position = 0;
  /** `now()` when `#position` was taken (ms). */
  #since = 0;
  readonly #now: () => number;

  constructor(options: PlaybackOptions) {
    this.#now = options.now ?? (() => performance.now());
    this.#fps = options.fps > 0 && Number.isFinite(options.fps) ? options.fps : 25;
    this.#frames = Math.max(0, Math.floor(options.frames));
    this.#rate = clampRate(options.rate ?? 1);
    this.#loop = options.loop ?? true;
  }

  get fps(): number {
    return this.#fps;
  }
  get frames(): number {
    return this.#frames;
  }
  get rate(): number {
    return this.#rate;
  }
  get loop(): boolean {
    return this.#loop;
  }
  get playing(): boolean {
    this.#advance();
    return this.#playing;
  }
  /** True after a non-looping playback reached the last frame (until play or seek). */
  get ended(): boolean {
    this.#advance();
    return this.#ended;
  }
  /** Whether frames are still being appended. */
  get growing(): boolean {
    return this.#growing;
  }
  /** Length in seconds at rate 1. */
  get duration(): number {
    return this.#frames / this.#fps;
  }

  /** Current sequence time in seconds. */
  time(): number {
    this.#advance();
    return this.#position;
  }

  /** The frame to show now (0 when there are none). */
  frame(): number {
    this.#advance();
    if (this.#frames === 0) return 0;
    return Math.min(this.#frames - 1, Math.floor(this.#position * this.#fps + 1e-6));
  }

  play(): void {
    this.#advance();
    if (
      this.#ended ||
      (!this.#growing && this.#frames > 0 && this.frame() >= this.#frames - 1 && !this.#loop)
    ) {
      this.#position = 0;
    }
    this.#ended = false;
    this.#playing = this.#frames > 0 || this.#growing;
    this.#since = this.#now();
  }

  pause(): void {
    this.#advance();
    this.#playing = false;
  }

  /** Jumps to a frame (clamped). */
  seekFrame(frame: number): void {
    const last = Math.max(0, this.#frames - 1);
    const f = Math.min(last, Math.max(0, Number.isFinite(frame) ? Math.floor(frame) : 0));
    this.#position = f / this.#fps;
    this.#since = this.#now();
    this.#ended = false;
  }

  setRate(rate: number): void {
    this.#advance();
    this.#rate = clampRate(rate);
  }

  setLoop(loop: boolean): void {
    this.#advance();
    this.#loop = loop;
  }

  /** New length (a growing sequence got frames, or a new sequence); `growing`: more will come. */
  setFrames(frames: number, growing = this.#growing, fps = this.#fps): void {
    this.#advance();
    this.#frames = Math.max(0, Math.floor(frames));
    this.#growing = growing;
    if (fps > 0 && Number.isFinite(fps)) this.#fps = fps;
    if (this.#position * this.#fps > this.#frames) this.#position = 0;
  }

  /** Moves `#position` to `now()`, wrapping, waiting or ending as the mode says. */
  #advance(): void {
    const now = this.#now();
    if (!this.#playing) {
      this.#since = now;
      return;
    }
    const elapsed = Math.max(0, now - this.#since) / 1000;
    this.#since = now;
    let position = this.#position + elapsed * this.#rate;
    const end = this.#frames / this.#fps;
    if (position >= end) {
      if (this.#growing) {
        // Wait at the newest frame; playback resumes from it when more frames arrive.
        position = Math.max(0, (this.#frames - 1) / this.#fps);
      } else if (this.#loop && end > 0) {
        position %= end;
      } else {
        position = Math.max(0, (this.#frames - 1) / this.#fps);
        this.#playing = false;
        this.#ended = true;
      }
    }
    this.#position = position;
  }
}
