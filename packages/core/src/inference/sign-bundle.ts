/**
 * `SignBundle`: a loaded model bundle (made by `loadBundle`) that turns text, prompts or glosses into
 * pose frames, streamed as they are generated. MLSF bundles run the language's own encoder and decoder
 * step on its source tokens; Prompt2LangGloss bundles write the input as LangGloss (glosses directly,
 * text and prompts through the text → LangGloss graphs) and run the shared pose graphs on it.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import type { PoseDecoding } from '../schemas/bundle-decoding.ts';
import type { BundleManifest, BundleModelFile, BundleTokenizerFile } from '../schemas/bundle-manifest.ts';
import type { Tokenizer } from '../tokenizers/tokenizer.ts';
import {
  checkInputString,
  encodeSourceText,
  glossToLangGloss,
  INPUT_KINDS,
  type InputKind,
  resolveBundleLanguage,
  retagLangGloss,
} from './bundle-input.ts';
import {
  decodePoseFrames,
  type GeneratedFrame,
  type GenerationSummary,
  type PoseSessions,
} from './decode-pose.ts';
import { decodeTokensBeam, decodeTokensGreedy } from './decode-tokens.ts';
import { checkSourceIds } from './decoder-cache.ts';
import type { InferenceSession } from './runtime.ts';
import type { AbortSignalLike } from './web-types.ts';

/** Options of `SignBundle.generateFromIds` (see `DecodePoseOptions`). */
export interface GenerateFromIdsOptions {
  /** Most frames (default and maximum: `decoding.pose.maxTargetLength`). */
  maxFrames?: number;
  /** Stop at the first predicted counter ≥ this (default `decoding.pose.stopCounter`). */
  stopCounter?: number;
  /** Ground-truth timing: these counters are fed, and exactly that many frames generated. */
  groundTruthCounters?: Float32Array;
  /** Cancels the generation (`aborted`). */
  signal?: AbortSignalLike;
}

/** A request of `SignBundle.generate`. */
export interface GenerateRequest extends GenerateFromIdsOptions {
  /** The text, prompt or gloss string. */
  input: string;
  /** What `input` is; one of `accepts(language)`. */
  inputType: InputKind;
  /** A language of the bundle (ISO code, or a registry tag or alias such as `ASL`). */
  language: string;
  /** Prompt2LangGloss text or prompt input: beam size of the text → LangGloss search (default 1: greedy). */
  beamSize?: number;
}

/** Options of `SignBundle.translateToLangGloss`. */
export interface TranslateOptions {
  /** Beam size (default 1: greedy). */
  beamSize?: number;
  /** Cancels the translation (`aborted`). */
  signal?: AbortSignalLike;
}

/** What `loadBundle` hands to `SignBundle`: the manifest, tokenizers and one session per model path. */
export interface SignBundleParts {
  manifest: BundleManifest;
  runtimeName: string;
  tokenizers: ReadonlyArray<{ file: BundleTokenizerFile; tokenizer: Tokenizer }>;
  sessions: ReadonlyMap<string, InferenceSession>;
}

function invalid(message: string, details?: Record<string, unknown>): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, message, { details });
}

/**
 * A loaded model bundle. Create it with `loadBundle`; call `release()` when done with it.
 *
 * @example
 * ```ts
 * const bundle = await loadBundle(httpBundleSource('/models/ase'), runtime);
 * const frames = [];
 * for await (const frame of bundle.generate({ input: 'the sky is blue', inputType: 'text', language: 'ase' }))
 *   frames.push(frame);
 * const pose = framesToPoseSequence(frames, bundle.manifest.fps);
 * await bundle.release();
 * ```
 */
export class SignBundle {
  /** The validated `bundle.json`. */
  readonly manifest: BundleManifest;
  /** ISO codes of the languages served. */
  readonly languages: readonly string[];
  /** The runtime the sessions run on (`InferenceRuntime.name`). */
  readonly runtimeName: string;
  readonly #tokenizers: SignBundleParts['tokenizers'];
  readonly #sessions: ReadonlyMap<string, InferenceSession>;
  #released = false;

  constructor(parts: SignBundleParts) {
    this.manifest = parts.manifest;
    this.languages = Object.freeze([...parts.manifest.languages]);
    this.runtimeName = parts.runtimeName;
    this.#tokenizers = parts.tokenizers;
    this.#sessions = parts.sessions;
    for (const file of parts.manifest.models) this.#session(file);
  }

