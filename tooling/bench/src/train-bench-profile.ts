/**
 * Kernel-time breakdown of one call under `tf.profile`: kernel times summed by kernel name and by kernel
 * name + input shapes, plus the share of the wall time that no kernel accounts for (JS work between
 * kernels: batch tensors, dropout masks, `dataSync`, bookkeeping).
 */
import { performance } from 'node:perf_hooks';
import { tf } from './train-bench-tf.ts';

/** One aggregated row. */
export interface KernelRow {
  key: string;
  ms: number;
  calls: number;
}

/** What `profileCall` found. */
export interface Breakdown {
  wallMs: number;
  /** Sum of the leaf kernel times (custom-gradient scopes, which contain other kernels, excluded). */
  kernelMs: number;
  kernels: number;
  byName: KernelRow[];
  byShape: KernelRow[];
  /** `BatchMatMul` split into 2-D products (batch 1: XNNPACK) and batched ones (batch > 1). */
  matMul: { flat: MatMulShare; batched: MatMulShare };
}

/** Time and FLOPs of a group of `BatchMatMul` calls. */
export interface MatMulShare {
  ms: number;
  flops: number;
  calls: number;
}

/** Kernel records of `tf.customGrad` scopes: their time includes the kernels they ran. */
const SCOPE = 'unnamed scope';

/** FLOPs of a `BatchMatMul` (no transposes) from its input shapes. */
function matMulFlops(a: number[], b: number[]): number {
  const batch = a.slice(0, -2).reduce((x, y) => x * y, 1);
  return 2 * batch * a[a.length - 2]! * a[a.length - 1]! * b[b.length - 1]!;
}

function aggregate(rows: Array<{ key: string; ms: number }>): KernelRow[] {
  const map = new Map<string, KernelRow>();
  for (const { key, ms } of rows) {
    const row = map.get(key) ?? { key, ms: 0, calls: 0 };
    row.ms += ms;
    row.calls++;
    map.set(key, row);
  }
  return [...map.values()].sort((a, b) => b.ms - a.ms);
}

/** Runs `fn` once under `tf.profile` and aggregates its kernel times. */
export async function profileCall(fn: () => unknown): Promise<Breakdown> {
  const t0 = performance.now();
  const info = await tf.profile(() => {
    fn();
    return [];
  });
  const wallMs = performance.now() - t0;
  const flat: MatMulShare = { ms: 0, flops: 0, calls: 0 };
  const batched: MatMulShare = { ms: 0, flops: 0, calls: 0 };
  const rows = info.kernels
    .filter((k) => k.name !== SCOPE)
    .map((k) => {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const shapes = k.inputShapes.map((s) => `[${s.join(',')}]`).join(' ');
      if (k.name === 'BatchMatMul' && k.inputShapes.length === 2) {
        const [a, b] = k.inputShapes as [number[], number[]];
        const share = a.slice(0, -2).reduce((x, y) => x * y, 1) > 1 ? batched : flat;
        share.ms += ms;
        share.flops += matMulFlops(a, b);
        share.calls++;
      }
      return { name: k.name, shapes, ms };
    });
  return {
    wallMs,
    kernelMs: rows.reduce((s, r) => s + r.ms, 0),
    kernels: rows.length,
    byName: aggregate(rows.map((r) => ({ key: r.name, ms: r.ms }))),
    byShape: aggregate(rows.map((r) => ({ key: `${r.name} ${r.shapes}`, ms: r.ms }))),
    matMul: { flat, batched },
  };
}

/** A printable table of a breakdown (top `n` rows of each view). */
export function formatBreakdown(title: string, b: Breakdown, n = 12): string {
  const pct = (ms: number) => `${((100 * ms) / b.wallMs).toFixed(1).padStart(5)} %`;
  const share = (name: string, m: MatMulShare) =>
    `    ${name}: ${m.ms.toFixed(0)} ms (${pct(m.ms).trim()}), ${m.calls} calls, ${(m.flops / 1e9).toFixed(2)} GFLOP → ${(m.flops / m.ms / 1e6).toFixed(2)} GFLOP/s`;
  const lines = [
    `${title}: wall ${b.wallMs.toFixed(0)} ms under tf.profile, kernels ${b.kernelMs.toFixed(0)} ms (${b.kernels} kernel calls), outside kernels ${(b.wallMs - b.kernelMs).toFixed(0)} ms (${pct(b.wallMs - b.kernelMs).trim()})`,
    '  BatchMatMul kernels:',
    share('2-D (batch 1, XNNPACK)', b.matMul.flat),
    share('batched (batch > 1)   ', b.matMul.batched),
    '  by kernel:',
    ...b.byName
      .slice(0, n)
      .map((r) => `    ${r.key.padEnd(28)} ${r.ms.toFixed(1).padStart(9)} ms ${pct(r.ms)}  ${r.calls} calls`),
    '  by kernel and input shapes:',
    ...b.byShape
      .slice(0, n)
      .map((r) => `    ${r.key.padEnd(60)} ${r.ms.toFixed(1).padStart(9)} ms ${pct(r.ms)}  ${r.calls} calls`),
  ];
  return lines.join('\n');
}
