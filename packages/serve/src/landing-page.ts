/**
 * The page at `/` when no web app build is present: what the server is and how to call it.
 */

/**
 * A small self-contained HTML page listing the endpoints, with a curl example.
 *
 * @example
 * ```ts
 * app.get('/', (c) => c.html(landingPage('0.1.0', true)));
 * ```
 * @param bundleFiles whether the bundle's files are published at `/v1/bundle/`.
 */
export function landingPage(version: string, ready: boolean, bundleFiles = false): string {
  const example =
    "curl -s localhost:8080/v1/translate -H 'Content-Type: application/json' \\\n" +
    '  -d \'{"input":"the sky is blue","language":"ase"}\'';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SignLLM API</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
code, pre { font: 14px ui-monospace, monospace; background: #f3f3f5; border-radius: 4px; }
pre { padding: .75rem; overflow-x: auto; }
code { padding: 0 .25rem; }
</style>
</head>
<body>
<h1>SignLLM API <small>${escapeHtml(version)}</small></h1>
<p>Model: <strong>${ready ? 'loaded' : 'not ready yet'}</strong> (<a href="/readyz">/readyz</a>).
The web app is not built into this server; build <code>@signllm/web</code> or pass <code>--web &lt;dir&gt;</code>.</p>
<ul>
<li><a href="/v1/languages"><code>GET /v1/languages</code></a>: the sign languages served</li>
<li><code>POST /v1/translate</code>: text, a prompt or glosses → poses (json, pose, skels, or streamed NDJSON)</li>
<li><code>GET /v1/translate?text=…&amp;spoken=en&amp;signed=ase</code>: a <code>.pose</code> file</li>
${bundleFiles ? '<li><a href="/v1/bundle/bundle.json"><code>GET /v1/bundle/bundle.json</code></a> and the files it lists: the model bundle, to run it in the browser</li>\n' : ''}<li><a href="/openapi.json"><code>GET /openapi.json</code></a>: the OpenAPI description</li>
</ul>
<pre>${escapeHtml(example)}</pre>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
