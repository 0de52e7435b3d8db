/**
 * `createApp`: the Hono application of the SignLLM API. Routes validate with core's zod schemas,
 * every error is `{ error: { code, message } }` with the right status, and the translation itself is
 * the `TranslationService`'s. `AppType` is the route table for Hono's typed client (`hc`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import {
  ERROR_CODES,
  type HealthResponse,
  type InputType,
  parseWith,
  resolveBundleLanguage,
  type ServedLanguage,
  SignLLMError,
  type TranslateQuery,
  TranslateQuerySchema,
  type TranslateRequest,
  type TranslateRequestInput,
  TranslateRequestSchema,
} from '@signllm/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { validator } from 'hono/validator';
import type { Logger } from 'pino';
import { BUNDLE_FILES_PREFIX, bundleFiles } from './bundle-files.ts';
import type { ServeLimits } from './config.ts';
import { crossOriginIsolation } from './cross-origin-isolation.ts';
import { ApiError, errorAnswer, HTTP_ERROR_CODES } from './http-errors.ts';
import { landingPage } from './landing-page.ts';
import { openApiDocument } from './openapi.ts';
import {
  endEvent,
  frameEvent,
  jsonAnswer,
  ndjson,
  poseAnswer,
  skelsAnswer,
  startEvent,
} from './output-formats.ts';
import {
  type OutputFrame,
  STREAM_BATCH_MS,
  type Translation,
  type TranslationPlan,
  type TranslationService,
  type TranslationSummary,
} from './translation-service.ts';

/** Options of `createApp`. */
export interface AppOptions {
  /** Version reported by `/healthz` and `/openapi.json`. */
  version: string;
  /** pino logger; each request logs through a child with its request id. */
  logger: Logger;
  /** Origins allowed by CORS (empty: CORS off). */
  corsOrigins?: readonly string[];
  /** Folder of the web app's build served at `/` (when it holds an index.html). */
  webRoot?: string | undefined;
  /**
   * Folder of the loaded model bundle: its files are served at `/v1/bundle/` (see `bundle-files.ts`).
   * Undefined: no such route.
   */
  bundleDir?: string | undefined;
  /** false: `/v1/bundle/` answers 404 saying that the bundle is not published (default true). */
  bundleFiles?: boolean;
}

/** Variables each request carries. */
type Env = { Variables: { requestId: string; log: Logger } };

/** Media type of `.pose` answers. */
export const POSE_MEDIA_TYPE = 'application/pose';
/** Media type of streamed answers. */
export const NDJSON_MEDIA_TYPE = 'application/x-ndjson';

/** Paths of the API and the methods each answers (for 405 and `Allow`). */
const ROUTES: Record<string, string[]> = {
  '/healthz': ['GET', 'HEAD'],
  '/readyz': ['GET', 'HEAD'],
  '/v1/languages': ['GET', 'HEAD'],
  '/v1/translate': ['GET', 'HEAD', 'POST'],
  '/openapi.json': ['GET', 'HEAD'],
};

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;.*)?$/i;

function answerError(c: Context<Env>, error: unknown): Response {
  const a = errorAnswer(error);
  const log = c.get('log');
  if (a.serverFault) log?.error({ err: error, code: a.body.error.code }, 'request failed');
  else log?.info({ code: a.body.error.code, status: a.status }, a.body.error.message.slice(0, 300));
  return c.json(a.body, a.status, { ...a.headers });
}

/** JSON body check before validation: 415 for another content type, 400 for malformed JSON. */
const jsonBody: MiddlewareHandler<Env> = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new ApiError(
      415,
      HTTP_ERROR_CODES.unsupportedMediaType,
      `expected Content-Type: application/json, got ${type === '' ? 'none' : JSON.stringify(type.slice(0, 100))}`,
    );
  }
  const text = await c.req.text();
  try {
    JSON.parse(text);
  } catch (e) {
    throw new ApiError(
      400,
      HTTP_ERROR_CODES.invalidJson,
      `the request body is not valid JSON: ${e instanceof Error ? e.message.slice(0, 200) : 'parse error'}`,
    );
  }
  await next();
};

/** The request body, validated by core's `TranslateRequestSchema` (typed for `hc` as the client writes it). */
const translateBody = validator('json', (value) =>
  parseWith(TranslateRequestSchema, value, 'request body'),
) as unknown as MiddlewareHandler<
  Env,
  '/v1/translate',
  { in: { json: TranslateRequestInput }; out: { json: TranslateRequest } }
>;

/** The query of the GET form, validated by core's `TranslateQuerySchema` (unknown parameters ignored). */
const translateQuery = validator('query', (value) =>
  parseWith(TranslateQuerySchema, flattenQuery(value), 'query'),
) as unknown as MiddlewareHandler<
  Env,
  '/v1/translate',
  { in: { query: { text: string; spoken: string; signed: string } }; out: { query: TranslateQuery } }
