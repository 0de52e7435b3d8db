/**
 * Gradient registrations for the kernels the model and its losses use. In Node, `@tensorflow/tfjs-core`
 * resolves to its CommonJS bundle, which registers NO gradients (they ship only with the `@tensorflow/tfjs`
 * union package, and core's `register_all_gradients.js` is ESM with extensionless imports that Node cannot
 * load). So `tf.grad`/`optimizer.minimize` fail with "gradient function not found for Sum" until
 * `ensureGradients()` has run. Registrations never override one that already exists.
 *
 * Every gradient here avoids `transposeA`/`transposeB` (slow on wasm) and `UnsortedSegmentSum` (missing on
 * wasm): BatchMatMul uses explicit transposes, GatherV2 (axis 0) uses `scatterND`, which sums duplicates.
 */
import * as tf from '@tensorflow/tfjs-core';

type Grads = Record<string, () => tf.Tensor> | Array<() => tf.Tensor>;
type GradFn = (dy: tf.Tensor, saved: tf.Tensor[], attrs: Record<string, unknown>) => Grads;

/** Sums `dy` over the axes that broadcasting added, then reshapes it to `shape`. */
function unbroadcast(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  const reduced = axes.length > 0 ? tf.sum(dy, axes) : dy;
  return tf.reshape(reduced, shape);
}

function at(saved: tf.Tensor[], i: number): tf.Tensor {
  const t = saved[i];
  if (t === undefined) throw new Error(`gradient: saved tensor ${i} missing`);
  return t;
}

/** Shape of a reduction result with kept dims, for `Sum`/`Mean`/`Max` gradients. */
function keptShape(shape: number[], axisAttr: unknown): number[] {
  const axes = tf.util.parseAxisParam(axisAttr as number | number[], shape);
  return shape.map((s, i) => (axes.includes(i) ? 1 : s));
}

function lastTwoSwapped(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 1] = rank - 2;
  perm[rank - 2] = rank - 1;
  return perm;
}

const binary = (fa: GradFn, fb: GradFn): GradFn => {
  return (dy, saved, attrs) => {
    const a = fa(dy, saved, attrs) as Record<string, () => tf.Tensor>;
    const b = fb(dy, saved, attrs) as Record<string, () => tf.Tensor>;
    return { ...a, ...b };
  };
};

const T = (x: tf.Tensor): tf.Tensor => tf.transpose(x, lastTwoSwapped(x.rank));

