/**
 * Worker-thread entry of `buildDataset`: receives `{ job, message: { sample, options } }`, runs
 * `processSample` and posts `{ job, result }` or `{ job, error }` back (buffers transferred).
 */
import { parentPort } from 'node:worker_threads';
import { SignLLMError } from '@signllm/core';
import { type ProcessOptions, type ProcessReport, processSample } from './process-sample.ts';
import { fromWire, toWire, type WireSample } from './transfer-sample.ts';

/** What the main thread sends: a sample to process, or a video to turn into 2D poses. */
export type ProcessJob =
  | { kind?: 'process'; sample: WireSample; options: ProcessOptions }
  | { kind: 'video'; path: string; options: { fps?: number; maxFrames?: number } };

/** What the worker answers (a video job answers with `report` unset and the 2D sequence as `sample`). */
export interface ProcessJobResult {
  sample: WireSample;
  report: ProcessReport;
}

async function run(job: number, message: ProcessJob): Promise<void> {
  if (message.kind === 'video') {
    // the video module (tfjs wasm + models) loads on the first video this worker gets
    const { videoToSequence } = await import('../video/index.ts');
    const { sequence } = await videoToSequence(message.path, message.options);
    const { wire, transfer } = toWire({ id: message.path, sequence, source: message.path });
    parentPort?.postMessage({ job, result: { sample: wire } }, transfer);
    return;
  }
  const { sample, report } = processSample(fromWire(message.sample), message.options);
  const { wire, transfer } = toWire(sample);
  parentPort?.postMessage({ job, result: { sample: wire, report } }, transfer);
}

parentPort?.on('message', ({ job, message }: { job: number; message: ProcessJob }) => {
  run(job, message).catch((error: unknown) => {
    const code = SignLLMError.isInstance(error) ? error.code : 'internal_error';
    const text = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ job, error: { code, message: text } });
  });
});
