/** Export of trained models as model bundles (ONNX graphs + tokenizers + bundle.json). */
export type { ExportBundleOptions, ExportBundleResult } from './export-bundle.ts';
export { exportBundle } from './export-bundle.ts';
export type { ModelCardSource } from './model-card.ts';
export { modelCardFor } from './model-card.ts';
export type { GraphSpec, PoseStepSpec } from './model-graphs.ts';
export { buildEncoderGraph, buildPoseDecoderStepGraph, buildTokenDecoderStepGraph } from './model-graphs.ts';
export type { OnnxAttribute, OnnxDim, OnnxElementType } from './onnx-builder.ts';
export { GraphBuilder, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-builder.ts';
