/**
 * `GET /openapi.json`: the OpenAPI 3.1 description of the API, written from the same zod schemas the
 * routes validate with (core's `toJsonSchema`), so the document cannot drift from the code.
 */
import { API_LIMITS, type SchemaName, toJsonSchema } from '@signllm/core';
import type { ServeLimits } from './config.ts';

type Json = Record<string, unknown>;

/** Component names of the schemas in the document. */
const COMPONENTS: Record<string, { schema: SchemaName; io: 'input' | 'output' }> = {
  TranslateRequest: { schema: 'translate-request', io: 'input' },
  TranslateResponse: { schema: 'translate-response', io: 'output' },
  TranslateStreamEvent: { schema: 'translate-stream-event', io: 'output' },
  LanguagesResponse: { schema: 'languages-response', io: 'output' },
  ErrorResponse: { schema: 'error-response', io: 'output' },
  HealthResponse: { schema: 'health-response', io: 'output' },
  ReadyResponse: { schema: 'ready-response', io: 'output' },
};

const ref = (name: keyof typeof COMPONENTS | string): Json => ({ $ref: `#/components/schemas/${name}` });

function schemaOf(name: SchemaName, io: 'input' | 'output'): Json {
  const { $schema: _, title: __, ...rest } = toJsonSchema(name, { io });
  return rest;
}

function error(description: string, headers?: Json): Json {
  return {
    description,
    content: { 'application/json': { schema: ref('ErrorResponse') } },
    ...(headers ? { headers } : {}),
  };
}

const RETRY_AFTER: Json = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
};

