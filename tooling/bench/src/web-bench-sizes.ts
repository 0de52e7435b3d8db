/**
 * Helper of `web-browser.bench.ts`: the sizes of the web app's build (`packages/web/dist/app`), each
 * file raw and gzip-compressed (node:zlib, level 9). The app's scripts are split into the initial ones
 * (what `index.html` references: its module script and any `modulepreload` links) and the lazily loaded
 * chunks (every other `assets/*.js`, i.e. the three.js 3D view); CSS apart. onnxruntime-web's runtime
 * under `ort/` (`.wasm`, `.mjs`; loaded only in browser mode) is reported on its own, for information.
 * Source maps are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Measurement } from './harness.ts';

/** One file of the build. */
export interface BuiltFile {
  /** Path relative to the build folder, e.g. `assets/index-abc.js`. */
  path: string;
  raw: number;
  gzip: number;
}

/** The build's files by group. */
export interface AppSizes {
  initialJs: BuiltFile[];
  lazyJs: BuiltFile[];
  css: BuiltFile[];
  ort: BuiltFile[];
}

const sum = (files: readonly BuiltFile[], key: 'raw' | 'gzip'): number =>
  files.reduce((a, f) => a + f[key], 0);

function sized(root: string, path: string): BuiltFile {
  const bytes = readFileSync(join(root, path));
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The scripts `index.html` loads at once (module entry and `modulepreload` links), as `assets/…` paths. */
export function initialScripts(indexHtml: string): string[] {
  const paths = new Set<string>();
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script');
    const isPreload = /\brel="modulepreload"/.test(tag);
    if (!isScript && !isPreload) continue;
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (url?.endsWith('.js')) paths.add(url.replace(/^\.?\//, ''));
  }
  return [...paths];
}

/** Measures the build at `webRoot`; throws when it has no initial script. */
export function appSizes(webRoot: string): AppSizes {
  const initial = new Set(initialScripts(readFileSync(join(webRoot, 'index.html'), 'utf8')));
  const assets = readdirSync(join(webRoot, 'assets')).sort();
  const js = assets.filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const missing = [...initial].filter((p) => !js.includes(p));
  if (initial.size === 0 || missing.length > 0) {
    throw new Error(
      `index.html's scripts are not all in ${webRoot}/assets (${missing.join(', ') || 'none'})`,
    );
  }
  const ort = readdirSync(join(webRoot, 'ort'))
    .filter((f) => f.endsWith('.wasm') || f.endsWith('.mjs'))
    .sort();
  return {
    initialJs: js.filter((p) => initial.has(p)).map((p) => sized(webRoot, p)),
    lazyJs: js.filter((p) => !initial.has(p)).map((p) => sized(webRoot, p)),
    css: assets.filter((f) => f.endsWith('.css')).map((f) => sized(webRoot, `assets/${f}`)),
    ort: ort.map((f) => sized(webRoot, `ort/${f}`)),
  };
}

const size = (name: string, bytes: number): Measurement => ({ name, medianMs: 0, runs: 1, sizeBytes: bytes });
const names = (files: readonly BuiltFile[]): string => files.map((f) => f.path.split('/').pop()).join(', ');

/** The sizes as measurements, ratios and a sentence for the description. */
export function sizeReport(s: AppSizes): {
  measurements: Measurement[];
  ratios: Record<string, number>;
  summary: string;
} {
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const appGzip = sum(s.initialJs, 'gzip') + sum(s.lazyJs, 'gzip') + sum(s.css, 'gzip');
  const measurements = [
    size(`app JS, initial (${names(s.initialJs)}), gzip -9`, sum(s.initialJs, 'gzip')),
    size(`app JS, lazy (${names(s.lazyJs) || 'none'}), gzip -9`, sum(s.lazyJs, 'gzip')),
    size(`app CSS (${names(s.css)}), gzip -9`, sum(s.css, 'gzip')),
    size('app JS + CSS in all, gzip -9 (without ort/)', appGzip),
    ...s.ort.flatMap((f) => [size(`${f.path}, raw`, f.raw), size(`${f.path}, gzip -9`, f.gzip)]),
  ];
  const ratios: Record<string, number> = {
    appInitialJsGzipKiB: sum(s.initialJs, 'gzip') / 1024,
    appInitialJsRawKiB: sum(s.initialJs, 'raw') / 1024,
    appLazyJsGzipKiB: sum(s.lazyJs, 'gzip') / 1024,
    appLazyJsRawKiB: sum(s.lazyJs, 'raw') / 1024,
    appCssGzipKiB: sum(s.css, 'gzip') / 1024,
    appTotalGzipKiB: appGzip / 1024,
    ortGzipKiB: sum(s.ort, 'gzip') / 1024,
    ortRawKiB: sum(s.ort, 'raw') / 1024,
  };
  const summary =
    `App build sizes (gzip -9, raw in brackets): initial JS ${kib(sum(s.initialJs, 'gzip'))} (${kib(sum(s.initialJs, 'raw'))}), ` +
    `lazy JS (three.js 3D view) ${kib(sum(s.lazyJs, 'gzip'))} (${kib(sum(s.lazyJs, 'raw'))}), CSS ${kib(sum(s.css, 'gzip'))} (${kib(sum(s.css, 'raw'))}); ` +
    `not counted: onnxruntime-web under ort/ (browser mode only) ${s.ort.map((f) => `${f.path.split('/').pop()} ${kib(f.gzip)} (${kib(f.raw)})`).join(', ')}`;
  return { measurements, ratios, summary };
}
