/**
 * Test support only: the real model bundles in `fixtures/bundles` (tiny configs trained on synthetic
 * data by `pnpm --filter @signllm/parity build:serve-fixtures`) loaded on onnxruntime-node, services and
 * apps around them, and a logger whose lines the test can read.
 */
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadBundle, type SignBundle } from '@signllm/core';
import { afterAll, beforeAll } from 'vitest';
import { type AppOptions, createApp } from '../app.ts';
import { DEFAULT_CONFIG, type ServeLimits } from '../config.ts';
import { directoryBundleSource } from '../runtime/directory-bundle-source.ts';
import { createNodeRuntime } from '../runtime/onnxruntime-node.ts';
import { createLogger } from '../server.ts';
import { TranslationService } from '../translation-service.ts';

/** Folders of the fixture bundles: `mlsf` (ase, gsg; text input) and `p2lg` (text, prompt, gloss). */
export const FIXTURES = {
  mlsf: fileURLToPath(new URL('../../fixtures/bundles/mlsf', import.meta.url)),
  p2lg: fileURLToPath(new URL('../../fixtures/bundles/p2lg', import.meta.url)),
} as const;

/** Loads a fixture bundle on onnxruntime-node (2 threads). */
export function loadFixture(name: keyof typeof FIXTURES): Promise<SignBundle> {
  return loadBundle(directoryBundleSource(FIXTURES[name]), createNodeRuntime({ threads: 2 }));
}

/** Both fixture bundles, loaded. */
export interface FixtureBundles {
  mlsf: SignBundle;
  p2lg: SignBundle;
}

/**
 * Loads both fixture bundles before a test file's tests, hands them to `use`, and releases them after.
 *
 * @example
 * ```ts
 * let mlsf: SignBundle;
 * withFixtureBundles((b) => ({ mlsf } = b));
 * ```
 */
export function withFixtureBundles(use: (bundles: FixtureBundles) => void): void {
  let loaded: FixtureBundles | undefined;
  beforeAll(async () => {
    loaded = { mlsf: await loadFixture('mlsf'), p2lg: await loadFixture('p2lg') };
    use(loaded);
  });
  afterAll(async () => {
    await loaded?.mlsf.release();
    await loaded?.p2lg.release();
  });
}

/** The default limits with some replaced. */
export function limits(overrides: Partial<ServeLimits> = {}): ServeLimits {
  return { ...DEFAULT_CONFIG.limits, ...overrides };
}

/** A ready service on an already loaded bundle (no warm-up; the bundle is not released by it). */
export async function readyService(
  bundle: SignBundle,
  overrides: Partial<ServeLimits> = {},
): Promise<TranslationService> {
  const service = new TranslationService({ limits: limits(overrides) });
  await service.load(async () => bundle, { warmUp: false });
  return service;
}

/** A pino logger that keeps its lines (parsed) in `lines`. */
export function captureLogger(): {
  logger: ReturnType<typeof createLogger>;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

/** An app on `service` with a capturing logger. */
export function testApp(
  service: TranslationService,
  options: Omit<AppOptions, 'version' | 'logger'> = {},
): { app: ReturnType<typeof createApp>; lines: Record<string, unknown>[] } {
  const { logger, lines } = captureLogger();
  const app = createApp(service, { version: '0.0.0', logger, ...options });
  return { app, lines };
}

/** A JSON POST to /v1/translate. */
export function post(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
