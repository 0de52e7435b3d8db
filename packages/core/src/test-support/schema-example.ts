/**
 * Test-only: the example documents in src/schemas/examples/.
 */
import { readFileSync } from 'node:fs';

/** Parses `src/schemas/examples/<name>.json` (a fresh object on each call). */
export function schemaExample<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../schemas/examples/${name}.json`, import.meta.url), 'utf8'));
}
