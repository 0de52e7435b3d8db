/**
 * Worker-thread entry of `buildDataset`: receives `{ job, message: { sample, options } }`, runs
 * `processSample` and posts `{ job, result }` or `{ job, error }` back (buffers transferred).
 */
import { parentPort } from 'node:worker_threads';
import { SignLLMError } from '@signllm/core';
import { type ProcessOptions, type ProcessReport, processSample } from './process-sample.ts';
import { fromWire, toWire, type WireSample } from './transfer-sample.ts';

/** What the main thread sends. */
export interface ProcessJob {
  sample: WireSample;
  options: ProcessOptions;
}

/** What the worker answers. */
export interface ProcessJobResult {
  sample: WireSample;
  report: ProcessReport;
}

parentPort?.on('message', ({ job, message }: { job: number; message: ProcessJob }) => {
  try {
    const { sample, report } = processSample(fromWire(message.sample), message.options);
    const { wire, transfer } = toWire(sample);
    parentPort?.postMessage({ job, result: { sample: wire, report } }, transfer);
  } catch (error) {
    const code = SignLLMError.isInstance(error) ? error.code : 'internal_error';
    const text = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ job, error: { code, message: text } });
  }
});