>;

function flattenQuery(value: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      if (v.length > 1 && ['text', 'spoken', 'signed'].includes(k)) {
        throw new SignLLMError(
          ERROR_CODES.schemaInvalid,
          `query: "${k}" is given ${v.length} times; give it once`,
        );
      }
      out[k] = v[0] ?? '';
    } else out[k] = v;
  }
  return out;
}

/** A translation as an answer in `format`; the stream starts once the first frame exists. */
async function respond(
  c: Context<Env>,
  t: Translation,
  format: TranslateRequest['format'],
  stream: boolean,
): Promise<Response> {
  const { plan } = t;
  if (stream) return streamAnswer(c, t);
  const { frames, summary } = await t.collect();
  const headers = { 'X-Frames': String(frames.length), 'X-Generation-Ms': summary.generationMs.toFixed(1) };
  if (format === 'pose') {
    return c.body(poseAnswer(plan, frames) as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Type': POSE_MEDIA_TYPE,
      'Content-Disposition': `attachment; filename="${fileName(plan)}.pose"`,
    });
  }
  if (format === 'skels') {
    return c.body(skelsAnswer(plan, frames), 200, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName(plan)}.skels"`,
    });
  }
  return c.json(jsonAnswer(plan, frames, summary), 200, headers);
}

function fileName(plan: TranslationPlan): string {
  return `signllm-${plan.language}`;
}

/**
 * NDJSON: a `start` line, a `frame` line per frame as it is generated, then `end` (or `error` when the
 * generation fails after the answer began). Errors before the first frame get their own status.
 */
