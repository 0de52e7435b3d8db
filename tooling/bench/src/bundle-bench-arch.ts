/** Shared by `bundle-inference.bench.ts` and its child process `bundle-bench-base.ts`. */

/** The Base architecture (configs/base-mlsf.json, without dropout). */
export const BASE_ARCHITECTURE = {
  encoderLayers: 2,
  decoderLayers: 2,
  dModel: 512,
  heads: 4,
  ffnSize: 2048,
  dropout: 0,
  maxSourceLength: 128,
  maxTargetLength: 400,
};
