/**
 * Server mode: translations by `signllm-serve` over its HTTP API (`GET /v1/languages`,
 * `POST /v1/translate` with `stream: true`), read as NDJSON while the server generates. Every answer is
 * checked with core's API schemas; failures are `TranslatorError`s with the server's code and message.
 */
import {
  ErrorResponseSchema,
  getSkeleton,
  LanguagesResponseSchema,
  parseWith,
  type Skeleton,
  type TranslateStreamEvent,
  TranslateStreamEventSchema,
} from '@signllm/core';
import { ndjsonValues } from './ndjson.ts';
import {
  type LanguageOption,
  type TranslatedFrame,
  type TranslationEvent,
  type TranslationRequest,
  type Translator,
  TranslatorError,
} from './translator.ts';

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of `ServerTranslator`. */
export interface ServerTranslatorOptions {
  /** The server's address (default: this page's origin, `''`). */
  baseUrl?: string;
  fetch?: FetchFn;
}

/** `Translator` on a `signllm-serve` API. */
export class ServerTranslator implements Translator {
  readonly mode = 'server' as const;
  readonly label: string;
  readonly #base: string;
  readonly #fetch: FetchFn;

  constructor(options: ServerTranslatorOptions = {}) {
    this.#base = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.label = `signllm-serve at ${this.#base === '' ? (globalThis.location?.origin ?? 'this origin') : this.#base}`;
  }

  async #request(path: string, init?: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${path}`, init);
    } catch (cause) {
      if (init?.signal?.aborted)
        throw new TranslatorError('aborted', 'The translation was stopped', { cause });
      throw new TranslatorError(
        'unreachable',
        `The server cannot be reached (${cause instanceof Error ? cause.message : String(cause)}). Is signllm-serve running?`,
        { cause },
      );
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  async languages(): Promise<LanguageOption[]> {
    const response = await this.#request('/v1/languages');
    const body = await readJson(response);
    try {
      return parseWith(LanguagesResponseSchema, body, 'languages response').languages;
    } catch (cause) {
      throw new TranslatorError(
        'bad_response',
        `The server's list of languages is not valid: ${reason(cause)}`,
        { cause },
      );
    }
  }

  async *translate(
    request: TranslationRequest,
    signal?: AbortSignal,
  ): AsyncGenerator<TranslationEvent, void> {
    const response = await this.#request('/v1/translate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/x-ndjson' },
      body: JSON.stringify({ ...request, format: 'json', stream: true }),
      ...(signal ? { signal } : {}),
    });
    if (response.body === null)
      throw new TranslatorError('bad_response', 'The server answered without a body');
    let skeleton: Skeleton | undefined;
    let joints = 0;
    let end: TranslationEvent | undefined;
    let received = 0;
    try {
      for await (const value of ndjsonValues(response.body)) {
        if (end !== undefined) continue;
        let event: TranslateStreamEvent;
        try {
          event = parseWith(TranslateStreamEventSchema, value, 'stream line');
        } catch (cause) {
          throw new TranslatorError(
            'bad_response',
            `The server sent a line that is not a stream event: ${reason(cause)}`,
            { cause },
          );
        }
        if (event.type === 'start') {
          skeleton = getSkeleton(event.skeleton);
          joints = skeleton.joints.length;
          if (event.joints.length !== joints || event.joints.some((n, i) => n !== skeleton!.joints[i])) {
            throw new TranslatorError(
              'bad_response',
              `the server's joints do not match skeleton "${event.skeleton}"`,
            );
          }
          yield {
            type: 'start',
            language: event.language,
            inputType: event.inputType,
            fps: event.fps,
            skeleton,
          };
        } else if (event.type === 'frame') {
          if (skeleton === undefined)
            throw new TranslatorError('bad_response', 'a frame came before the start line');
          if (event.pose.length !== joints) {
            throw new TranslatorError(
              'bad_response',
              `frame ${event.index} has ${event.pose.length} joints, expected ${joints}`,
            );
          }
          received++;
          const frame: TranslatedFrame = { values: event.pose, counter: event.counter };
          yield { type: 'frames', frames: [frame] };
        } else if (event.type === 'end') {
          if (event.frames !== received) {
            throw new TranslatorError(
              'bad_response',
              `the server's end line counts ${event.frames} frames, but ${received} came`,
            );
          }
          // Read on to the close of the body (the server ends it right after this line), so the
          // request completes instead of being cancelled.
          end = {
            type: 'end',
            frames: event.frames,
            stoppedBy: event.stoppedBy,
            langGloss: event.langGloss,
            generationMs: event.timing.generationMs,
            firstFrameMs: event.timing.firstFrameMs,
          };
        } else {
          throw new TranslatorError(event.error.code, event.error.message);
        }
      }
    } catch (cause) {
      if (cause instanceof TranslatorError) throw cause;
      if (signal?.aborted) throw new TranslatorError('aborted', 'The translation was stopped', { cause });
      throw new TranslatorError('bad_response', `The server's stream broke off: ${reason(cause)}`, { cause });
    }
    if (end === undefined)
      throw new TranslatorError('bad_response', 'The server closed the stream before its end line');
    yield end;
  }

  async close(): Promise<void> {}
}

function reason(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (cause) {
    throw new TranslatorError('bad_response', `The server's answer is not JSON (HTTP ${response.status})`, {
      cause,
    });
  }
}

/** The `TranslatorError` of an HTTP error answer (the API's `{ error: { code, message } }` when present). */
async function errorOf(response: Response): Promise<TranslatorError> {
  const text = await response.text().catch(() => '');
  try {
    const { error } = ErrorResponseSchema.parse(JSON.parse(text));
    return new TranslatorError(error.code, error.message);
  } catch {
    return new TranslatorError(
      'http',
      `The server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
}
