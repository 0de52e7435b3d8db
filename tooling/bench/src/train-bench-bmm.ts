/**
 * Prototype of a faster batched matMul for the attention scores and context on the wasm backend. There,
 * `BatchMatMul` with a batch > 1 runs tfjs's scalar fallback loop (~1.5–2.7 GFLOP/s); only batch 1
 * reaches XNNPACK. A depthwise convolution (which the wasm backend hands to XNNPACK as a grouped
 * convolution) computes the same products: for `a` `[G, M, K]` and `b` `[G, K, N]`, put the G batch
 * entries in the channels, K in the width, M in the batch: input `[M, 1, K, G]`, filter `[1, K, G, N]`
 * (channel multiplier N), "valid" padding → output `[M, 1, 1, G·N]` = `a·b` laid out `[M, G, N]`. Every
 * output value is the same sum of K products as the matMul's (only the summation order may differ, as
 * between any two matMul kernels).
 *
 * Two forms: `depthwiseBatchMatMul` with tf ops (the proposed patch for packages/train/src/model/
 * fast-ops.ts) and `overrideBatchMatMulKernel`, which swaps the wasm `BatchMatMul` kernel for the same
 * computation so that an unmodified model can be timed with it.
 */
import { type TF, tf } from './train-bench-tf.ts';

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/**
 * `a · b` for `a` `[...batch, M, K]` and `b` `[...batch, K, N]` (equal batch dims) as one depthwise
 * convolution.
 */
export function depthwiseBatchMatMul(a: TF.Tensor, b: TF.Tensor): TF.Tensor {
  return tf.tidy(() => {
    const batch = a.shape.slice(0, -2);
    const m = a.shape[a.rank - 2]!;
    const k = a.shape[a.rank - 1]!;
    const n = b.shape[b.rank - 1]!;
    const g = product(batch);
    const x = tf.reshape(tf.transpose(tf.reshape(a, [g, m, k]), [1, 2, 0]), [m, 1, k, g]) as TF.Tensor4D;
    const f = tf.reshape(tf.transpose(tf.reshape(b, [g, k, n]), [1, 0, 2]), [1, k, g, n]) as TF.Tensor4D;
    const y = tf.depthwiseConv2d(x, f, 1, 'valid');
    return tf.reshape(tf.transpose(tf.reshape(y, [m, g, n]), [1, 0, 2]), [...batch, m, n]);
  });
}

/** Below this many multiply-adds (and for single-row products, as in cached generation) the fixed cost of the transposes and of creating the XNNPACK operator outweighs the gain. */
export const DEPTHWISE_MIN_MACS = 65_536;

/** Whether `depthwiseBatchMatMul` is used: equal batch dims of product > 1, M > 1, enough work. */
export function depthwiseApplies(aShape: readonly number[], bShape: readonly number[]): boolean {
  if (aShape.length < 3 || aShape.length !== bShape.length) return false;
  const batch = aShape.slice(0, -2);
  const g = product(batch);
  const m = aShape[aShape.length - 2]!;
  const macs = g * m * aShape[aShape.length - 1]! * bShape[bShape.length - 1]!;
  return g > 1 && m > 1 && macs >= DEPTHWISE_MIN_MACS && batch.every((s, i) => s === bShape[i]);
}

interface Info {
  dataId: object;
  shape: number[];
  dtype: string;
}

type KernelFn = (args: {
  inputs: Record<string, Info>;
  backend: unknown;
  attrs: Record<string, unknown>;
}) => Info;

/**
 * Replaces the wasm `BatchMatMul` kernel: batched products without transposes go through the depthwise
 * convolution, everything else to the original kernel. Returns a function that restores the original.
 */
export function overrideBatchMatMulKernel(): () => void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transposeK = tf.getKernel('Transpose', 'wasm')?.kernelFunc as unknown as KernelFn | undefined;
  const reshapeK = tf.getKernel('Reshape', 'wasm')?.kernelFunc as unknown as KernelFn | undefined;
  const depthwiseK = tf.getKernel('DepthwiseConv2dNative', 'wasm')?.kernelFunc as unknown as
    | KernelFn
    | undefined;
  if (!original || !transposeK || !reshapeK || !depthwiseK)
    throw new Error('wasm kernels missing: activate wasm first');
  const originalFn = original.kernelFunc as unknown as KernelFn;
  const kernelFunc: KernelFn = (args) => {
    const { a, b } = args.inputs as { a: Info; b: Info };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (transposeA || transposeB || !depthwiseApplies(a.shape, b.shape)) return originalFn(args);
    const backend = args.backend as { disposeData(id: object): void };
    const batch = a.shape.slice(0, -2);
    const m = a.shape[a.shape.length - 2]!;
    const k = a.shape[a.shape.length - 1]!;
    const n = b.shape[b.shape.length - 1]!;
    const g = product(batch);
    const temps: Info[] = [];
    const keep = (info: Info): Info => {
      temps.push(info);
      return info;
    };
    const reshape = (x: Info, shape: number[]) =>
      keep(reshapeK({ inputs: { x }, backend, attrs: { shape } }));
    const transpose = (x: Info, perm: number[]) =>
      keep(transposeK({ inputs: { x }, backend, attrs: { perm } }));
    const x = reshape(transpose(reshape(a, [g, m, k]), [1, 2, 0]), [m, 1, k, g]);
    const f = reshape(transpose(reshape(b, [g, k, n]), [1, 0, 2]), [1, k, g, n]);
    const y = keep(
      depthwiseK({
        inputs: { x, filter: f },
        backend,
        attrs: { strides: [1, 1], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC' },
      }),
    );
    const out = reshapeK({
      inputs: { x: transpose(reshape(y, [m, g, n]), [1, 0, 2]) },
      backend,
      attrs: { shape: [...batch, m, n] },
    });
    for (const t of temps) backend.disposeData(t.dataId);
    return out;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: kernelFunc as never });
  return () => {
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: original.kernelFunc });
  };
}
