/**
 * `FrameResampler`: changes the frame rate of frames that arrive one at a time, so a streamed answer
 * at another fps can still send each frame as soon as the model has made the frames around it. It
 * gives the same frames as core's `resampleFps` on the whole sequence (all joints present): output
 * frame k is at k / toFps, linearly interpolated between the two model frames around it.
 */

/** A frame in or out of the resampler. */
export interface TimedFrame {
  /** Joint values (joint-major x, y, z). */
  values: Float32Array;
  /** Progress counter. */
  counter: number;
}

/** Tolerance on input positions, as in core's `resampledFrameCount`. */
const POSITION_EPSILON = 1e-9;

/**
 * Streaming linear resampler from `fromFps` to `toFps`.
 *
 * @example
 * ```ts
 * const r = new FrameResampler(12, 25);
 * for (const frame of modelFrames) for (const out of r.push(frame)) send(out);
 * ```
 */
export class FrameResampler {
  readonly #from: number;
  readonly #to: number;
  readonly #same: boolean;
  #previous: TimedFrame | undefined;
  /** Index of the last input frame received (−1: none yet). */
  #last = -1;
  /** Next output frame to emit. */
  #next = 0;

  constructor(fromFps: number, toFps: number) {
    this.#from = fromFps;
    this.#to = toFps;
    this.#same = fromFps === toFps;
  }

  /**
   * Feeds the next model frame; returns the output frames that can now be computed (those at or
   * before its time), in order.
   */
  push(frame: TimedFrame): TimedFrame[] {
    const index = ++this.#last;
    if (this.#same) {
      this.#next++;
      return [frame];
    }
    const out: TimedFrame[] = [];
    for (;;) {
      const position = (this.#next * this.#from) / this.#to;
      const below = Math.floor(position + POSITION_EPSILON);
      const weight = position - below;
      if (below === index && weight <= POSITION_EPSILON) out.push(frame);
      else if (below === index - 1 && this.#previous !== undefined) {
        out.push(weight <= POSITION_EPSILON ? this.#previous : mix(this.#previous, frame, weight));
      } else break;
      this.#next++;
    }
    this.#previous = frame;
    return out;
  }

  /** Output frames emitted so far. */
  get emitted(): number {
    return this.#next;
  }
}

function mix(a: TimedFrame, b: TimedFrame, w: number): TimedFrame {
  const values = new Float32Array(a.values.length);
  for (let i = 0; i < values.length; i++) values[i] = a.values[i]! + (b.values[i]! - a.values[i]!) * w;
  return { values, counter: a.counter + (b.counter - a.counter) * w };
}
