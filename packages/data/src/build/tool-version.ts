/** The package version, recorded in manifests as the generator version. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `@signllm/data`'s version (src/build and dist/build both sit two folders below package.json). */
export const TOOL_VERSION: string = (require('../../package.json') as { version: string }).version;
