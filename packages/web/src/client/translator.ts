/**
 * What the app asks of a translator, whether it runs on `signllm-serve` (server mode) or in the page
 * with onnxruntime-web (browser mode): the languages it serves, and a translation as a stream of events
 * (start, batches of frames as they are generated, end).
 */
import type { InputType, Skeleton, StopReason } from '@signllm/core';

/** A sign language a translator serves. */
export interface LanguageOption {
  code: string;
  name: string;
  tag: string;
  spokenLanguage: string;
  inputs: InputType[];
  /** `real` or `synthetic` training data, when the model card says. */
  provenance?: string | undefined;
}

/** What to translate. */
export interface TranslationRequest {
  input: string;
  inputType: InputType;
  language: string;
  maxFrames?: number;
}

/** One generated frame: joint-major x, y, z values and the model's progress counter. */
export interface TranslatedFrame {
  values: Float32Array | readonly (readonly number[])[];
  counter: number;
}

/** The events of a translation, in order: one `start`, any number of `frames`, one `end`. */
export type TranslationEvent =
  | { type: 'start'; language: string; inputType: InputType; fps: number; skeleton: Skeleton }
  | { type: 'frames'; frames: TranslatedFrame[] }
  | {
      type: 'end';
      frames: number;
      stoppedBy: StopReason;
      langGloss?: string[] | undefined;
      generationMs: number;
      firstFrameMs?: number | undefined;
    };

/** A source of translations. */
export interface Translator {
  /** `server`: through the HTTP API; `browser`: onnxruntime-web in this page. */
  readonly mode: 'server' | 'browser';
  /** Where it runs, for the user (e.g. "signllm-serve at http://…", "onnxruntime-web (wasm, 2 threads)"). */
  readonly label: string;
  languages(): Promise<LanguageOption[]>;
  translate(request: TranslationRequest, signal?: AbortSignal): AsyncGenerator<TranslationEvent, void>;
  /** Frees what it holds (the browser mode's sessions). */
  close(): Promise<void>;
}

/** Why a translation or a load failed: `code` is the server's error code or one of the client's. */
export class TranslatorError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TranslatorError';
    this.code = code;
  }
}
