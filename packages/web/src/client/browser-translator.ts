/**
 * Browser mode: the model bundle loaded into this page and run by onnxruntime-web (WebAssembly), so
 * generation needs no server once the bundle is loaded: it goes on working offline.
 */
import {
  checkInputString,
  getLanguage,
  getSkeleton,
  httpBundleSource,
  type InputType,
  loadBundle,
  resolveBundleLanguage,
  type SignBundle,
  SignLLMError,
} from '@signllm/core';
import { createWebRuntime, type WebRuntimeOptions } from '../runtime/onnxruntime-web.ts';
import {
  type LanguageOption,
  type TranslationEvent,
  type TranslationRequest,
  type Translator,
  TranslatorError,
} from './translator.ts';

/** Options of `BrowserTranslator.load`. */
export interface BrowserTranslatorOptions extends WebRuntimeOptions {
  /** Called as each bundle file is loaded and verified. */
  onProgress?: (done: number, total: number, path: string) => void;
  signal?: AbortSignal;
}

/** `Translator` on a bundle running in this page. */
export class BrowserTranslator implements Translator {
  readonly mode = 'browser' as const;
  readonly label: string;
  readonly bundle: SignBundle;

  private constructor(bundle: SignBundle) {
    this.bundle = bundle;
    this.label = bundle.runtimeName;
  }

  /**
   * Loads the bundle at `url` (its folder: `bundle.json` and the files it lists, e.g. a server's
   * `/v1/bundle`). Fails with a `TranslatorError` (`bundle_failed`) that says which file and why.
   */
  static async load(url: string, options: BrowserTranslatorOptions = {}): Promise<BrowserTranslator> {
    const { onProgress, signal, ...runtimeOptions } = options;
    try {
      const runtime = createWebRuntime(runtimeOptions);
      const bundle = await loadBundle(httpBundleSource(url), runtime, {
        ...(onProgress ? { onProgress } : {}),
        ...(signal ? { signal } : {}),
      });
      return new BrowserTranslator(bundle);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new TranslatorError('bundle_failed', `The model bundle could not be loaded: ${reason}`, {
        cause,
      });
    }
  }

  async languages(): Promise<LanguageOption[]> {
    const kinds = this.bundle.manifest.modelCard.trainingData;
    return this.bundle.languages.map((code) => {
      const language = getLanguage(code);
      const sources = kinds.filter((d) => d.languages === undefined || d.languages.includes(code));
      const provenance = sources.some((d) => d.kind === 'real')
        ? 'real'
        : sources.some((d) => d.kind === 'synthetic')
          ? 'synthetic'
          : undefined;
      return {
        code,
        name: language.name,
        tag: language.tag,
        spokenLanguage: language.spokenLanguage,
        inputs: this.bundle.accepts(code) as InputType[],
        provenance,
      };
    });
  }

  async *translate(
    request: TranslationRequest,
    signal?: AbortSignal,
  ): AsyncGenerator<TranslationEvent, void> {
    const { manifest } = this.bundle;
    const started = performance.now();
    let firstFrameMs: number | undefined;
    let language: string;
    try {
      // Everything that can be checked before generating is, so a bad request fails before `start`,
      // as it does in server mode.
      language = resolveBundleLanguage(request.language, this.bundle.languages);
      checkInputString(request.input);
      const accepted = this.bundle.accepts(language);
      if (!accepted.includes(request.inputType)) {
        throw new TranslatorError(
          'invalid_argument',
          `"${language}" accepts ${accepted.map((k) => `"${k}"`).join(' or ')} input here, not "${request.inputType}"`,
        );
      }
      const limit = manifest.decoding.pose.maxTargetLength;
      if (
        request.maxFrames !== undefined &&
        !(Number.isInteger(request.maxFrames) && request.maxFrames >= 1 && request.maxFrames <= limit)
      ) {
        throw new TranslatorError(
          'invalid_argument',
          `maxFrames must be an integer in [1, ${limit}], got ${request.maxFrames}`,
        );
      }
    } catch (cause) {
      throw asTranslatorError(cause);
    }
    yield {
      type: 'start',
      language,
      inputType: request.inputType,
      fps: manifest.fps,
      skeleton: getSkeleton(manifest.skeleton),
    };
    const frames = this.bundle.generate({
      input: request.input,
      inputType: request.inputType,
      language,
      ...(request.maxFrames !== undefined ? { maxFrames: request.maxFrames } : {}),
      ...(signal ? { signal } : {}),
    });
    try {
      for (;;) {
        const next = await frames.next();
        if (next.done) {
          const summary = next.value;
          yield {
            type: 'end',
            frames: summary.frames,
            stoppedBy: summary.stoppedBy,
            langGloss: summary.langGloss?.split(/\s+/).filter((t) => t !== ''),
            generationMs: performance.now() - started,
            firstFrameMs,
          };
          return;
        }
        firstFrameMs ??= performance.now() - started;
        yield { type: 'frames', frames: [{ values: next.value.values, counter: next.value.counter }] };
      }
    } catch (cause) {
      throw asTranslatorError(cause);
    }
  }

  async close(): Promise<void> {
    await this.bundle.release();
  }
}

function asTranslatorError(cause: unknown): TranslatorError {
  if (cause instanceof TranslatorError) return cause;
  if (SignLLMError.isInstance(cause)) return new TranslatorError(cause.code, cause.message, { cause });
  return new TranslatorError(
    'inference_failed',
    `Generation failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    { cause },
  );
}
