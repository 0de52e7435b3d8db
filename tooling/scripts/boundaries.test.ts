/**
 * The monorepo's dependency direction is a contract (DESIGN.md): core imports no other package;
 * data, train, serve and web import core; nothing imports serve or web; serve and web never import
 * train. This test reads every package.json and every import in the sources and checks it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGES = ['core', 'data', 'train', 'serve', 'web'] as const;

/** The modules of a package that may have side effects (`sideEffects` in its package.json). */
const SIDE_EFFECTS: Partial<Record<(typeof PACKAGES)[number], string[]>> = {
  web: ['./dist/viewer/define-element.js', './dist/app/**'],
};
type Pkg = (typeof PACKAGES)[number];

const ALLOWED: Record<Pkg, Pkg[]> = {
  core: [],
  data: ['core'],
  train: ['core', 'data'],
  serve: ['core'],
  web: ['core'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|js|mjs)$/.test(n) ? [p] : [];
  });
}

function declaredDeps(pkg: Pkg): string[] {
  const json = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
  return Object.keys({ ...json.dependencies, ...json.peerDependencies, ...json.optionalDependencies });
}

function importedPackages(pkg: Pkg): Set<string> {
  const found = new Set<string>();
  for (const file of files(join(root, 'packages', pkg, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](@signllm\/[a-z-]+)/g)) {
      found.add(m[1]!);
    }
  }
  return found;
}

describe('package boundaries', () => {
  it.each(PACKAGES)('@signllm/%s depends only on the packages the design allows', (pkg) => {
    const allowed = new Set(ALLOWED[pkg].map((p) => `@signllm/${p}`));
    const internal = [...declaredDeps(pkg).filter((d) => d.startsWith('@signllm/')), ...importedPackages(pkg)];
    const bad = internal.filter((d) => !allowed.has(d) && d !== `@signllm/${pkg}`);
    expect(bad, `@signllm/${pkg} must not depend on ${bad.join(', ')}`).toEqual([]);
  });

  it.each(PACKAGES)('@signllm/%s imports only internal packages it declares', (pkg) => {
    const declared = new Set(declaredDeps(pkg));
    const undeclared = [...importedPackages(pkg)].filter((d) => !declared.has(d) && d !== `@signllm/${pkg}`);
    expect(undeclared).toEqual([]);
  });

  it.each([
    ['serve', 'onnxruntime-node', 'src/runtime/onnxruntime-node.ts'],
    ['web', 'onnxruntime-web', 'src/runtime/onnxruntime-web.ts'],
  ] as const)('@signllm/%s imports %s in one file only (%s)', (pkg, runtime, only) => {
    const dir = join(root, 'packages', pkg);
    // An import statement at the start of a line (JSDoc examples, which start with ` * `, do not count).
    const pattern = new RegExp(
      `^\\s*(?:import|export)\\b[^;]*['"]${runtime}['"/]|\\bimport\\(\\s*['"]${runtime}['"/]|\\brequire\\(\\s*['"]${runtime}['"/]`,
      'm',
    );
    const importers = files(join(dir, 'src'))
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(dir.length + 1));
    expect(importers).toEqual([only]);
    for (const other of PACKAGES.filter((p) => p !== pkg)) {
      const found = files(join(root, 'packages', other, 'src')).filter((file) =>
        pattern.test(readFileSync(file, 'utf8')),
      );
      expect(found, `@signllm/${other} must not import ${runtime}`).toEqual([]);
    }
  });

  it.each(PACKAGES)('@signllm/%s has the files every package needs', (pkg) => {
    const dir = join(root, 'packages', pkg);
    for (const f of ['README.md', 'CHANGELOG.md', 'package.json', 'src/index.ts']) {
      expect(statSync(join(dir, f)).isFile(), `${pkg}/${f}`).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(json.type).toBe('module');
    expect(json.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    // Modules with side effects are listed by name, and the entry point is never one of them: only
    // the web package's element-defining module and its app build (pages, not libraries) have any.
    expect(json.sideEffects).toEqual(SIDE_EFFECTS[pkg] ?? false);
  });
});
