/**
 * @signllm/core must run unchanged in Node and in the browser. The tsconfig already loads no Node or
 * DOM types; this test also scans the sources for Node-only imports and globals, so that a stray
 * `any` cannot smuggle one in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+['"]node:/, 'a node: import'],
  [
    /from\s+['"](fs|path|os|url|crypto|stream|buffer|zlib|child_process)(\/[^'"]*)?['"]/,
    'a Node built-in import',
  ],
  [/\brequire\s*\(/, 'require()'],
  [/\bBuffer\b/, 'Buffer'],
  [/\bprocess\.(env|argv|exit|stdout|stderr|cwd)/, 'process'],
  [/\b(window|document|navigator)\./, 'a browser-only global'],
  [/\bconsole\.(log|warn|error|info)/, 'console output'],
];

describe('@signllm/core is runtime-agnostic', () => {
  const files = sourceFiles(srcDir);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(srcDir, f), f]))(
    '%s uses no Node-only or browser-only API',
    (_, file) => {
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const [pattern, what] of FORBIDDEN) {
        expect(pattern.test(text), `${relative(srcDir, file)} contains ${what}`).toBe(false);
      }
    },
  );

  it('the scanner itself catches a forbidden import', () => {
    expect(FORBIDDEN.some(([p]) => p.test("import { readFile } from 'node:fs';"))).toBe(true);
    expect(FORBIDDEN.some(([p]) => p.test('const b = Buffer.from(x);'))).toBe(true);
  });
});
