/**
 * `bleu` and `bleu1to4`: corpus-level BLEU with sacreBLEU's (2.x) defaults — `13a` tokenisation,
 * case-sensitive, `exp` smoothing, closest reference length, no effective order — written from its
 * documented algorithm. Back-translation BLEU-1..4 of sign-language production papers (digest §7.1).
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { assertSameLength } from './input-checks.ts';
import { rstripWhitespace, splitWhitespace, tokenize13a, tokenizeIntl } from './tokenize-13a.ts';

/** Tokenizers: sacreBLEU's `13a` (default), `intl`, or `none` (whitespace split only). */
export type BleuTokenizer = '13a' | 'intl' | 'none';
/** sacreBLEU smoothing methods; `exp` is its default. */
export type BleuSmoothing = 'exp' | 'none' | 'floor' | 'add-k';

/** Options of `bleu`. Defaults are sacreBLEU's `corpus_bleu` defaults. */
export interface BleuOptions {
  /** Highest n-gram order; the score is the geometric mean of precisions 1..maxOrder. Default 4. */
  maxOrder?: 1 | 2 | 3 | 4;
  /** Default `'13a'`. */
  tokenize?: BleuTokenizer;
  /** Lower-case (JavaScript `toLowerCase`) before tokenising. Default false. */
  lowercase?: boolean;
  /** Default `'exp'`. */
  smooth?: BleuSmoothing;
  /** Value for `floor` (default 0.1) and `add-k` (default 1). */
  smoothValue?: number;
  /**
   * How a `string[][]` of references is indexed: `'per-hypothesis'` (default) = `references[i]` lists
   * the references of hypothesis i (any number ≥ 1); `'streams'` = sacreBLEU's layout,
   * `references[k][i]` is the k-th reference of hypothesis i.
   */
  referenceLayout?: 'per-hypothesis' | 'streams';
}

/** BLEU and its sufficient statistics, as sacreBLEU's `BLEUScore` reports them. */
export interface BleuResult {
  /** BLEU, 0–100. */
  score: number;
  /** Smoothed n-gram precisions in percent (0–100), orders 1..maxOrder. */
  precisions: number[];
  /** Brevity penalty: exp(1 − refLen/sysLen) when sysLen < refLen, else 1 (0 when sysLen is 0). */
  bp: number;
  /** Hypothesis tokens in the corpus. */
  sysLen: number;
  /** Sum over segments of the reference length closest to the hypothesis length (ties: shorter). */
  refLen: number;
  /** Clipped n-gram matches per order (before any add-k smoothing). */
  counts: number[];
  /** Hypothesis n-grams per order (before any add-k smoothing). */
  totals: number[];
}

/** Cumulative BLEU-1..4 (uniform weights over orders 1..n), each 0–100. */
export interface Bleu1to4 {
  bleu1: number;
  bleu2: number;
  bleu3: number;
  bleu4: number;
}

const TOKENIZERS: Record<BleuTokenizer, (line: string) => string[]> = {
  '13a': tokenize13a,
  intl: tokenizeIntl,
  none: splitWhitespace,
};
const SMOOTHING: readonly BleuSmoothing[] = ['exp', 'none', 'floor', 'add-k'];
/** sacreBLEU's `my_log(0)`. */
const LOG_ZERO = -9999999999;

interface CorpusStats {
  sysLen: number;
  refLen: number;
  counts: number[];
  totals: number[];
}

function fail(message: string): never {
  throw new SignLLMError(ERROR_CODES.invalidArgument, message);
}

