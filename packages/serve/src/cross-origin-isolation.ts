/**
 * Cross-origin isolation: every answer carries COOP `same-origin` and COEP `require-corp`, so the web
 * app served at `/` is cross-origin isolated and onnxruntime-web can use WebAssembly threads
 * (`SharedArrayBuffer`). CORP is `same-origin`, or `cross-origin` when CORS origins are configured:
 * CORP cannot name origins, and a page of an allowed origin that is itself cross-origin isolated may
 * only embed the server's answers when they opt in (reading them still needs CORS).
 */
import type { MiddlewareHandler } from 'hono';

/**
 * The headers every answer carries.
 *
 * @example
 * ```ts
 * crossOriginHeaders({ cors: false })['Cross-Origin-Resource-Policy']; // 'same-origin'
 * ```
 */
export function crossOriginHeaders(options: { cors: boolean }): Readonly<Record<string, string>> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': options.cors ? 'cross-origin' : 'same-origin',
  };
}

/**
 * Middleware setting `crossOriginHeaders` on every answer (errors, 404s and static files included).
 *
 * @example
 * ```ts
 * app.use(crossOriginIsolation({ cors: corsOrigins.length > 0 }));
 * ```
 */
export function crossOriginIsolation(options: { cors: boolean }): MiddlewareHandler {
  const headers = Object.entries(crossOriginHeaders(options));
  return async (c, next) => {
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}