/** `GET /v1/bundle/{path}` (see bundle-files.ts). */
function bundleFilesPath(): Json {
  const header = (description: string, type = 'string'): Json => ({ description, schema: { type } });
  const cache: Json = {
    ETag: header('Strong ETag: the SHA-256 of the file, in quotes'),
    'Cache-Control': header('no-cache: revalidate with If-None-Match'),
  };
  return {
    get: {
      summary: 'A file of the loaded model bundle (to run the model in the browser)',
      operationId: 'bundleFile',
      description:
        "bundle.json, or a model or tokenizer file it lists (core's httpBundleSource reads this folder). Nothing else is served. 404 when the server runs with --no-bundle-files.",
      parameters: [
        {
          name: 'path',
          in: 'path',
          required: true,
          description:
            '"bundle.json" or a path listed in it (models[].path, tokenizers[].path); may contain "/"',
          schema: { type: 'string' },
        },
        {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'An ETag of an earlier answer: 304 when the file has not changed',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The exact bytes of the file',
          headers: { ...cache, 'Content-Length': header('Size of the file in bytes', 'integer') },
          content: {
            'application/json': { schema: { type: 'object', description: 'bundle.json, a tokenizer' } },
            'application/octet-stream': {
              schema: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
          },
        },
        '304': { description: 'Not modified (If-None-Match matched)', headers: cache },
        '404': error('Not bundle.json nor a file it lists, or the bundle is not published (not_found)'),
        '503': error('No model loaded yet (not_ready) or shutting down (shutting_down)', RETRY_AFTER),
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the API, with the server's limits in the descriptions.
 *
 * @example
 * ```ts
 * app.get('/openapi.json', (c) => c.json(openApiDocument({ version: '0.1.0', limits })));
 * ```
 * @param options.bundleFiles whether `/v1/bundle/{path}` is served (and so described).
 */
export function openApiDocument(options: {
  version: string;
  limits: ServeLimits;
  bundleFiles?: boolean;
}): Json {
  const { limits } = options;
  const schemas: Json = {};
  for (const [name, { schema, io }] of Object.entries(COMPONENTS)) schemas[name] = schemaOf(schema, io);
  const query = schemaOf('translate-query', 'input');
  const queryProps = query.properties as Record<string, Json>;
  const translateErrors: Json = {
    '400': error(
      'Invalid request: malformed JSON (invalid_json), a field that fails the schema (schema_invalid), an unknown language (unknown_language, listing the valid codes), an input kind the language does not accept, an input that is too long or empty, maxFrames above the limit',
    ),
    '413': error(`Body larger than ${limits.maxBodyBytes} bytes (payload_too_large)`),
    '429': error(
      `More than ${limits.maxInFlight} translations running (too_many_requests); nothing is queued`,
      RETRY_AFTER,
    ),
    '503': error('No model loaded yet (not_ready) or shutting down (shutting_down)', RETRY_AFTER),
    '504': error(`The translation took longer than ${limits.timeoutMs} ms (timeout)`),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'SignLLM API',
      version: options.version,
      description:
        'Text, question-style prompts or glosses in, 3-D sign-language pose sequences out (JSON, .pose, .skels, or frames streamed as NDJSON). Every error is JSON { error: { code, message } }.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'The process is up',
          operationId: 'health',
          responses: {
            '200': {
              description: 'Up',
              content: { 'application/json': { schema: ref('HealthResponse') } },
            },
          },
        },
      },
      '/readyz': {
        get: {
          summary: 'A model bundle is loaded and warmed up',
          operationId: 'ready',
          responses: {
            '200': {
              description: 'Ready',
              content: { 'application/json': { schema: ref('ReadyResponse') } },
            },
            '503': {
              description: 'Not ready (loading, failed, or shutting down), with the reason',
              content: { 'application/json': { schema: ref('ReadyResponse') } },
            },
          },
        },
      },
      '/v1/languages': {
        get: {
          summary: 'The sign languages the loaded model serves',
          operationId: 'languages',
          responses: {
            '200': {
              description: 'Served languages with their codes, names, spoken languages and accepted inputs',
              content: { 'application/json': { schema: ref('LanguagesResponse') } },
            },
            '503': error('No model loaded yet', RETRY_AFTER),
          },
        },
      },
      '/v1/translate': {
        post: {
          summary: 'Translate text, a prompt or glosses into a pose sequence',
          operationId: 'translate',
          description: `Input at most ${limits.maxInputChars} characters, at most ${limits.maxFrames} frames, body at most ${limits.maxBodyBytes} bytes. \`format\` picks the answer: "json", "pose" (a .pose v0.2 file on a 512 px canvas) or "skels" (one Prompt2Sign line); \`stream: true\` (json only) sends NDJSON lines as frames are generated.`,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('TranslateRequest') } },
          },
          responses: {
            '200': {
              description:
                'The pose sequence, in the requested format; with stream: true, one TranslateStreamEvent per NDJSON line',
              content: {
                'application/json': { schema: ref('TranslateResponse') },
                'application/x-ndjson': { schema: ref('TranslateStreamEvent') },
                'application/pose': {
                  schema: { type: 'string', contentMediaType: 'application/octet-stream' },
                },
                'text/plain': { schema: { type: 'string', description: 'A Prompt2Sign .skels line' } },
              },
            },
            ...translateErrors,
            '415': error('Content-Type is not application/json (unsupported_media_type)'),
          },
        },
        get: {
          summary: 'Translate text into a .pose file (the URL form sign.mt clients use)',
          operationId: 'translatePose',
          parameters: ['text', 'spoken', 'signed'].map((name) => ({
            name,
            in: 'query',
            required: true,
            description: queryProps[name]?.description,
            schema: queryProps[name],
          })),
          responses: {
            '200': {
              description: 'A .pose v0.2 file',
              content: {
                'application/pose': {
                  schema: { type: 'string', contentMediaType: 'application/octet-stream' },
                },
              },
            },
            ...translateErrors,
          },
        },
      },
      ...(options.bundleFiles === true ? { '/v1/bundle/{path}': bundleFilesPath() } : {}),
      '/openapi.json': {
        get: {
          summary: 'This document',
          operationId: 'openapi',
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
    },
    components: { schemas },
    'x-signllm-limits': { ...limits, schemaMaxInputChars: API_LIMITS.maxInputChars },
  };
}
