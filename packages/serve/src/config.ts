/**
 * The server's configuration: where the bundle is, where to listen, and every limit, from command-line
 * options, then environment variables (`SIGNLLM_*`), then defaults. Validated with zod, so a bad value
 * is one clear error naming the option and the variable.
 */

import { availableParallelism } from 'node:os';
import { API_LIMITS, ERROR_CODES, SignLLMError } from '@signllm/core';
import { z } from 'zod';

/** The limits a server enforces on every request. */
export interface ServeLimits {
  /** Largest request body, in bytes (413 beyond it). */
  maxBodyBytes: number;
  /** Longest `input`, in characters (400 beyond it); at most `API_LIMITS.maxInputChars`. */
  maxInputChars: number;
  /** Most frames one request may generate (the default `maxFrames`; 400 when a request asks for more). */
  maxFrames: number;
  /** Translations running at once; one more gets 429 with `Retry-After`, never a queue. */
  maxInFlight: number;
  /** Time budget of one translation, in milliseconds (504 beyond it). */
  timeoutMs: number;
}

/** A resolved server configuration. */
export interface ServeConfig {
  /**
   * Folder of the model bundle; undefined: the default model (`models/default` in the repository, see
   * `defaultBundleDir`), which the CLI uses when it is there.
   */
  bundle: string | undefined;
  /** Interface to listen on. */
  host: string;
  /** Port to listen on (0: any free port). */
  port: number;
  /** Folder of the web app's build to serve at `/`; undefined: look for the web package's build. */
  web: string | undefined;
  /**
   * Publish the bundle's files (`bundle.json` and the files it lists) at `/v1/bundle/`, for a browser
   * that runs the model itself; false: that route answers 404.
   */
  bundleFiles: boolean;
  /** Origins allowed by CORS; empty: CORS off (no CORS headers). `*` allows any origin. */
  corsOrigins: string[];
  /** Worker threads that run the model (each loads its own copy); 0: run it on the main thread. */
  workers: number;
  /** Intra-op threads of onnxruntime-node (per worker). */
  threads: number;
  /** pino log level. */
  logLevel: LogLevel;
  /** How long a SIGTERM waits for in-flight requests before closing anyway, in milliseconds. */
  shutdownGraceMs: number;
  /** Request limits. */
  limits: ServeLimits;
}

/** The most workers the default starts (each holds a copy of the model). */
export const MAX_AUTO_WORKERS = 4;

/**
 * The default number of workers: one per core, at most `MAX_AUTO_WORKERS`. With one intra-op thread
 * each, this gave the most throughput at no cost in latency on the development machine (2 workers ×
 * 1 thread against the main thread × 2 threads: 2.3× the requests/s for the tiny model, 1.4× for Base,
 * the same single-request latency).
 */
export function autoWorkers(): number {
  return Math.max(1, Math.min(MAX_AUTO_WORKERS, availableParallelism()));
}

/** pino's log levels, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of `LOG_LEVELS`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The defaults of every setting. */
export const DEFAULT_CONFIG: Readonly<Omit<ServeConfig, 'limits'> & { limits: Readonly<ServeLimits> }> =
  Object.freeze({
    bundle: undefined,
    host: '127.0.0.1',
    port: 8080,
    web: undefined,
    bundleFiles: true,
    corsOrigins: [],
    workers: autoWorkers(),
    threads: 1,
    logLevel: 'info',
    shutdownGraceMs: 30_000,
    limits: Object.freeze({
      maxBodyBytes: 64 * 1024,
      maxInputChars: API_LIMITS.maxInputChars,
      maxFrames: 1000,
      maxInFlight: 4,
      timeoutMs: 30_000,
    }),
  });

/** A setting: its option name, environment variable and how it is read. */
interface Setting {
  option: string;
  env: string;
  description: string;
  /**
   * A switch: the option takes no value and turns the setting off (`--no-bundle-files` sets
   * `bundleFiles` to false); its variable takes `0`, `1`, `false` or `true`.
   */
  switch?: true;
}