  #session(file: BundleModelFile | undefined): InferenceSession {
    const session = file === undefined ? undefined : this.#sessions.get(file.path);
    if (session === undefined) {
      throw invalid(`the bundle has no session for ${file === undefined ? 'a required model' : file.path}`);
    }
    return session;
  }

  #model(role: BundleModelFile['role'], language: string | undefined): InferenceSession {
    const files = this.manifest.models.filter((f) => f.role === role);
    return this.#session(
      files.find((f) => f.language === language) ?? files.find((f) => f.language === undefined),
    );
  }

  #tokenizer(role: BundleTokenizerFile['role'], language: string): Tokenizer {
    const entries = this.#tokenizers.filter((t) => t.file.role === role);
    const found =
      entries.find((t) => t.file.language === language) ?? entries.find((t) => t.file.language === undefined);
    if (found === undefined)
      throw invalid(`the bundle has no "${role}" tokenizer for language "${language}"`);
    return found.tokenizer;
  }

  #checkLive(): void {
    if (this.#released) throw invalid('this bundle was released; load it again to use it');
  }

  #poseSessions(language: string): PoseSessions {
    const lang = this.manifest.mode === 'mlsf' ? language : undefined;
    return { encoder: this.#model('encoder', lang), step: this.#model('decoder-step', lang) };
  }

  #poseTokenizer(language: string): Tokenizer {
    return this.#tokenizer(this.manifest.mode === 'mlsf' ? 'source' : 'langgloss', language);
  }

  get #pose(): PoseDecoding {
    return this.manifest.decoding.pose;
  }

  /**
   * The input kinds `language` accepts: MLSF the pose encoder's input (when text, prompt or gloss);
   * Prompt2LangGloss `gloss`, plus `text` and `prompt` when the bundle has text → LangGloss graphs.
   *
   * @throws SignLLMError `unknown_language` listing the bundle's languages.
   * @example
   * ```ts
   * bundle.accepts('gsg'); // ['text', 'prompt', 'gloss']
   * ```
   */
  accepts(language: string): InputKind[] {
    resolveBundleLanguage(language, this.languages);
    if (this.manifest.mode === 'mlsf') {
      const input = this.#pose.input;
      return INPUT_KINDS.filter((k) => k === input);
    }
    const text = this.manifest.decoding.text2gloss !== undefined;
    return INPUT_KINDS.filter((k) => k === 'gloss' || text);
  }

  /**
   * Generates pose frames for a text, prompt or gloss, yielding each frame as soon as it exists; the
   * generator's return value is the summary (with the LangGloss read, for Prompt2LangGloss).
   *
   * @throws SignLLMError (from the generator) `unknown_language`, `invalid_argument` (input kind not
   *   accepted, bad options, a tag-shaped gloss token), `input_empty`, `input_too_long`, `aborted`,
   *   `inference_failed`.
   * @example
   * ```ts
   * for await (const frame of bundle.generate({ input: 'REGEN MORGEN', inputType: 'gloss', language: 'gsg' }))
   *   player.push(frame.values);
   * ```
   */
  async *generate(request: GenerateRequest): AsyncGenerator<GeneratedFrame, GenerationSummary> {
    this.#checkLive();
    if (typeof request !== 'object' || request === null) throw invalid('generate: expected a request object');
    const language = resolveBundleLanguage(request.language, this.languages);
    const accepted = this.accepts(language);
    if (!accepted.includes(request.inputType)) {
      throw invalid(
        `inputType ${JSON.stringify(request.inputType)} is not accepted for "${language}" by this bundle; it accepts ${formatOptions(accepted)}`,
        { value: request.inputType, options: accepted },
      );
    }
    const input = checkInputString(request.input);
    let langGloss: string | undefined;
    let source: string = input;
    if (this.manifest.mode === 'p2lg') {
      langGloss =
        request.inputType === 'gloss'
          ? glossToLangGloss(input, language)
          : await this.#translate(this.#asModelInput(input, request.inputType, language), language, request);
      source = langGloss;
    }
    const what =
      langGloss === undefined
        ? request.inputType
        : `the LangGloss ${JSON.stringify(langGloss.slice(0, 200))}`;
    const ids = encodeSourceText(this.#poseTokenizer(language), source, this.#pose.maxSourceLength, what);
    const summary = yield* this.#decode(language, ids, request);
    return langGloss === undefined ? summary : { ...summary, langGloss };
  }

  /**
   * The encoder and decoder-step sessions that serve `language`, for callers that drive
   * `decodePoseFrames` themselves (benchmarks, custom decoding).
   *
   * @throws SignLLMError `unknown_language`.
   * @example
   * ```ts
   * const frames = decodePoseFrames(bundle.sessionsFor('ase'), ids, { decoding: bundle.manifest.decoding.pose });
   * ```
   */
  sessionsFor(language: string): PoseSessions {
    this.#checkLive();
    return this.#poseSessions(resolveBundleLanguage(language, this.languages));
  }

  /**
   * Generates pose frames from source ids the caller tokenised (`</s>`, id 3, last), with the tokenizer
   * of the language's pose encoder.
   *
   * @throws SignLLMError (from the generator) `unknown_language`, `input_empty`, `input_too_long`,
   *   `token_out_of_vocabulary` naming the index and value, `invalid_argument`, `aborted`, `inference_failed`.
   * @example
   * ```ts
   * for await (const frame of bundle.generateFromIds('ase', [57, 12, 3])) frames.push(frame);
   * ```
   */
  async *generateFromIds(
    language: string,
    ids: readonly number[],
    options: GenerateFromIdsOptions = {},
  ): AsyncGenerator<GeneratedFrame, GenerationSummary> {
    this.#checkLive();
    const lang = resolveBundleLanguage(language, this.languages);
    const vocab = this.#poseTokenizer(lang).vocabSize;
    checkSourceIds(ids, this.#pose.maxSourceLength, vocab, 'generateFromIds');
    return yield* this.#decode(lang, ids, options);
  }

  #decode(
    language: string,
    ids: readonly number[],
    options: GenerateFromIdsOptions,
  ): AsyncGenerator<GeneratedFrame, GenerationSummary> {
    const { maxFrames, stopCounter, groundTruthCounters, signal } = options;
    return decodePoseFrames(this.#poseSessions(language), ids, {
      decoding: this.#pose,
      ...(maxFrames === undefined ? {} : { maxFrames }),
      ...(stopCounter === undefined ? {} : { stopCounter }),
      ...(groundTruthCounters === undefined ? {} : { groundTruthCounters }),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  /**
   * Translates text or a prompt into LangGloss with the text → LangGloss graphs (Prompt2LangGloss
   * bundles that have them), with every tag set to `language`.
   *
   * @throws SignLLMError `invalid_argument` when the bundle has no such graphs or `beamSize` is bad,
   *   `unknown_language`, `input_empty`, `input_too_long`, `aborted`, `inference_failed`.
   * @example
   * ```ts
   * await bundle.translateToLangGloss('rain tomorrow', 'gsg', { beamSize: 4 }); // '<gsg> MORGEN <gsg> REGEN'
   * ```
   */
  async translateToLangGloss(
    input: string,
    language: string,
    options: TranslateOptions = {},
  ): Promise<string> {
    this.#checkLive();
    const lang = resolveBundleLanguage(language, this.languages);
    return this.#translate(checkInputString(input), lang, options);
  }

  /**
   * Text for a text → LangGloss model trained on prompts is put into the language's first prompt
   * template from the training data (`{}` marks the sentence), so it reads what it was trained on.
   */
  #asModelInput(input: string, inputType: InputKind, language: string): string {
    const template = this.manifest.promptTemplates?.[language]?.[0];
    if (inputType !== 'text' || this.manifest.decoding.text2gloss?.input !== 'prompt' || !template)
      return input;
    return template.includes('{}') ? template.replace('{}', () => input) : `${template} ${input}`;
  }

  async #translate(input: string, language: string, options: TranslateOptions): Promise<string> {
    const decoding = this.manifest.decoding.text2gloss;
    if (this.manifest.mode !== 'p2lg' || decoding === undefined) {
      throw invalid('this bundle has no text → LangGloss graphs; give gloss input instead');
    }
    const ids = encodeSourceText(
      this.#tokenizer('source', language),
      input,
      decoding.maxSourceLength,
      'input',
    );
    const sessions = {
      encoder: this.#model('text2gloss-encoder', undefined),
      step: this.#model('text2gloss-decoder-step', undefined),
    };
    const beamSize = options.beamSize ?? 1;
    const signal = options.signal === undefined ? {} : { signal: options.signal };
    const out =
      beamSize === 1
        ? await decodeTokensGreedy(sessions, ids, { decoding, ...signal })
        : await decodeTokensBeam(sessions, ids, { decoding, beamSize, ...signal });
    const target = this.#tokenizers.some((t) => t.file.role === 'text2gloss-target')
      ? 'text2gloss-target'
      : 'langgloss';
    return retagLangGloss(this.#tokenizer(target, language).decode(out), language);
  }

  /**
   * Frees every session. The bundle is unusable afterwards; calling it again does nothing.
   *
   * @throws SignLLMError `inference_failed` when a session could not be released (all are tried).
   * @example
   * ```ts
   * await bundle.release();
   * ```
   */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    const results = await Promise.allSettled([...this.#sessions.values()].map(async (s) => s.release()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) {
      throw new SignLLMError(ERROR_CODES.inferenceFailed, 'releasing a session of the bundle failed', {
        cause: failed.reason,
      });
    }
  }
}
