/**
 * A `BundleSource` over a bundle folder on disk. Paths come from `bundle.json` and are relative; any
 * that would leave the folder is refused before the file system is touched.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { type BundleSource, ERROR_CODES, SignLLMError } from '@signllm/core';

/**
 * Reads bundle files from `dir`.
 *
 * @example
 * ```ts
 * const bundle = await loadBundle(directoryBundleSource('demo-output/bundles/tiny-mlsf'), createNodeRuntime());
 * ```
 */
export function directoryBundleSource(dir: string): BundleSource {
  const root = resolve(dir);
  return {
    label: dir,
    async read(path: string): Promise<Uint8Array> {
      const full = resolve(root, path);
      const inside = relative(root, full);
      if (isAbsolute(path) || path.includes('\\') || inside.startsWith('..') || isAbsolute(inside)) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `Bundle path ${JSON.stringify(path)} leaves ${dir}`,
        );
      }
      try {
        const bytes = await readFile(join(root, inside));
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new SignLLMError(
          ERROR_CODES.fileMissing,
          code === 'ENOENT'
            ? `${join(dir, path)} is missing from the bundle`
            : `${join(dir, path)} cannot be read (${code ?? String(error)})`,
          { cause: error, details: { file: path } },
        );
      }
    },
  };
}