async function streamAnswer(c: Context<Env>, t: Translation): Promise<Response> {
  const encoder = new TextEncoder();
  let first: IteratorResult<OutputFrame, TranslationSummary>;
  try {
    first = await t.frames.next();
  } catch (error) {
    t.release();
    throw error;
  }
  let pending: IteratorResult<OutputFrame, TranslationSummary> | undefined = first;
  let sentFirst = false;
  const log = c.get('log');
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(ndjson(startEvent(t.plan))));
      },
      async pull(controller) {
        // The first frame goes out at once; after it, the frames made within STREAM_BATCH_MS go out
        // as one chunk (one socket write instead of one per frame; generation runs far ahead of
        // real time, so a viewer never waits on this).
        let chunk = '';
        try {
          const deadline = performance.now() + (sentFirst ? STREAM_BATCH_MS : 0);
          do {
            const r = pending ?? (await t.frames.next());
            pending = undefined;
            if (r.done) {
              controller.enqueue(encoder.encode(chunk + ndjson(endEvent(r.value))));
              controller.close();
              t.release();
              return;
            }
            chunk += ndjson(frameEvent(r.value));
          } while (performance.now() < deadline);
          sentFirst = true;
          controller.enqueue(encoder.encode(chunk));
        } catch (error) {
          const a = errorAnswer(error);
          if (a.serverFault) log.error({ err: error }, 'streamed translation failed');
          else log.info({ code: a.body.error.code }, 'streamed translation stopped');
          controller.enqueue(encoder.encode(chunk + ndjson({ type: 'error', error: a.body.error })));
          controller.close();
          t.release();
        }
      },
      async cancel() {
        // The client went away: stop generating.
        log.info({}, 'client closed the stream');
        try {
          await t.frames.return(undefined as never);
        } finally {
          t.release();
        }
      },
    },
    { highWaterMark: 0 },
  );
  return c.body(body, 200, {
    'Content-Type': `${NDJSON_MEDIA_TYPE}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

/**
 * The input kind of the GET form: text if the language takes it, else a prompt (the text wrapped by
 * the model's own prompt templates). A spoken language other than the one the model reads is a 400.
 */
function queryPlanInput(
  service: TranslationService,
  query: TranslateQuery,
): { language: string; inputType: InputType } {
  const languages = service.languages();
  const code = resolveBundleLanguage(
    query.signed,
    languages.map((l) => l.code),
  );
  const target = languages.find((l) => l.code === code) as ServedLanguage;
  const primary = (tag: string) => tag.toLowerCase().split('-')[0];
  if (primary(query.spoken) !== primary(target.spokenLanguage)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `the model translates "${target.code}" from spoken "${target.spokenLanguage}", not "${query.spoken}"`,
      { details: { value: query.spoken, options: [target.spokenLanguage] } },
    );
  }
  const inputType = target.inputs.includes('text')
    ? 'text'
    : target.inputs.includes('prompt')
      ? 'prompt'
      : undefined;
  if (inputType === undefined) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `the model reads only glosses for "${target.code}"; POST /v1/translate with inputType "gloss" instead`,
    );
  }
  return { language: target.code, inputType };
}

/**
 * Builds the app around a translation service.
 *
 * @example
 * ```ts
 * const app = createApp(service, { version: '0.1.0', logger: pino() });
 * const res = await app.request('/v1/languages');
 * ```
 */
export function createApp(service: TranslationService, options: AppOptions) {
  const limits: ServeLimits = service.limits;
  const app = new Hono<Env>();
  const logger = options.logger;
  const corsOn = options.corsOrigins !== undefined && options.corsOrigins.length > 0;
  const publishBundle = options.bundleDir !== undefined && options.bundleFiles !== false;

  app.use(crossOriginIsolation({ cors: corsOn }));
  app.use(requestId({ limitLength: 128 }));
  app.use(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ reqId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path.slice(0, 200),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
  if (corsOn) {
    const origins = [...(options.corsOrigins ?? [])];
    app.use(
      '*',
      cors({
        origin: origins.includes('*') ? '*' : origins,
        allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
        allowHeaders: ['Content-Type', 'X-Request-Id'],
        exposeHeaders: ['X-Request-Id', 'X-Frames', 'X-Generation-Ms', 'Retry-After', 'ETag'],
        maxAge: 600,
      }),
    );
  }
  app.use(async (c, next) => {
    if ((service.state === 'draining' || service.state === 'closed') && c.req.path !== '/healthz') {
      throw new ApiError(503, HTTP_ERROR_CODES.shuttingDown, 'the server is shutting down', {
        'Retry-After': '5',
        Connection: 'close',
      });
    }
    await next();
  });
  app.onError((error, c) => {
    if (error instanceof HTTPException && !(error instanceof ApiError)) {
      const status = error.status;
      const known = status === 413 ? 413 : status === 404 ? 404 : 400;
      return answerError(
        c,
        new ApiError(
          known,
          known === 413
            ? HTTP_ERROR_CODES.payloadTooLarge
            : known === 404
              ? HTTP_ERROR_CODES.notFound
              : ERROR_CODES.schemaInvalid,
          error.message || 'bad request',
        ),
      );
    }
    return answerError(c, error);
  });
  app.notFound((c) => {
    const methods = ROUTES[c.req.path];
    if (methods) {
      return answerError(
        c,
        new ApiError(
          405,
          HTTP_ERROR_CODES.methodNotAllowed,
          `${c.req.method} is not allowed on ${c.req.path}; use ${methods.filter((m) => m !== 'HEAD').join(' or ')}`,
          { Allow: methods.join(', ') },
        ),
      );
    }
    return answerError(
      c,
      new ApiError(
        404,
        HTTP_ERROR_CODES.notFound,
        `no route ${c.req.method} ${c.req.path.slice(0, 200)}; the API is described at /openapi.json`,
      ),
    );
  });

  const limitBody = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: () => {
      throw new ApiError(
        413,
        HTTP_ERROR_CODES.payloadTooLarge,
        `the request body is larger than this server's limit of ${limits.maxBodyBytes} bytes`,
      );
    },
  });

  const webRoot =
    options.webRoot !== undefined && existsSync(join(options.webRoot, 'index.html'))
      ? options.webRoot
      : undefined;

  const routes = app
    .get('/healthz', (c) => c.json({ status: 'ok', version: options.version } satisfies HealthResponse, 200))
    .get('/readyz', (c) => {
      const ready = service.readiness();
      return c.json(ready, ready.ready ? 200 : 503, ready.ready ? {} : { 'Retry-After': '1' });
    })
    .get('/v1/languages', (c) => c.json({ languages: service.languages() }, 200))
    .post('/v1/translate', limitBody, jsonBody, translateBody, async (c) => {
      const request = c.req.valid('json');
      if (request.stream === true && request.format !== 'json') {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `stream: true sends JSON lines; it cannot be combined with format "${request.format}"`,
        );
      }
      const plan = service.plan(request);
      const t = service.start(plan, c.req.raw.signal);
      return respond(c, t, request.format, request.stream === true);
    })
    .get('/v1/translate', translateQuery, async (c) => {
      const query = c.req.valid('query');
      const { language, inputType } = queryPlanInput(service, query);
      const plan = service.plan({ input: query.text, inputType, language, format: 'pose' });
      const t = service.start(plan, c.req.raw.signal);
      return respond(c, t, 'pose', false);
    })
    .get('/openapi.json', (c) =>
      c.json(openApiDocument({ version: options.version, limits, bundleFiles: publishBundle }), 200),
    );

  if (options.bundleDir !== undefined) {
    const handler = bundleFiles(service, { dir: options.bundleDir, enabled: publishBundle });
    app.all(`${BUNDLE_FILES_PREFIX}*`, handler);
  }
  if (webRoot !== undefined) {
    app.use('/*', serveStatic({ root: webRoot }));
  } else {
    app.get('/', (c) => c.html(landingPage(options.version, service.readiness().ready, publishBundle)));
  }
  return routes;
}

/** The route table of the API, for Hono's typed client: `hc<AppType>(baseUrl)`. */
export type AppType = ReturnType<typeof createApp>;