/** Values a switch's environment variable takes. */
export const SWITCH_VALUES = ['0', '1', 'false', 'true'] as const;

/**
 * Every setting with its command-line option and environment variable (the CLI help and README are
 * written from this list).
 */
export const SETTINGS: readonly Setting[] = [
  {
    option: 'bundle',
    env: 'SIGNLLM_BUNDLE',
    description:
      "model bundle folder (from signllm-train export; default: the repository's default model, models/default)",
  },
  { option: 'host', env: 'SIGNLLM_HOST', description: 'interface to listen on (default 127.0.0.1)' },
  { option: 'port', env: 'SIGNLLM_PORT', description: 'port to listen on (default 8080; 0 = any free port)' },
  {
    option: 'web',
    env: 'SIGNLLM_WEB',
    description: "web app build folder served at / (default: @signllm/web's build, packages/web/dist/app)",
  },
  {
    option: 'no-bundle-files',
    env: 'SIGNLLM_BUNDLE_FILES',
    description: `do not publish the model bundle's files at /v1/bundle/ (default: published; variable: ${SWITCH_VALUES.join(', ')})`,
    switch: true,
  },
  {
    option: 'cors-origins',
    env: 'SIGNLLM_CORS_ORIGINS',
    description: 'comma-separated origins allowed by CORS, or * (default: CORS off)',
  },
  {
    option: 'workers',
    env: 'SIGNLLM_WORKERS',
    description: `worker threads running the model, each with its own copy; 0 = the main thread (default: one per core, at most ${MAX_AUTO_WORKERS}: here ${autoWorkers()})`,
  },
  {
    option: 'threads',
    env: 'SIGNLLM_THREADS',
    description: 'onnxruntime intra-op threads per worker (default 1)',
  },
  {
    option: 'log-level',
    env: 'SIGNLLM_LOG_LEVEL',
    description: `log level: ${LOG_LEVELS.join(', ')} (default info)`,
  },
  {
    option: 'shutdown-grace-ms',
    env: 'SIGNLLM_SHUTDOWN_GRACE_MS',
    description: 'on SIGTERM, how long in-flight requests may finish (default 30000)',
  },
  {
    option: 'max-body-bytes',
    env: 'SIGNLLM_MAX_BODY_BYTES',
    description: 'largest request body in bytes (default 65536)',
  },
  {
    option: 'max-input-chars',
    env: 'SIGNLLM_MAX_INPUT_CHARS',
    description: `longest input in characters (default and maximum ${API_LIMITS.maxInputChars})`,
  },
  {
    option: 'max-frames',
    env: 'SIGNLLM_MAX_FRAMES',
    description: `most frames per request (default 1000, at most ${API_LIMITS.maxFrames})`,
  },
  {
    option: 'max-in-flight',
    env: 'SIGNLLM_MAX_IN_FLIGHT',
    description: 'translations at once; more get 429 (default 4)',
  },
  {
    option: 'timeout-ms',
    env: 'SIGNLLM_TIMEOUT_MS',
    description: 'time budget of one translation in ms; beyond it 504 (default 30000)',
  },
];

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A switch: a boolean (an option), or one of `SWITCH_VALUES` (its environment variable). */
const onOff = z.union([z.boolean(), z.enum(SWITCH_VALUES).transform((v) => v === '1' || v === 'true')], {
  error: `expected one of ${SWITCH_VALUES.join(', ')}`,
});

