/**
 * The input and output names each bundle graph must have (docs/architecture/model-bundle.md), and the
 * check `loadBundle` runs on every session it creates, so that a graph exported with other names is
 * refused at load time (`model_invalid`) instead of failing in the middle of a generation.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import type { BundleModelFile } from '../schemas/bundle-manifest.ts';
import type { InferenceSession } from './runtime.ts';

/** The role of a graph in a bundle. */
export type ModelRole = BundleModelFile['role'];

/** Names a graph must have. */
export interface ModelNames {
  inputs: string[];
  outputs: string[];
}

function perLayer(prefixes: readonly string[], layers: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < layers; i++) for (const p of prefixes) names.push(`${p}_${i}`);
  return names;
}

/**
 * The input and output names the contract requires of a graph with `role` and `layers` decoder layers.
 *
 * @example
 * ```ts
 * requiredModelNames('encoder', 1); // { inputs: ['source_ids', 'source_mask'], outputs: ['cross_key_0', 'cross_value_0'] }
 * ```
 */
export function requiredModelNames(role: ModelRole, layers: number): ModelNames {
  if (role === 'encoder' || role === 'text2gloss-encoder') {
    return { inputs: ['source_ids', 'source_mask'], outputs: perLayer(['cross_key', 'cross_value'], layers) };
  }
  const tokens = role === 'text2gloss-decoder-step';
  return {
    inputs: [
      tokens ? 'tokens' : 'frames',
      'source_mask',
      ...perLayer(['past_key', 'past_value', 'cross_key', 'cross_value'], layers),
    ],
    outputs: [tokens ? 'logits' : 'next_frames', ...perLayer(['present_key', 'present_value'], layers)],
  };
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * Checks that `session` has every input and output the contract requires of `role`.
 *
 * @throws SignLLMError `model_invalid` naming the file and the missing names.
 * @example
 * ```ts
 * checkModelNames(session, 'decoder-step', manifest.decoding.pose.decoderLayers, 'ase/decoder-step.onnx');
 * ```
 */
export function checkModelNames(
  session: InferenceSession,
  role: ModelRole,
  layers: number,
  path: string,
): void {
  const required = requiredModelNames(role, layers);
  const inputs = new Set(names(session.inputNames));
  const outputs = new Set(names(session.outputNames));
  const missingIn = required.inputs.filter((n) => !inputs.has(n));
  const missingOut = required.outputs.filter((n) => !outputs.has(n));
  if (missingIn.length === 0 && missingOut.length === 0) return;
  const parts: string[] = [];
  if (missingIn.length > 0) parts.push(`inputs ${formatOptions(missingIn)}`);
  if (missingOut.length > 0) parts.push(`outputs ${formatOptions(missingOut)}`);
  throw new SignLLMError(
    ERROR_CODES.modelInvalid,
    `${path}: a "${role}" graph with ${layers} decoder layers lacks ${parts.join(' and ')} ` +
      `(it has inputs ${formatOptions([...inputs])}; outputs ${formatOptions([...outputs])})`,
    { details: { path, role, missingInputs: missingIn, missingOutputs: missingOut } },
  );
}
