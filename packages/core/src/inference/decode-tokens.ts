/**
 * Token decoding over a Prompt2LangGloss bundle's text → LangGloss graphs: greedy and beam search with
 * the GNMT length penalty, ported from `TokenTransformer.greedy` / `beam` of `@signllm/train` so that the
 * exported graphs decode exactly as the trained model did. Each step feeds the last token of every live
 * hypothesis (`tokens` `[n, 1]`) with the self-attention cache; log-probabilities are computed here in
 * float64 from the float32 logits. Beam search reorders the cache rows along the batch axis when
 * hypotheses change; the encoder's cross tensors stay batch 1 and broadcast.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { Text2GlossDecoding } from '../schemas/bundle-decoding.ts';
import { EOS_ID } from '../tokenizers/special-tokens.ts';
import { BeamSearch } from './beam-search.ts';
import {
  type CacheShape,
  cacheShape,
  checkSourceIds,
  type EncodedSource,
  emptyPast,
  encodeSource,
  type Feeds,
  pastFromPresent,
  selectCacheRows,
} from './decoder-cache.ts';
import { checkAborted, floatOutput, runSession } from './run-session.ts';
import { type InferenceSession, int64Tensor } from './runtime.ts';
import type { AbortSignalLike } from './web-types.ts';

/** The text → LangGloss encoder and decoder-step sessions. */
export interface TokenSessions {
  encoder: InferenceSession;
  step: InferenceSession;
}

/** Options of `decodeTokensGreedy`. */
export interface DecodeTokensOptions {
  /** `decoding.text2gloss` of the bundle. */
  decoding: Text2GlossDecoding;
  /** Most tokens produced (default and maximum: `decoding.maxLength`). */
  maxLength?: number;
  /** Checked before each step; when aborted the promise rejects with `aborted`. */
  signal?: AbortSignalLike;
}

/** Options of `decodeTokensBeam`. */
export interface DecodeTokensBeamOptions extends DecodeTokensOptions {
  /** Hypotheses kept per step, 1 to 256 (1 gives the greedy result). */
  beamSize: number;
  /** GNMT α of the length penalty ((5 + |Y|) / 6)^α, |Y| counting `</s>` (default 0.6). */
  lengthPenalty?: number;
}

const LABEL = 'text → LangGloss';

interface Decoder {
  sessions: TokenSessions;
  encoded: EncodedSource;
  shape: CacheShape;
  past: Feeds;
  vocab: number | undefined;
  signal: AbortSignalLike | undefined;
}

function invalid(message: string): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, `${LABEL}: ${message}`);
}

function checkDecoding(options: DecodeTokensOptions): void {
  if (typeof options?.decoding !== 'object' || options.decoding === null) {
    throw invalid("options.decoding (the bundle's decoding.text2gloss) is required");
  }
}

function checkCount(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(`${name} must be an integer in [1, ${max}], got ${String(value)}`);
  }
  return value;
}

async function start(
  sessions: TokenSessions,
  sourceIds: readonly number[],
  options: DecodeTokensOptions,
): Promise<Decoder> {
  checkSourceIds(sourceIds, options.decoding.maxSourceLength, undefined, LABEL);
  checkAborted(options.signal, LABEL);
  const shape = cacheShape(options.decoding);
  const encoded = await encodeSource(sessions.encoder, sourceIds, shape, `${LABEL} encoder`);
  return { sessions, encoded, shape, past: emptyPast(shape, 1), vocab: undefined, signal: options.signal };
}

/** Log-softmax of each of the `n` rows of `logits` (n × v), in float64. */
function logSoftmax(logits: Float32Array, n: number, v: number): Float64Array {
  const out = new Float64Array(n * v);
  for (let r = 0; r < n; r++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < v; j++) max = Math.max(max, logits[r * v + j] ?? Number.NaN);
    let sum = 0;
    for (let j = 0; j < v; j++) sum += Math.exp((logits[r * v + j] ?? Number.NaN) - max);
    const log = Math.log(sum);
    for (let j = 0; j < v; j++) out[r * v + j] = (logits[r * v + j] ?? Number.NaN) - max - log;
  }
  return out;
}

/** One cached step for the live hypotheses ending in `tokens`: log-probabilities `n × V`. */
async function step(d: Decoder, tokens: readonly number[], position: number): Promise<Float64Array> {
  checkAborted(d.signal, LABEL);
  const n = tokens.length;
  const feeds: Feeds = {
    tokens: int64Tensor(tokens, [n, 1]),
    source_mask: d.encoded.sourceMask,
    ...d.past,
    ...d.encoded.cross,
  };
  const label = `${LABEL} decoder step`;
  const outputs = await runSession(d.sessions.step, feeds, label);
  const logits = floatOutput(outputs, 'logits', [n, 1, d.vocab ?? -1], label);
  const v = logits.dims[2] ?? 0;
  if (v <= EOS_ID) throw new SignLLMError(ERROR_CODES.inferenceFailed, `${label}: logits over ${v} tokens`);
  d.vocab = v;
  d.past = pastFromPresent(outputs, d.shape, n, position + 1, label);
  return logSoftmax(logits.data, n, v);
}

/**
 * Greedy decoding: the most likely token each step, until `</s>` or `maxLength` tokens.
 *
 * @returns the token ids, without `</s>`.
 * @throws SignLLMError `invalid_argument`, `input_empty` / `input_too_long` / `token_out_of_vocabulary`
 *   for bad source ids, `aborted`, `inference_failed`.
 * @example
 * ```ts
 * const ids = await decodeTokensGreedy({ encoder, step }, [17, 5, 3], { decoding: manifest.decoding.text2gloss });
 * langGlossTokenizer.decode(ids); // '<ase> HOUSE <ase> BIG'
 * ```
 */
export async function decodeTokensGreedy(
  sessions: TokenSessions,
  sourceIds: readonly number[],
  options: DecodeTokensOptions,
): Promise<number[]> {
  // A beam of one is greedy decoding: the best token each step (ties to the lower id), ending at </s>.
  return decodeTokensBeam(sessions, sourceIds, { ...options, beamSize: 1 });
}

/**
 * Beam search with the GNMT length penalty over the text → LangGloss graphs (the search itself:
 * `BeamSearch`). `beamSize` 1 returns what `decodeTokensGreedy` returns.
 *
 * @returns the token ids of the best hypothesis, without `</s>`.
 * @throws SignLLMError as `decodeTokensGreedy`.
 * @example
 * ```ts
 * const ids = await decodeTokensBeam(sessions, [17, 5, 3], { decoding, beamSize: 5 });
 * ```
 */
export async function decodeTokensBeam(
  sessions: TokenSessions,
  sourceIds: readonly number[],
  options: DecodeTokensBeamOptions,
): Promise<number[]> {
  checkDecoding(options);
  const maxLength = checkCount(
    'maxLength',
    options.maxLength ?? options.decoding.maxLength,
    options.decoding.maxLength,
  );
  const search = new BeamSearch({
    beamSize: options.beamSize,
    maxLength,
    ...(options.lengthPenalty === undefined ? {} : { lengthPenalty: options.lengthPenalty }),
  });
  const d = await start(sessions, sourceIds, options);
  for (let position = 0; position < maxLength; position++) {
    const last = search.lastTokens();
    const logp = await step(d, last, position);
    const parents = search.advance(logp, d.vocab ?? 0);
    if (parents === undefined) break;
    const identity = parents.length === last.length && parents.every((p, i) => p === i);
    if (!identity) d.past = selectCacheRows(d.past, parents);
  }
  return search.result();
}
