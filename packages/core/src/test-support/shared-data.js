/**
 * Test-only helper: where the real sign-language data lives (`../shared/data` beside the repository,
 * or `$SIGNLLM_SHARED_DATA`). Tests that need it use `describeWithData`; when the folder is absent they
 * are skipped with a visible message, except under CI, where a missing folder is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

function findRepoRoot(start) {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
}
/** The repository root. */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
/** Absolute path of the shared data folder. */
export const SHARED_DATA = resolve(
  process.env.SIGNLLM_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data'),
);
/** True when the shared data folder exists. */
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);
if (!HAS_SHARED_DATA && process.env.CI) {
  throw new Error(`CI run without the shared data folder ${SHARED_DATA}; set SIGNLLM_SHARED_DATA`);
}
/** Path of a file inside the shared data folder. */
export function dataPath(...parts) {
  return join(SHARED_DATA, ...parts);
}
/** Reads a shared data file as bytes (a fresh Uint8Array, not a Buffer). */
export function readDataBytes(...parts) {
  const b = readFileSync(dataPath(...parts));
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
/** Reads a shared data file as UTF-8 text. */
export function readDataText(...parts) {
  return readFileSync(dataPath(...parts), 'utf8');
}
/** `describe` that runs only when the shared data is present, and says so when it is not. */
export function describeWithData(name, fn) {
  if (!HAS_SHARED_DATA) {
    console.warn(`[skipped] "${name}": shared data folder not found at ${SHARED_DATA}`);
  }
  describe.skipIf(!HAS_SHARED_DATA)(name, fn);
}
//# sourceMappingURL=shared-data.js.map
