/**
 * `LivePose`: a pose sequence that grows while a model generates it. Frames are appended into
 * preallocated buffers that double when full; `sequence()` gives a `PoseSequence` view of the frames so
 * far without copying.
 */
import { createPoseSequence, type PoseSequence, type Skeleton } from '@signllm/core';

/** A growing 3D pose sequence with the model's progress counter per frame. */
export class LivePose {
  readonly skeleton: Skeleton;
  readonly fps: number;
  readonly joints: number;
  #frames = 0;
  #data: Float32Array;
  #confidence: Float32Array;
  #counters: Float32Array;
  #view: PoseSequence<3> | undefined;

  constructor(skeleton: Skeleton, fps: number, capacity = 64) {
    this.skeleton = skeleton;
    this.fps = fps;
    this.joints = skeleton.joints.length;
    const cap = Math.max(1, Math.floor(capacity));
    this.#data = new Float32Array(cap * this.joints * 3);
    this.#confidence = new Float32Array(cap * this.joints);
    this.#counters = new Float32Array(cap);
  }

  /** Frames so far. */
  get frames(): number {
    return this.#frames;
  }

  /** The counters of the frames so far (a view). */
  get counters(): Float32Array {
    return this.#counters.subarray(0, this.#frames);
  }

  #grow(): void {
    const cap = this.#counters.length * 2;
    const data = new Float32Array(cap * this.joints * 3);
    data.set(this.#data);
    const confidence = new Float32Array(cap * this.joints);
    confidence.set(this.#confidence);
    const counters = new Float32Array(cap);
    counters.set(this.#counters);
    this.#data = data;
    this.#confidence = confidence;
    this.#counters = counters;
  }

  /**
   * Appends a frame: joint-major `[x, y, z]` values (a flat array of joints × 3 or joints × [x, y, z]).
   * A joint whose values are not all finite is stored as missing (confidence 0).
   */
  push(values: ArrayLike<number> | readonly (readonly number[])[], counter = Number.NaN): void {
    const n = this.joints;
    const flat = values.length === n * 3 && typeof values[0] === 'number';
    const nested = values.length === n && Array.isArray(values[0]);
    if (!flat && !nested) {
      throw new Error(`a frame needs ${n} joints × 3 values, got ${values.length} entries`);
    }
    if (this.#frames === this.#counters.length) this.#grow();
    const f = this.#frames;
    for (let j = 0; j < n; j++) {
      const row = nested ? (values as readonly (readonly number[])[])[j]! : undefined;
      const x = row ? row[0]! : (values as ArrayLike<number>)[3 * j]!;
      const y = row ? row[1]! : (values as ArrayLike<number>)[3 * j + 1]!;
      const z = row ? row[2]! : (values as ArrayLike<number>)[3 * j + 2]!;
      const ok = Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z);
      const o = (f * n + j) * 3;
      this.#data[o] = ok ? x : 0;
      this.#data[o + 1] = ok ? y : 0;
      this.#data[o + 2] = ok ? z : 0;
      this.#confidence[f * n + j] = ok ? 1 : 0;
    }
    this.#counters[f] = counter;
    this.#frames = f + 1;
    this.#view = undefined;
  }

  /** The frames so far as a `PoseSequence` (views into the buffers: valid until the next `push`). */
  sequence(): PoseSequence<3> {
    this.#view ??= createPoseSequence({
      skeleton: this.skeleton,
      fps: this.fps,
      dims: 3,
      frames: this.#frames,
      data: this.#data.subarray(0, this.#frames * this.joints * 3),
      confidence: this.#confidence.subarray(0, this.#frames * this.joints),
    });
    return this.#view;
  }

  /** A copy of the frames so far, independent of later pushes. */
  snapshot(): PoseSequence<3> {
    const seq = this.sequence();
    return createPoseSequence({
      skeleton: seq.skeleton,
      fps: seq.fps,
      dims: 3,
      frames: seq.frames,
      data: seq.data.slice(),
      confidence: seq.confidence.slice(),
    });
  }
}
