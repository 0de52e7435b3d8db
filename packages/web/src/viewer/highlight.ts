/**
 * Which gloss (or word) is being signed at each frame. A model gives no alignment, but its progress
 * counter (≈ 0 at the first frame, ≈ 1 at the last) says how far through the sentence a frame is, so
 * label i covers the frames whose progress is in [i/n, (i+1)/n). Without counters (a `.pose` file),
 * labels share the frames evenly.
 */

/** A label and the frames `[start, end)` it covers. */
export interface GlossSpan {
  label: string;
  start: number;
  end: number;
}

/** The glosses of LangGloss tokens (`<ase> SKY <ase> BLUE` or a token array): language tags dropped. */
export function glossLabels(langGloss: string | readonly string[]): string[] {
  const tokens = typeof langGloss === 'string' ? langGloss.split(/\s+/) : langGloss;
  return tokens.filter((t) => t.length > 0 && !/^<[^<>]*>$/.test(t));
}

/** The words of a text, with punctuation at their ends removed; empty words dropped. */
export function wordLabels(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

/** Spans that share `frames` frames evenly among `labels`, in order. */
export function evenSpans(labels: readonly string[], frames: number): GlossSpan[] {
  const n = labels.length;
  return labels.map((label, i) => ({
    label,
    start: Math.round((i * frames) / n),
    end: Math.round(((i + 1) * frames) / n),
  }));
}

/** Options of `counterSpans`. */
export interface CounterSpanOptions {
  /**
   * The generation is finished: progress is rescaled so the first frame is 0 and the highest counter 1
   * (a sentence is always signed whole). Unfinished (streaming): counters are read as-is, clamped to [0, 1].
   */
  complete: boolean;
}

/**
 * Spans from the model's progress counters: frame f belongs to label ⌊p·n⌋ where p is the running
 * maximum of the counters up to f (so spans are contiguous and in order). Falls back to `evenSpans`
 * for a finished generation whose counters barely move (< 0.05), which carry no timing.
 */
export function counterSpans(
  labels: readonly string[],
  counters: ArrayLike<number>,
  options: CounterSpanOptions,
): GlossSpan[] {
  const n = labels.length;
  const frames = counters.length;
  if (n === 0) return [];
  const progress = new Float64Array(frames);
  let max = -Infinity;
  for (let f = 0; f < frames; f++) {
    const c = counters[f]!;
    if (Number.isFinite(c) && c > max) max = c;
    progress[f] = max;
  }
  let lo = 0;
  let hi = 1;
  if (options.complete) {
    const first = frames > 0 && Number.isFinite(progress[0]!) ? progress[0]! : 0;
    if (!(max - first >= 0.05)) return evenSpans(labels, frames);
    lo = first;
    hi = max;
  }
  const spans = labels.map((label) => ({ label, start: frames, end: frames }));
  let current = -1;
  for (let f = 0; f < frames; f++) {
    const p = Number.isFinite(progress[f]!) ? (progress[f]! - lo) / (hi - lo) : 0;
    const i = Math.min(n - 1, Math.max(0, Math.floor(p * n + 1e-9)));
    if (i !== current) {
      for (let k = current + 1; k <= i; k++) spans[k]!.start = f;
      if (current >= 0) spans[current]!.end = f;
      current = i;
    }
  }
  if (current >= 0) spans[current]!.end = frames;
  // Labels never reached start and end where the covered frames end (empty spans).
  for (let k = current + 1; k < n; k++) spans[k]!.start = frames;
  return spans;
}

/** Index of the span that covers `frame`, or −1 (binary search; spans in order). */
export function spanAt(spans: readonly GlossSpan[], frame: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (frame < s.start) hi = mid - 1;
    else if (frame >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
