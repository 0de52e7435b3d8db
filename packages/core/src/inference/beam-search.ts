/**
 * The bookkeeping of beam search with the GNMT length penalty, independent of what computes the
 * log-probabilities: the TensorFlow.js token model of @signllm/train and the ONNX decoding loop here
 * both drive this one implementation, so both search exactly alike.
 *
 * Score = log P / ((5 + |Y|) / 6)^α with |Y| counting `</s>`. Each step keeps the `beamSize` best
 * extensions (equal scores keep their visiting order); those ending in `</s>` leave the beam (so it
 * narrows, as in JoeyNMT). The search ends when no live hypothesis can still beat the best ended one
 * (log-probabilities only lower a live score and the penalty grows with length, so a live hypothesis
 * can at best reach score / penalty(maxLength)), when none is left, or after `maxLength` steps (then
 * the live ones compete too). With `beamSize` 1 it is greedy decoding.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { BOS_ID, EOS_ID } from '../tokenizers/special-tokens.ts';

/** Options of `BeamSearch`. */
export interface BeamSearchOptions {
  /** Hypotheses kept per step, 1–256. */
  beamSize: number;
  /** Most tokens (steps). */
  maxLength: number;
  /** GNMT α (default 0.6). */
  lengthPenalty?: number;
}

interface Hypothesis {
  tokens: number[];
  score: number;
}

interface Candidate {
  score: number;
  parent: number;
  token: number;
}

function invalid(message: string): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, `beam search: ${message}`);
}

function checkCount(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(`${name} must be an integer in [1, ${max}], got ${String(value)}`);
  }
  return value;
}

/**
 * One beam search. Per step: `lastTokens()` are the inputs of the live hypotheses; feed their
 * log-probabilities to `advance`, which returns the parent row of each surviving hypothesis (reorder
 * any per-hypothesis cache by it) or `undefined` when the search is over; then `result()`.
 *
 * @example
 * ```ts
 * const search = new BeamSearch({ beamSize: 4, maxLength: 40 });
 * for (let step = 0; step < 40; step++) {
 *   const parents = search.advance(logProbabilities(search.lastTokens(), step), vocab);
 *   if (!parents) break;
 *   cache = selectRows(cache, parents);
 * }
 * search.result(); // token ids without </s>
 * ```
 */
export class BeamSearch {
  readonly beamSize: number;
  readonly maxLength: number;
  readonly #alpha: number;
  #alive: Hypothesis[] = [{ tokens: [], score: 0 }];
  readonly #finished: Array<{ tokens: number[]; norm: number }> = [];
  #steps = 0;
  #done = false;

  constructor(options: BeamSearchOptions) {
    this.beamSize = checkCount('beamSize', options.beamSize, 256);
    this.maxLength = checkCount('maxLength', options.maxLength, 1_000_000);
    const alpha = options.lengthPenalty ?? 0.6;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
      throw invalid(`lengthPenalty must be a finite number ≥ 0, got ${String(alpha)}`);
    }
    this.#alpha = alpha;
  }

  #penalty(length: number): number {
    return ((5 + length) / 6) ** this.#alpha;
  }

  /** The last token of each live hypothesis (`<s>` before the first step). */
  lastTokens(): number[] {
    return this.#alive.map((h) => h.tokens[h.tokens.length - 1] ?? BOS_ID);
  }

  /**
   * Takes the log-probabilities (`lastTokens().length` × `vocab`, row-major) of the next token and
   * advances one step. Returns the parent row of each new live hypothesis, or `undefined` when the
   * search has ended.
   */
  advance(logp: ArrayLike<number>, vocab: number): number[] | undefined {
    if (this.#done) throw invalid('the search has ended');
    const n = this.#alive.length;
    if (!Number.isInteger(vocab) || vocab < 1 || logp.length !== n * vocab) {
      throw invalid(`expected ${n} × ${vocab} log-probabilities, got ${logp.length}`);
    }
    const next: Hypothesis[] = [];
    const parents: number[] = [];
    for (const c of this.#topK(logp, vocab)) {
      const tokens = this.#alive[c.parent]?.tokens ?? [];
      if (c.token === EOS_ID)
        this.#finished.push({ tokens, norm: c.score / this.#penalty(tokens.length + 1) });
      else {
        next.push({ tokens: [...tokens, c.token], score: c.score });
        parents.push(c.parent);
      }
    }
    this.#steps++;
    const bestFinished = this.#finished.reduce((m, f) => Math.max(m, f.norm), -Infinity);
    const bestPossible = next.reduce(
      (m, h) => Math.max(m, h.score / this.#penalty(this.maxLength)),
      -Infinity,
    );
    if (next.length === 0 || bestFinished >= bestPossible) {
      this.#done = true;
      return undefined;
    }
    this.#alive = next;
    if (this.#steps === this.maxLength) {
      for (const h of next)
        this.#finished.push({ tokens: h.tokens, norm: h.score / this.#penalty(h.tokens.length) });
      this.#done = true;
      return undefined;
    }
    return parents;
  }

  /** The `beamSize` best (parent, token) extensions, best first; equal scores keep their visiting order. */
  #topK(logp: ArrayLike<number>, v: number): Candidate[] {
    const k = this.beamSize;
    const top: Candidate[] = [];
    for (let i = 0; i < this.#alive.length; i++) {
      const base = this.#alive[i]?.score ?? 0;
      for (let j = 0; j < v; j++) {
        const score = base + (logp[i * v + j] ?? -Infinity);
        if (top.length === k && score <= (top[k - 1]?.score ?? -Infinity)) continue;
        let at = top.length;
        while (at > 0 && score > (top[at - 1]?.score ?? -Infinity)) at--;
        top.splice(at, 0, { score, parent: i, token: j });
        if (top.length > k) top.pop();
      }
    }
    return top;
  }

  /** The best ended hypothesis (token ids without `</s>`); `[]` when none ended. */
  result(): number[] {
    let best = this.#finished[0];
    for (const f of this.#finished) if (best === undefined || f.norm > best.norm) best = f;
    return best?.tokens ?? [];
  }
}
