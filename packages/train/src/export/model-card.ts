/**
 * The model card of an exported bundle, from what the run and its dataset record: the training data
 * grouped by licence and kind (real or synthetic), the licence of the weights (the data's, unless given),
 * the effective config, the best validation DTW, limitations and intended use.
 */
import type { BundleManifestInput, DatasetManifest } from '@signllm/core';
import type { TrainerState } from '../train/trainer-state.ts';

type ModelCardInput = BundleManifestInput['modelCard'];

/** What `modelCardFor` reads. */
export interface ModelCardSource {
  name: string;
  licence: string | undefined;
  dataset: DatasetManifest;
  state: Partial<TrainerState>;
  /** The bundle includes a text → LangGloss model. */
  stage1: boolean;
  parameters: number;
}

/**
 * A model card for a bundle.
 *
 * @example
 * ```ts
 * const card = modelCardFor({ name: 'tiny-mlsf', licence: undefined, dataset, state, stage1: false, parameters: 412345 });
 * ```
 */
export function modelCardFor(source: ModelCardSource): ModelCardInput {
  const { dataset, state } = source;
  const groups = new Map<
    string,
    {
      licence: string;
      kind: (typeof dataset.sources)[number]['kind'];
      names: string[];
      provenance: string;
      languages: Set<string> | undefined;
    }
  >();
  for (const s of dataset.sources) {
    const key = `${s.licence}\u0000${s.kind}`;
    const group = groups.get(key) ?? {
      licence: s.licence,
      kind: s.kind,
      names: [],
      provenance: s.provenance,
      languages: new Set<string>(),
    };
    group.names.push(s.name);
    // A source that does not list its languages makes the group's languages unknown.
    if (s.languages === undefined) group.languages = undefined;
    else for (const l of s.languages) group.languages?.add(l);
    groups.set(key, group);
  }
  const trainingData: NonNullable<ModelCardInput>['trainingData'] = [...groups.values()].map((g) => ({
    name: `${dataset.name}: ${g.kind} data (${g.names.length} source${g.names.length === 1 ? '' : 's'}: ${g.names.slice(0, 3).join(', ')}${g.names.length > 3 ? ', …' : ''})`,
    licence: g.licence,
    provenance: g.provenance,
    kind: g.kind,
    ...(g.languages === undefined || g.languages.size === 0 ? {} : { languages: [...g.languages].sort() }),
  }));
  if (trainingData.length === 0) {
    trainingData.push({
      name: dataset.name,
      licence: 'unknown',
      provenance: 'the dataset manifest lists no sources',
    });
  }
  const licences = [...new Set(trainingData.map((d) => d.licence))];
  const synthetic = [...groups.values()].every((g) => g.kind === 'synthetic');
  const split = state.config?.validation.split ?? 'dev';
  const limitations = [
    `Trained on ${dataset.splits.train?.sequences ?? 0} sequences of ${dataset.name}; it signs only what resembles them.`,
    'Generated poses are in the normalised units of the training data (see normalisation), 3-D prompt2sign-50 joints, without hands shapes beyond the 21 hand keypoints or any face.',
    ...(synthetic ? ['Trained on synthetic data only: a demonstration, not a translator.'] : []),
    ...(licences.some((l) => /NC/.test(l))
      ? ['The training data is licensed for non-commercial use only; so are these weights.']
      : []),
  ];
  return {
    name: source.name,
    description: `SignLLM ${state.config?.model.mode ?? ''} model (${source.parameters.toLocaleString('en')} parameters)${source.stage1 ? ' with a text → LangGloss model' : ''}, exported by signllm-train.`,
    licence: source.licence ?? licences.join(' AND '),
    trainingData,
    config: state.config ? cardConfig(state.config) : {},
    metrics: state.best ? [{ name: 'dtw', value: state.best.dtw, split }] : [],
    limitations,
    intendedUse:
      'Research on sign-language production and demonstrations of it. Not a replacement for human interpreters or for Deaf signers; do not use it where understanding matters.',
  };
}

/**
 * The training config as the card records it: the run's folders (`data`, `outDir`, and any other
 * path-valued setting) by their last component only, so a shipped bundle does not carry the training
 * machine's paths.
 */
function cardConfig(config: NonNullable<TrainerState['config']>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  for (const key of ['data', 'outDir', 'initFrom']) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = value.split(/[\\/]/).filter(Boolean).pop() ?? value;
  }
  return copy;
}
