/**
 * `startServer`: the API on a real port. It listens at once (so `/healthz` answers while the bundle
 * loads), loads and warms up the bundle in the background (`/readyz` turns 200 when done), and shuts
 * down gracefully: new requests get 503, running translations finish (up to a grace period), then the
 * sockets close and the bundle is released.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { loadBundle } from '@signllm/core';
import pino, { type DestinationStream, type Logger } from 'pino';
import { type AppType, createApp } from './app.ts';
import type { LogLevel, ServeConfig } from './config.ts';
import { directoryBundleSource } from './runtime/directory-bundle-source.ts';
import { createNodeRuntime } from './runtime/onnxruntime-node.ts';
import { type PoseGenerator, TranslationService } from './translation-service.ts';
import { WorkerPool } from './worker-pool/worker-pool.ts';

/** Version of this package (from its package.json). */
export const SERVE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The web app's build in this repository's layout, if built (`packages/web/dist/app`). */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../web/dist/app', import.meta.url));
}

/**
 * Where the default model bundle lives in this repository's layout (`models/default`, beside
 * `packages/`; rebuilt by `pnpm build:default-model`). An installed package has no repository around
 * it, so there the folder is usually absent: see `findDefaultBundle`.
 *
 * @example
 * ```ts
 * defaultBundleDir(); // '/home/me/signllm/models/default'
 * ```
 */
export function defaultBundleDir(): string {
  return fileURLToPath(new URL('../../../models/default', import.meta.url));
}

/**
 * The default model bundle folder if it is there (it holds a `bundle.json`), else undefined.
 *
 * @example
 * ```ts
 * const bundle = config.bundle ?? findDefaultBundle(); // undefined: ask for --bundle
 * ```
 */
export function findDefaultBundle(dir: string = defaultBundleDir()): string | undefined {
  return existsSync(join(dir, 'bundle.json')) ? dir : undefined;
}

/**
 * A pino logger writing JSON lines (to stdout unless `destination` is given).
 *
 * @example
 * ```ts
 * const logger = createLogger('info');
 * ```
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'signllm-serve' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port` it listens on. */
  url: string;
  port: number;
  service: TranslationService;
  app: AppType;
  logger: Logger;
  /** Settles when the bundle is loaded and warmed up; rejects with the load error. */
  ready: Promise<void>;
  /**
   * Graceful shutdown: new requests get 503, running ones may finish for `graceMs` (default the
   * config's), then connections close and the bundle is released. Resolves to whether all finished.
   */
  close(graceMs?: number): Promise<boolean>;
}

/** Options of `startServer`. */
export interface StartServerOptions {
  /** Logger to use (default: `createLogger(config.logLevel)`). */
  logger?: Logger;
  /**
   * Loads the bundle (default: `config.bundle` from disk, in `config.workers` worker threads, or on the
   * main thread when that is 0).
   */
  load?: () => Promise<PoseGenerator>;
}

/**
 * Starts the API server.
 *
 * @example
 * ```ts
 * const server = await startServer(resolveServeConfig({ bundle: 'bundles/tiny', port: 0 }));
 * await server.ready;
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function startServer(
  config: ServeConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const service = new TranslationService({ limits: config.limits, logger });
  const app = createApp(service, {
    version: SERVE_VERSION,
    logger,
    corsOrigins: config.corsOrigins,
    webRoot: config.web ?? defaultWebRoot(),
    bundleDir: config.bundle,
    bundleFiles: config.bundleFiles,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info(
    { url, bundle: config.bundle, workers: config.workers, threads: config.threads, limits: config.limits },
    'listening',
  );

  const bundleDir = config.bundle;
  const onEvent = (event: { type: string; message: string }): void => {
    if (event.type === 'worker-replaced') logger.info({ event: event.type }, event.message);
    else logger.error({ event: event.type }, event.message);
  };
  const load =
    options.load ??
    (bundleDir === undefined
      ? undefined
      : config.workers === 0
        ? () => loadBundle(directoryBundleSource(bundleDir), createNodeRuntime({ threads: config.threads }))
        : () =>
            WorkerPool.start({
              bundle: bundleDir,
              workers: config.workers,
              threads: config.threads,
              onEvent,
            }));
  const ready =
    load === undefined
      ? Promise.reject(new Error('no model bundle given'))
      : // Workers warm themselves up; a bundle on this thread is warmed up by the service.
        service
          .load(load, { warmUp: options.load !== undefined || config.workers === 0 })
          .catch((error: unknown) => {
            logger.error({ err: error }, 'the model bundle could not be loaded');
            throw error;
          });
  if (load === undefined) service.fail('no model bundle given: start with --bundle <dir>');
  ready.catch(() => {});

  let closing: Promise<boolean> | undefined;
  const close = (graceMs = config.shutdownGraceMs): Promise<boolean> => {
    closing ??= (async () => {
      logger.info({ inFlight: service.inFlight, graceMs }, 'shutting down');
      const drained = await service.drain(graceMs);
      await new Promise<void>((resolve) => {
        // Keep-alive connections that finish their last answer after this point are closed as they
        // turn idle; whatever is still open after a second (or at once, if not drained) is cut.
        const http = server as unknown as {
          closeIdleConnections?: () => void;
          closeAllConnections?: () => void;
        };
        const sweep = setInterval(() => http.closeIdleConnections?.(), 25);
        const cut = setTimeout(() => http.closeAllConnections?.(), drained ? 1000 : 0);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
        http.closeIdleConnections?.();
      });
      await service.close();
      // A bundle still loading is released by the load itself once it finishes (worker threads must
      // not be cut off in the middle of creating sessions): wait for that, within the grace period.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        ready.then(
          () => {},
          () => {},
        ),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
      logger.info({ drained }, 'stopped');
      return drained;
    })();
    return closing;
  };
  return { url, port, service, app, logger, ready, close };
}
