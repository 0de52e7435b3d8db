import { describe, expectTypeOf, it } from 'vitest';
import type { Language, LanguageInput } from '../languages/language-schema.ts';
import type { TranslateRequest, TranslateRequestInput, TranslateResponse } from './api.ts';
import type { BundleManifest } from './bundle-manifest.ts';
import type { DatasetManifest } from './dataset-manifest.ts';
import type { ModelConfig } from './model-config.ts';
import type { TrainConfig, TrainConfigInput } from './train-config.ts';

// Type tests: checked by `tsc -p tsconfig.test.json`; the inferred types are what callers program against.
describe('inferred types', () => {
  it('fill defaults in outputs and leave them optional in inputs', () => {
    expectTypeOf<TrainConfig['batchSize']>().toEqualTypeOf<number>();
    expectTypeOf<TrainConfigInput['batchSize']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TrainConfig['optimiser']['betas']>().toEqualTypeOf<[number, number]>();
    expectTypeOf<TrainConfig['model']>().toEqualTypeOf<ModelConfig | string>();
    expectTypeOf<Language['aliases']>().toEqualTypeOf<string[]>();
    expectTypeOf<LanguageInput['aliases']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<TranslateRequest['format']>().toEqualTypeOf<'json' | 'pose' | 'skels'>();
    expectTypeOf<TranslateRequestInput['inputType']>().toEqualTypeOf<
      'text' | 'prompt' | 'gloss' | undefined
    >();
    expectTypeOf<TranslateRequest['stream']>().toEqualTypeOf<boolean | undefined>();
  });

  it('narrow enums and literals', () => {
    expectTypeOf<TrainConfig['loss']>().toEqualTypeOf<'mse' | 'rl'>();
    expectTypeOf<TrainConfig['rl']['rewardTransform']>().toEqualTypeOf<'exp' | 'inverse' | 'rank'>();
    expectTypeOf<ModelConfig['mode']>().toEqualTypeOf<'mlsf' | 'p2lg-stage1' | 'p2lg-stage2'>();
    expectTypeOf<DatasetManifest['dims']>().toEqualTypeOf<2 | 3>();
    expectTypeOf<DatasetManifest['sources'][number]['kind']>().toEqualTypeOf<'real' | 'synthetic'>();
    expectTypeOf<BundleManifest['models'][number]['role']>().toEqualTypeOf<
      'encoder' | 'decoder-step' | 'text2gloss-encoder' | 'text2gloss-decoder-step'
    >();
    expectTypeOf<TranslateResponse['data']>().toEqualTypeOf<number[][][]>();
    expectTypeOf<DatasetManifest['splits']>().toEqualTypeOf<
      Record<string, DatasetManifest['splits'][string]>
    >();
    expectTypeOf<BundleManifest['modelCard']['config']>().toEqualTypeOf<Record<string, unknown>>();
  });
});