const Schema = z.strictObject({
  bundle: z.string().min(1).optional(),
  host: z.string().min(1).max(255),
  port: int(0, 65_535),
  web: z.string().min(1).optional(),
  bundleFiles: onOff,
  corsOrigins: z.array(z.string().min(1).max(2048)).max(100),
  workers: int(0, 64),
  threads: int(1, 256),
  logLevel: z.enum(LOG_LEVELS),
  shutdownGraceMs: int(0, 3_600_000),
  limits: z.strictObject({
    maxBodyBytes: int(256, 64 * 1024 * 1024),
    maxInputChars: int(1, API_LIMITS.maxInputChars),
    maxFrames: int(1, API_LIMITS.maxFrames),
    maxInFlight: int(1, 10_000),
    timeoutMs: int(1, 3_600_000),
  }),
});

/** Settings as given, every one optional: options and environment values are strings. */
export type ServeConfigInput = {
  [K in keyof Omit<ServeConfig, 'limits'>]?: ServeConfig[K] | string | undefined;
} & { limits?: { [K in keyof ServeLimits]?: number | string | undefined } };

const LIMIT_KEYS: Record<string, keyof ServeLimits> = {
  'max-body-bytes': 'maxBodyBytes',
  'max-input-chars': 'maxInputChars',
  'max-frames': 'maxFrames',
  'max-in-flight': 'maxInFlight',
  'timeout-ms': 'timeoutMs',
};

const TOP_KEYS: Record<string, keyof Omit<ServeConfig, 'limits'>> = {
  bundle: 'bundle',
  host: 'host',
  port: 'port',
  web: 'web',
  'no-bundle-files': 'bundleFiles',
  'cors-origins': 'corsOrigins',
  workers: 'workers',
  threads: 'threads',
  'log-level': 'logLevel',
  'shutdown-grace-ms': 'shutdownGraceMs',
};

/**
 * The settings found in environment variables (`SIGNLLM_*`, see `SETTINGS`); empty ones are ignored.
 *
 * @example
 * ```ts
 * configFromEnv({ SIGNLLM_PORT: '9000' }); // { port: '9000', limits: {} }
 * ```
 */
export function configFromEnv(env: Record<string, string | undefined>): ServeConfigInput {
  const out: ServeConfigInput & { limits: Record<string, string> } = { limits: {} };
  for (const s of SETTINGS) {
    const value = env[s.env];
    if (value === undefined || value.trim() === '') continue;
    const limit = LIMIT_KEYS[s.option];
    if (limit) out.limits[limit] = value.trim();
    else (out as Record<string, unknown>)[TOP_KEYS[s.option]!] = value.trim();
  }
  return out;
}

function splitOrigins(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function settingName(path: readonly PropertyKey[]): string {
  const key = String(path[path.length - 1] ?? '');
  const option = Object.entries({ ...TOP_KEYS, ...LIMIT_KEYS }).find(([, v]) => v === key)?.[0];
  const setting = SETTINGS.find((s) => s.option === option);
  return setting ? `--${setting.option} (${setting.env})` : key;
}

/**
 * Resolves a configuration: each layer's settings override the ones before it (pass defaults-less
 * layers such as `configFromEnv(process.env)` then the command-line options), on top of `DEFAULT_CONFIG`.
 *
 * @throws SignLLMError `invalid_argument` naming the option, its environment variable and the bad value.
 * @example
 * ```ts
 * const config = resolveServeConfig(configFromEnv(process.env), { port: '9000' });
 * ```
 */
export function resolveServeConfig(...layers: ServeConfigInput[]): ServeConfig {
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits } };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (key === 'limits') {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (v !== undefined) (merged.limits as Record<string, unknown>)[k] = v;
        }
      } else merged[key] = key === 'corsOrigins' ? splitOrigins(value) : value;
    }
  }
  const result = Schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const at = issue.path;
    let bad: unknown = merged;
    for (const k of at) bad = (bad as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey];
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Bad setting ${settingName(at)}: ${JSON.stringify(bad)} (${issue.message})`,
      { details: { path: at, value: bad } },
    );
  }
  const config = result.data;
  return {
    ...config,
    bundle: config.bundle,
    web: config.web,
  } as ServeConfig;
}
