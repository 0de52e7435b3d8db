/**
 * Human-readable rendering of an `InspectSummary` for the terminal.
 */
import type { InspectSummary, SequenceSummary } from './inspect-summary.ts';

const MAX_ROWS = 10;

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function range(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `min ${sorted[0]}, median ${median}, max ${sorted[sorted.length - 1]}`;
}

/**
 * Formats a summary as an aligned block of text.
 *
 * @example
 * ```ts
 * console.log(formatSummary(await inspectPath('clip.pose')));
 * ```
 */
export function formatSummary(s: InspectSummary): string {
  const lines: string[] = [s.path];
  const row = (k: string, v: string | number) => lines.push(`  ${k.padEnd(10)} ${v}`);
  row(
    'format',
    s.version ? `${s.format} ${s.format === 'pose' ? `v${s.version}` : `(${s.version})`}` : s.format,
  );
  row('skeleton', s.skeleton);
  row('bytes', s.bytes.toLocaleString('en-US'));
  row('sequences', s.sequences.length);
  const seqs = s.sequences;
  const first = seqs[0];
  if (!first) return lines.join('\n');
  const frames = seqs.map((q) => q.frames);
  const total = frames.reduce((a, b) => a + b, 0);
  row('frames', seqs.length === 1 ? describeFrames(first) : `${total} in all (${range(frames)})`);
  row('joints', unique(seqs.map((q) => q.joints)));
  row('dims', unique(seqs.map((q) => q.dims)));
  const fps = seqs.map((q) => q.fps).filter((f): f is number => f !== undefined);
  row('fps', fps.length ? unique(fps) : 'not stored in this format');
  if (first.people !== undefined) row('people', first.people);
  if (seqs.length > 1 || first.text !== undefined || first.gloss !== undefined) {
    lines.push('');
    for (const q of seqs.slice(0, MAX_ROWS)) {
      const label = q.text ?? q.gloss ?? '';
      lines.push(
        `  ${clip(q.id ?? '', 44).padEnd(44)} ${String(q.frames).padStart(6)} frames  ${clip(label, 60)}`,
      );
    }
    if (seqs.length > MAX_ROWS) lines.push(`  … and ${seqs.length - MAX_ROWS} more (use --json for all)`);
  }
  return lines.join('\n');
}

function describeFrames(q: SequenceSummary): string {
  return q.fps ? `${q.frames} (${(q.frames / q.fps).toFixed(2)} s at ${q.fps} fps)` : String(q.frames);
}

function unique(values: number[]): string {
  const set = [...new Set(values.map((v) => Math.round(v * 1000) / 1000))];
  return set.length === 1 ? String(set[0]) : set.join(', ');
}