function referencesPerHypothesis(
  hypotheses: readonly string[],
  references: readonly string[] | readonly string[][],
  layout: 'per-hypothesis' | 'streams',
): string[][] {
  if (!Array.isArray(hypotheses)) fail('hypotheses must be an array of strings');
  if (!Array.isArray(references)) fail('references must be an array');
  if (layout === 'streams') {
    if (references.length === 0) fail('references: streams layout needs at least one stream');
    return hypotheses.map((_, i) =>
      references.map((stream, k) => {
        if (!Array.isArray(stream)) fail(`references stream ${k} is not an array of strings`);
        assertSameLength(hypotheses, stream, `BLEU (reference stream ${k})`);
        return stream[i] as string;
      }),
    );
  }
  assertSameLength(hypotheses, references, 'BLEU');
  return references.map((r, i) => {
    const list = typeof r === 'string' ? [r] : r;
    if (!Array.isArray(list) || list.length === 0)
      fail(`references[${i}] must be a string or a non-empty string[]`);
    return list;
  });
}

/** N-gram counts per order: `result[n - 1]` maps "w1 w2 … wn" to its count (tokens hold no space). */
function ngramCounts(tokens: readonly string[], maxOrder: number): Map<string, number>[] {
  const orders: Map<string, number>[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = tokens.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    orders.push(counts);
  }
  return orders;
}

function corpusStats(
  hypotheses: readonly string[],
  refs: string[][],
  options: BleuOptions,
  maxOrder: number,
): CorpusStats {
  const tokenize = TOKENIZERS[options.tokenize ?? '13a'];
  const prepare = (line: unknown, what: string): string[] => {
    if (typeof line !== 'string') fail(`${what} must be a string, got ${typeof line}`);
    const text = options.lowercase === true ? line.toLowerCase() : line;
    return tokenize(rstripWhitespace(text));
  };
  const stats: CorpusStats = {
    sysLen: 0,
    refLen: 0,
    counts: new Array<number>(maxOrder).fill(0),
    totals: new Array<number>(maxOrder).fill(0),
  };
  hypotheses.forEach((hypothesis, i) => {
    const hyp = prepare(hypothesis, `hypotheses[${i}]`);
    const maxRef = Array.from({ length: maxOrder }, () => new Map<string, number>());
    let closest = -1;
    refs[i]!.forEach((reference, k) => {
      const ref = prepare(reference, `reference ${k} of hypothesis ${i}`);
      const diff = Math.abs(hyp.length - ref.length);
      const best = Math.abs(hyp.length - closest);
      if (closest < 0 || diff < best || (diff === best && ref.length < closest)) closest = ref.length;
      ngramCounts(ref, maxOrder).forEach((counts, n) => {
        const into = maxRef[n]!;
        for (const [key, c] of counts) into.set(key, Math.max(into.get(key) ?? 0, c));
      });
    });
    stats.sysLen += hyp.length;
    stats.refLen += closest;
    ngramCounts(hyp, maxOrder).forEach((counts, n) => {
      for (const [key, c] of counts) {
        stats.totals[n]! += c;
        stats.counts[n]! += Math.min(c, maxRef[n]!.get(key) ?? 0);
      }
    });
  });
  return stats;
}

/** sacreBLEU's `compute_bleu` with `effective_order=False`, over orders 1..maxOrder of `stats`. */
function scoreFromStats(
  stats: CorpusStats,
  maxOrder: number,
  smooth: BleuSmoothing,
  smoothValue: number,
): BleuResult {
  const { sysLen, refLen } = stats;
  const counts = stats.counts.slice(0, maxOrder);
  const totals = stats.totals.slice(0, maxOrder);
  let bp = 1;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
  const precisions = new Array<number>(maxOrder).fill(0);
  const base = { precisions, bp, sysLen, refLen, counts, totals };
  if (!counts.some((c) => c > 0)) return { score: 0, ...base };
  let smoothMteval = 1;
  for (let n = 1; n <= maxOrder; n++) {
    let correct = counts[n - 1]!;
    let total = totals[n - 1]!;
    if (smooth === 'add-k' && n > 1) {
      correct += smoothValue;
      total += smoothValue;
    }
    if (total === 0) break;
    if (correct === 0) {
      if (smooth === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total);
      } else if (smooth === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / total;
      }
    } else {
      precisions[n - 1] = (100 * correct) / total;
    }
  }
  const logSum = precisions.reduce((acc, p) => acc + (p === 0 ? LOG_ZERO : Math.log(p)), 0);
  return { score: bp * Math.exp(logSum / maxOrder), ...base };
}