/** [kernel, inputsToSave, outputsToSave, gradient]; `saved` = inputs, then outputs. */
const CONFIGS: Array<[string, string[], boolean[], GradFn]> = [
  ['Identity', [], [], (dy) => ({ x: () => dy })],
  ['Cast', [], [], (dy) => ({ x: () => dy })],
  ['Neg', [], [], (dy) => ({ x: () => tf.neg(dy) })],
  ['Reshape', ['x'], [], (dy, s) => ({ x: () => tf.reshape(dy, at(s, 0).shape) })],
  [
    'Transpose',
    [],
    [],
    (dy, _s, attrs) => {
      const perm = attrs.perm as number[];
      const inverse = perm.map((_, i) => perm.indexOf(i));
      return { x: () => tf.transpose(dy, inverse) };
    },
  ],
  [
    'Add',
    ['a', 'b'],
    [],
    (dy, s) => ({ a: () => unbroadcast(dy, at(s, 0).shape), b: () => unbroadcast(dy, at(s, 1).shape) }),
  ],
  ['AddN', [], [], (dy, _s, attrs) => Array.from({ length: Number(attrs.n ?? 0) }, () => () => dy)],
  [
    'Sub',
    ['a', 'b'],
    [],
    (dy, s) => ({
      a: () => unbroadcast(dy, at(s, 0).shape),
      b: () => unbroadcast(tf.neg(dy), at(s, 1).shape),
    }),
  ],
  [
    'Multiply',
    ['a', 'b'],
    [],
    (dy, s) => ({
      a: () => unbroadcast(tf.mul(dy, at(s, 1)), at(s, 0).shape),
      b: () => unbroadcast(tf.mul(dy, at(s, 0)), at(s, 1).shape),
    }),
  ],
  [
    'RealDiv',
    ['a', 'b'],
    [],
    (dy, s) => ({
      a: () => unbroadcast(tf.div(dy, at(s, 1)), at(s, 0).shape),
      b: () => unbroadcast(tf.neg(tf.div(tf.mul(dy, at(s, 0)), tf.square(at(s, 1)))), at(s, 1).shape),
    }),
  ],
  [
    'SquaredDifference',
    ['a', 'b'],
    [],
    (dy, s) => {
      const d = (): tf.Tensor => tf.mul(dy, tf.mul(tf.sub(at(s, 0), at(s, 1)), 2));
      return { a: () => unbroadcast(d(), at(s, 0).shape), b: () => unbroadcast(tf.neg(d()), at(s, 1).shape) };
    },
  ],
  [
    'Maximum',
    ['a', 'b'],
    [],
    binary(
      (dy, s) => ({
        a: () =>
          unbroadcast(tf.mul(dy, tf.cast(tf.greaterEqual(at(s, 0), at(s, 1)), 'float32')), at(s, 0).shape),
      }),
      (dy, s) => ({
        b: () => unbroadcast(tf.mul(dy, tf.cast(tf.less(at(s, 0), at(s, 1)), 'float32')), at(s, 1).shape),
      }),
    ),
  ],
  [
    'Minimum',
    ['a', 'b'],
    [],
    binary(
      (dy, s) => ({
        a: () =>
          unbroadcast(tf.mul(dy, tf.cast(tf.lessEqual(at(s, 0), at(s, 1)), 'float32')), at(s, 0).shape),
      }),
      (dy, s) => ({
        b: () => unbroadcast(tf.mul(dy, tf.cast(tf.greater(at(s, 0), at(s, 1)), 'float32')), at(s, 1).shape),
      }),
    ),
  ],
  ['Square', ['x'], [], (dy, s) => ({ x: () => tf.mul(dy, tf.mul(at(s, 0), 2)) })],
  ['Abs', ['x'], [], (dy, s) => ({ x: () => tf.mul(dy, tf.sign(at(s, 0))) })],
  ['Sqrt', [], [true], (dy, s) => ({ x: () => tf.div(dy, tf.mul(at(s, 0), 2)) })],
  ['Rsqrt', [], [true], (dy, s) => ({ x: () => tf.mul(dy, tf.mul(tf.pow(at(s, 0), 3), -0.5)) })],
  ['Exp', [], [true], (dy, s) => ({ x: () => tf.mul(dy, at(s, 0)) })],
  ['Log', ['x'], [], (dy, s) => ({ x: () => tf.div(dy, at(s, 0)) })],
  ['Relu', ['x'], [], (dy, s) => ({ x: () => tf.mul(dy, tf.step(at(s, 0))) })],
  ['Sigmoid', [], [true], (dy, s) => ({ x: () => tf.mul(dy, tf.mul(at(s, 0), tf.sub(1, at(s, 0)))) })],
  ['Tanh', [], [true], (dy, s) => ({ x: () => tf.mul(dy, tf.sub(1, tf.square(at(s, 0)))) })],
  [
    'ClipByValue',
    ['x'],
    [],
    (dy, s, attrs) => {
      const x = at(s, 0);
      const inside = tf.logicalAnd(
        tf.greaterEqual(x, attrs.clipValueMin as number),
        tf.lessEqual(x, attrs.clipValueMax as number),
      );
      return { x: () => tf.mul(dy, tf.cast(inside, 'float32')) };
    },
  ],
  [
    'Select',
    ['condition'],
    [],
    (dy, s) => {
      const cond = tf.cast(at(s, 0), 'float32');
      return {
        condition: () => tf.zerosLike(cond),
        t: () => tf.mul(dy, cond),
        e: () => tf.mul(dy, tf.sub(1, cond)),
      };
    },
  ],
  [
    'Softmax',
    [],
    [true],
    (dy, s) => {
      const y = at(s, 0);
      return { logits: () => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), -1, true))) };
    },
  ],
  [
    'Sum',
    ['x'],
    [],
    (dy, s, attrs) => {
      const x = at(s, 0);
      return { x: () => tf.mul(tf.reshape(dy, keptShape(x.shape, attrs.axis)), tf.onesLike(x)) };
    },
  ],
  [
    'Mean',
    ['x'],
    [],
    (dy, s, attrs) => {
      const x = at(s, 0);
      const kept = keptShape(x.shape, attrs.axis);
      const count = x.size / kept.reduce((p, v) => p * v, 1);
      return { x: () => tf.div(tf.mul(tf.reshape(dy, kept), tf.onesLike(x)), count) };
    },
  ],
  [
    'Max',
    ['x'],
    [true],
    (dy, s, attrs) => {
      const x = at(s, 0);
      const kept = keptShape(x.shape, attrs.reductionIndices);
      const hit = tf.cast(tf.equal(x, tf.reshape(at(s, 1), kept)), 'float32');
      return { x: () => tf.mul(hit, tf.reshape(dy, kept)) };
    },
  ],
  [
    'Slice',
    ['x'],
    [],
    (dy, s, attrs) => {
      const x = at(s, 0);
      const [begin, size] = tf.slice_util.parseSliceParams(
        x,
        attrs.begin as number[],
        attrs.size as number[],
      );
      const pads = x.shape.map((dim, i) => {
        const b0 = begin?.[i] ?? 0;
        return [b0, dim - b0 - (size?.[i] ?? 0)] as [number, number];
      });
      return { x: () => tf.pad(dy, pads) };
    },
  ],
  [
    'Concat',
    [],
    [],
    (dy, s, attrs) => {
      const axis = tf.util.parseAxisParam(attrs.axis as number, at(s, 0).shape)[0] ?? 0;
      const parts = tf.split(
        dy,
        s.map((t) => t.shape[axis] ?? 0),
        axis,
      );
      return parts.map((p) => () => p);
    },
  ],
  ['Pack', [], [], (dy, _s, attrs) => tf.unstack(dy, attrs.axis as number).map((p) => () => p)],
  [
    'BatchMatMul',
    ['a', 'b'],
    [],
    (dy, s, attrs) => {
      const a = at(s, 0);
      const b = at(s, 1);
      const ta = attrs.transposeA === true;
      const tb = attrs.transposeB === true;
      // y = A'·B' with A' = ta ? Aᵀ : A, B' = tb ? Bᵀ : B; dA' = dy·B'ᵀ, dB' = A'ᵀ·dy.
      const dA = (): tf.Tensor => {
        const g = ta ? tf.matMul(tb ? T(b) : b, T(dy)) : tf.matMul(dy, tb ? b : T(b));
        return unbroadcast(g, a.shape);
      };
      const dB = (): tf.Tensor => {
        const g = tb ? tf.matMul(T(dy), ta ? T(a) : a) : tf.matMul(ta ? a : T(a), dy);
        return unbroadcast(g, b.shape);
      };
      return { a: dA, b: dB };
    },
  ],
  [
    'GatherV2',
    ['x', 'indices'],
    [],
    (dy, s, attrs) => {
      const x = at(s, 0);
      const indices = at(s, 1);
      if (Number(attrs.axis ?? 0) !== 0 || Number(attrs.batchDims ?? 0) !== 0) {
        throw new Error('gradient of gather is only implemented for axis 0, batchDims 0');
      }
      const rows = indices.size;
      const rest = x.shape.slice(1);
      return {
        x: () => tf.scatterND(tf.reshape(indices, [rows, 1]), tf.reshape(dy, [rows, ...rest]), x.shape),
        indices: () => tf.zeros(indices.shape, 'float32'),
      };
    },
  ],
];

let done = false;

/**
 * Registers the gradients above for every kernel that has none yet. Idempotent and cheap; the model
 * classes call it in their constructors, a training loop that builds its own losses should call it too.
 *
 * @example
 * ```ts
 * ensureGradients();
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2])); // [2, 4]
 * ```
 */
export function ensureGradients(): void {
  if (done) return;
  for (const [kernelName, inputsToSave, outputsToSave, gradFunc] of CONFIGS) {
    if (tf.getGradient(kernelName) !== undefined) continue;
    const saveAll = kernelName === 'Concat';
    tf.registerGradient({
      kernelName,
      inputsToSave,
      outputsToSave,
      saveAllInputs: saveAll,
      gradFunc: gradFunc as unknown as tf.GradConfig['gradFunc'],
    });
  }
  done = true;
}

/** The kernels `ensureGradients` provides gradients for (for documentation and tests). */
export const GRADIENT_KERNELS: readonly string[] = CONFIGS.map((c) => c[0]);
