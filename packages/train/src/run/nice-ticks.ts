/**
 * Axis helpers for the metrics plot: "nice" tick values (1, 2, 5 × 10^k steps) for linear axes, powers
 * of ten for log axes, and short labels for them.
 */

/** Tick values inside `[min, max]` at a 1/2/5 × 10^k step, about `target` of them. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const step = niceStep((max - min) / Math.max(1, target));
  if (!(step > 0) || !Number.isFinite(step)) return [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last && ticks.length < 50; i++) ticks.push(cleanFloat(i * step));
  return ticks.filter((t) => Number.isFinite(t) && t >= min - step * 1e-6 && t <= max + step * 1e-6);
}

/** The 1, 2 or 5 × 10^k nearest to `raw` (on a log scale, roughly). */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * power;
}

/** Ticks of a log axis over positive `[min, max]`: powers of ten, plus 2× and 5× when there are few. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const decades = hi - lo;
  const stride = Math.max(1, Math.ceil(decades / 8));
  const mantissas = decades <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += stride) {
    for (const m of mantissas) {
      const v = cleanFloat(m * 10 ** e);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

/**
 * A short label for a tick: fixed-point with just enough decimals, or exponent form for the whole axis
 * when its smallest non-zero tick is below 1e-3 or its largest is 1e6 or more (learning rates: `4e-4`).
 */
export function formatTick(value: number, ticks: readonly number[]): string {
  if (value === 0) return '0';
  const sizes = [value, ...ticks].map(Math.abs).filter((v) => v > 0);
  if (Math.min(...sizes) < 1e-3 || Math.max(...sizes) >= 1e6) {
    return trimExponent(value.toExponential(significantDigits(ticks) - 1));
  }
  const spacing = minSpacing(ticks) || Math.abs(value);
  const decimals = Math.min(10, Math.max(0, -Math.floor(Math.log10(spacing) + 1e-9)));
  return value.toFixed(decimals);
}

function significantDigits(ticks: readonly number[]): number {
  let digits = 1;
  for (const t of ticks) {
    if (t === 0) continue;
    const mantissa = t / 10 ** Math.floor(Math.log10(Math.abs(t)));
    const text = String(cleanFloat(mantissa));
    digits = Math.max(digits, text.replace(/[-.]/g, '').replace(/^0+/, '').length);
  }
  return Math.min(digits, 6);
}

function minSpacing(ticks: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < ticks.length; i++) {
    const d = Math.abs(ticks[i]! - ticks[i - 1]!);
    if (d > 0 && (best === 0 || d < best)) best = d;
  }
  return best;
}

function trimExponent(text: string): string {
  return text.replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** Removes binary noise such as 0.30000000000000004. */
function cleanFloat(value: number): number {
  const clean = Number.parseFloat(value.toPrecision(12));
  return Number.isFinite(clean) ? clean : value;
}