function checkedOptions(options: BleuOptions): { smooth: BleuSmoothing; smoothValue: number } {
  if (options.tokenize !== undefined && !(options.tokenize in TOKENIZERS)) {
    fail(
      `tokenize must be ${formatOptions(Object.keys(TOKENIZERS))}, got ${JSON.stringify(options.tokenize)}`,
    );
  }
  const smooth = options.smooth ?? 'exp';
  if (!SMOOTHING.includes(smooth))
    fail(`smooth must be ${formatOptions(SMOOTHING)}, got ${JSON.stringify(smooth)}`);
  const smoothValue = options.smoothValue ?? (smooth === 'add-k' ? 1 : 0.1);
  if (!Number.isFinite(smoothValue) || smoothValue < 0)
    fail(`smoothValue must be a finite number ≥ 0, got ${smoothValue}`);
  const layout = options.referenceLayout;
  if (layout !== undefined && layout !== 'per-hypothesis' && layout !== 'streams') {
    fail(`referenceLayout must be "per-hypothesis" or "streams", got ${JSON.stringify(layout)}`);
  }
  return { smooth, smoothValue };
}

/**
 * Corpus BLEU of `hypotheses` against `references` (one string per hypothesis, or several), matching
 * sacreBLEU 2.x `corpus_bleu` with the same settings: n-gram matches clipped by the maximum count in
 * any one reference, summed over the corpus; brevity penalty from the per-segment closest reference
 * lengths; `exp` smoothing gives an order with 0 matches the precision 1 / (2^k · total), k counting
 * such orders; an order with no hypothesis n-grams at all makes the score 0.
 *
 * @example
 * ```ts
 * bleu(['The dog bit the man.'], ['The dog bit the man.']).score; // 100
 * bleu(hyps, [[refA1, refB1], [refA2, refB2]]); // two references per hypothesis
 * ```
 */
export function bleu(
  hypotheses: readonly string[],
  references: readonly string[] | readonly string[][],
  options: BleuOptions = {},
): BleuResult {
  const maxOrder = options.maxOrder ?? 4;
  if (![1, 2, 3, 4].includes(maxOrder)) fail(`maxOrder must be 1, 2, 3 or 4, got ${String(maxOrder)}`);
  const { smooth, smoothValue } = checkedOptions(options);
  const refs = referencesPerHypothesis(hypotheses, references, options.referenceLayout ?? 'per-hypothesis');
  return scoreFromStats(corpusStats(hypotheses, refs, options, maxOrder), maxOrder, smooth, smoothValue);
}

/**
 * BLEU-1, -2, -3 and -4 as sign-language production papers report them: cumulative BLEU with
 * maximum order n and uniform weights (what `bleu(h, r, { ...options, maxOrder: n }).score` gives).
 * Defaults are sacreBLEU's; `{ tokenize: 'none', smooth: 'none' }` reproduces the `raw_corpus_bleu`
 * (sacreBLEU 1.4.2, floor 0) of the SLT back-translation code that Progressive Transformers ships.
 *
 * @example
 * ```ts
 * const { bleu1, bleu4 } = bleu1to4(backTranslations, sourceSentences);
 * ```
 */
export function bleu1to4(
  hypotheses: readonly string[],
  references: readonly string[] | readonly string[][],
  options: Omit<BleuOptions, 'maxOrder'> = {},
): Bleu1to4 {
  const { smooth, smoothValue } = checkedOptions(options);
  const refs = referencesPerHypothesis(hypotheses, references, options.referenceLayout ?? 'per-hypothesis');
  const stats = corpusStats(hypotheses, refs, options, 4);
  const at = (n: number): number => scoreFromStats(stats, n, smooth, smoothValue).score;
  return { bleu1: at(1), bleu2: at(2), bleu3: at(3), bleu4: at(4) };
}
