/**
 * `signllm-serve`: the SignLLM HTTP API on a model bundle.
 *
 *   signllm-serve [--bundle <dir>] [--host 127.0.0.1] [--port 8080] [--max-frames 1000] …
 *
 * Without `--bundle` (or `SIGNLLM_BUNDLE`) it serves the default model, `models/default` in the
 * repository (`defaultBundleDir`); where that folder is missing (an installed package), it exits 2
 * saying how to get a bundle.
 * Settings come from the options, then `SIGNLLM_*` environment variables, then defaults (see --help).
 * Exit codes: 0 after a graceful shutdown (SIGTERM / SIGINT), 1 when the bundle cannot be loaded or
 * the port cannot be bound, 2 for bad usage.
 */
import { parseArgs } from 'node:util';
import { SignLLMError } from '@signllm/core';
import { configFromEnv, resolveServeConfig, SETTINGS, type ServeConfigInput } from './config.ts';
import { defaultBundleDir, findDefaultBundle, SERVE_VERSION, startServer } from './server.ts';

/** The usage error when no bundle is given and the default model is not where it should be. */
export function noBundleMessage(defaultDir: string = defaultBundleDir()): string {
  return (
    `no model bundle given, and the default model is not installed (no bundle.json in ${defaultDir}): ` +
    'pass --bundle <dir> (a folder made by `signllm-train export`) or set SIGNLLM_BUNDLE. ' +
    'The default model ships in the SignLLM repository as models/default: run signllm-serve from a clone of it, ' +
    'or rebuild the model there with `pnpm build:default-model`.'
  );
}

function help(): string {
  const width = Math.max(...SETTINGS.map((s) => s.option.length)) + 10;
  const lines = SETTINGS.map(
    (s) => `  --${(s.switch ? s.option : `${s.option} <value>`).padEnd(width)} ${s.description}  [${s.env}]`,
  );
  return [
    `signllm-serve ${SERVE_VERSION}: the SignLLM HTTP API on a model bundle`,
    '',
    'Usage: signllm-serve [--bundle <dir>] [options]',
    '',
    'Without --bundle or SIGNLLM_BUNDLE it serves the default model (a small demo model for eight',
    `languages; non-commercial licence): ${defaultBundleDir()}${findDefaultBundle() ? '' : ' (not installed here)'}`,
    '',
    'Options (each also settable by the environment variable in brackets):',
    ...lines,
    `  ${'--help'.padEnd(width + 2)} show this help`,
    `  ${'--version'.padEnd(width + 2)} print the version`,
    '',
    'Endpoints: GET /healthz, GET /readyz, GET /v1/languages, POST /v1/translate,',
    '           GET /v1/translate?text=…&spoken=…&signed=…, GET /v1/bundle/<file>, GET /openapi.json,',
    '           the web app at /',
  ].join('\n');
}

function usage(message: string): never {
  process.stderr.write(`signllm-serve: ${message}\nRun signllm-serve --help for the options.\n`);
  process.exit(2);
}

/** Runs the CLI with `argv` (without node and the script). */
export async function main(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      SETTINGS.map((s) => [s.option, { type: s.switch ? ('boolean' as const) : ('string' as const) }]),
    );
    ({ values } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean' }, version: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${help()}\n`);
    return;
  }
  if (values.version) {
    process.stdout.write(`${SERVE_VERSION}\n`);
    return;
  }
  const fromArgs: ServeConfigInput & { limits: Record<string, string | undefined> } = { limits: {} };
  const camel = (s: string) => s.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
  for (const s of SETTINGS) {
    const v = values[s.option];
    // A switch (`--no-bundle-files`) turns its setting (`bundleFiles`) off.
    if (s.switch && v === true) (fromArgs as Record<string, unknown>)[camel(s.option.slice(3))] = false;
    if (typeof v !== 'string') continue;
    if (s.option.startsWith('max-') || s.option === 'timeout-ms') fromArgs.limits[camel(s.option)] = v;
    else (fromArgs as Record<string, unknown>)[camel(s.option)] = v;
  }
  let config: ReturnType<typeof resolveServeConfig>;
  try {
    config = resolveServeConfig(configFromEnv(process.env), fromArgs);
  } catch (error) {
    usage(SignLLMError.isInstance(error) ? error.message : String(error));
  }
  let usesDefault = false;
  if (config.bundle === undefined) {
    const fallback = findDefaultBundle();
    if (fallback === undefined) usage(noBundleMessage());
    config = { ...config, bundle: fallback };
    usesDefault = true;
  }

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (error) {
    process.stderr.write(
      `signllm-serve: cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  if (usesDefault) {
    server.logger.info(
      { bundle: config.bundle },
      'no --bundle given: serving the default model (a demo; see its README.md for what it can do and its licence)',
    );
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      server.logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    server.logger.info({ signal }, 'signal received');
    void server.close().then(
      (drained) => process.exit(drained ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await server.ready;
    server.logger.info({ url: server.url }, `ready: ${server.url}`);
  } catch (error) {
    process.stderr.write(
      `signllm-serve: the model bundle in ${config.bundle} could not be loaded: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await server.close(0);
    process.exit(1);
  }
}
