/**
 * Number formatting that reproduces what the Python scripts that wrote `.skels` files printed:
 * `'%.Nf' % v` / `format(v, '.Nf')` and `str(float)`.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';

function assertFinite(value: number): void {
  if (!Number.isFinite(value)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Cannot write ${value} to a .skels file: values must be finite`,
      {
        details: { value },
      },
    );
  }
}

/**
 * Python's `format(value, '.{digits}f')`: correctly rounded from the exact binary value, ties to even,
 * and a minus sign kept on negative zero and on negatives that round to zero (`-0.00000`).
 * `Number.prototype.toFixed` differs only on exact ties (it rounds them up), which this corrects:
 * a double is exactly halfway between two `digits`-decimal numbers iff `|v|·2^(digits+1)` is an odd
 * integer.
 *
 * @example
 * ```ts
 * formatFixed(0.03125, 4); // '0.0312' (toFixed gives '0.0313')
 * formatFixed(-0, 5); // '-0.00000'
 * ```
 */
export function formatFixed(value: number, digits: number): string {
  assertFinite(value);
  const negative = value < 0 || Object.is(value, -0);
  const a = Math.abs(value);
  let s: string;
  if (a >= 1e21) {
    s = BigInt(a).toString() + (digits > 0 ? `.${'0'.repeat(digits)}` : '');
  } else {
    s = a.toFixed(digits);
    const scaled = a * 2 ** (digits + 1);
    if (Number.isInteger(scaled) && scaled % 2 === 1) {
      // Exact tie: the (digits+1)-decimal expansion is exact and ends in 5. Round half to even.
      const exact = a.toFixed(digits + 1);
      const truncated = exact.slice(0, digits === 0 ? -2 : -1);
      const lastDigit = truncated.charCodeAt(truncated.length - 1) - 48;
      s = lastDigit % 2 === 0 ? truncated : incrementLastDigit(truncated);
    }
  }
  return negative ? `-${s}` : s;
}

/** Adds one unit in the last place to a non-negative decimal string, carrying through nines. */
function incrementLastDigit(text: string): string {
  const chars = text.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (c === '.') continue;
    if (c !== '9') {
      chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return `1${chars.join('')}`;
}

/**
 * Python's `str(float)` / `repr(float)`: the shortest digits that round-trip, positional for decimal
 * exponents −4..15 with at least one fractional digit (`1.0`), otherwise scientific with a signed,
 * at least two-digit exponent (`3e-05`, `1e+16`).
 *
 * @example
 * ```ts
 * formatPythonFloat(1); // '1.0'
 * formatPythonFloat(0.00003); // '3e-05'
 * ```
 */
export function formatPythonFloat(value: number): string {
  assertFinite(value);
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${head}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

/**
 * Python's `round(value, digits)`: the double nearest to the correctly rounded (ties to even)
 * `digits`-decimal value.
 *
 * @example
 * ```ts
 * roundPython(1 / 150, 5); // 0.00667
 * ```
 */
export function roundPython(value: number, digits: number): number {
  return Number(formatFixed(value, digits));
}
