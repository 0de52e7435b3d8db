/**
 * The real server on a loopback port: HTTP round trips, streaming as it happens, client aborts, and a
 * graceful shutdown; and the `signllm-serve` command (`bin/signllm-serve.js` on the built `dist/`) as a
 * process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPose, type SignBundle, TranslateStreamEventSchema } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveServeConfig, SETTINGS } from './config.ts';
import { defaultBundleDir, findDefaultBundle, type RunningServer, startServer } from './server.ts';
import { captureLogger, FIXTURES, loadFixture } from './test-support/serve-fixtures.ts';

const CLI = fileURLToPath(new URL('../bin/signllm-serve.js', import.meta.url));
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../..', import.meta.url));

function json(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

describe('startServer on loopback', () => {
  let bundle: SignBundle;
  let server: RunningServer;
  let lines: Record<string, unknown>[];

  beforeAll(async () => {
    bundle = await loadFixture('mlsf');
    const captured = captureLogger();
    lines = captured.lines;
    server = await startServer(
      resolveServeConfig({ port: 0, limits: { maxInFlight: 2 }, web: '/nonexistent-web-build' }),
      { logger: captured.logger, load: async () => bundle },
    );
    await server.ready;
  });

  afterAll(async () => {
    await server?.close(1000);
  });

  it('answers over HTTP on 127.0.0.1 and logs that it listens', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const res = await fetch(
      `${server.url}/v1/translate`,
      json({ input: 'the sky is blue', language: 'ase', maxFrames: 6 }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { frames: number }).frames).toBe(6);
    const pose = await fetch(`${server.url}/v1/translate?text=hello&spoken=en&signed=ase`);
    expect(readPose(new Uint8Array(await pose.arrayBuffer())).body.frames).toBeGreaterThan(0);
    expect(lines.find((l) => l.msg === 'listening')).toMatchObject({ url: server.url });
  });

  it('sends the first streamed bytes before the generation ends', async () => {
    const started = performance.now();
    const res = await fetch(
      `${server.url}/v1/translate`,
      json({ input: 'the sky is blue', language: 'ase', stream: true }),
    );
    const reader = res.body!.getReader();
    const first = await reader.read();
    const firstAt = performance.now() - started;
    expect(new TextDecoder().decode(first.value)).toMatch(/^\{"type":"start"/);
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      text += new TextDecoder().decode(r.value);
    }
    const total = performance.now() - started;
    const events = text
      .trim()
      .split('\n')
      .map((l) => TranslateStreamEventSchema.parse(JSON.parse(l)));
    const end = events[events.length - 1];
    expect(end?.type).toBe('end');
    // 256 frames take tens of milliseconds; the first line came long before the last.
    expect(events.length).toBe(258);
    expect(firstAt).toBeLessThan(total / 2);
  });

  it('stops generating when the client aborts a stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/translate`, {
      ...json({ input: 'the sky is blue', language: 'ase', stream: true }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    expect(server.service.inFlight).toBe(1);
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    const deadline = Date.now() + 2000;
    while (server.service.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(server.service.inFlight).toBe(0);
  });
});

describe('startServer loading the bundle itself', () => {
  it.each([0, 2])(
    'serves with %i workers (0: on the main thread) and releases them on close',
    async (workers) => {
      const { logger, lines } = captureLogger();
      const server = await startServer(resolveServeConfig({ bundle: FIXTURES.p2lg, port: 0, workers }), {
        logger,
      });
      try {
        await server.ready;
        expect(lines.find((l) => l.msg === 'listening')).toMatchObject({ workers, threads: 1 });
        const res = await fetch(
          `${server.url}/v1/translate`,
          json({ input: 'SKY BLUE', inputType: 'gloss', language: 'gsg', maxFrames: 5 }),
        );
        expect(((await res.json()) as { frames: number }).frames).toBe(5);
        if (workers > 0)
          expect((server.service.bundle as { workers?: unknown[] }).workers?.length).toBe(workers);
      } finally {
        expect(await server.close(2000)).toBe(true);
      }
      expect(server.service.state).toBe('closed');
    },
  );
});

describe('graceful shutdown', () => {
  it('can stop while the workers are still loading the bundle', async () => {
    const { logger, lines } = captureLogger();
    const server = await startServer(resolveServeConfig({ bundle: FIXTURES.mlsf, port: 0, workers: 2 }), {
      logger,
    });
    expect(server.service.state).toBe('loading');
    expect(await server.close(20_000)).toBe(true);
    await server.ready.catch(() => {});
    expect(server.service.state).toBe('closed');
    expect(server.service.bundle).toBeUndefined();
    expect(lines.find((l) => l.msg === 'stopped')).toBeDefined();
  });

  it('lets a running translation finish, answers new requests with 503, then closes', async () => {
    const bundle = await loadFixture('mlsf');
    const { logger, lines } = captureLogger();
    const server = await startServer(resolveServeConfig({ port: 0 }), { logger, load: async () => bundle });
    await server.ready;
    const res = await fetch(
      `${server.url}/v1/translate`,
      json({ input: 'the sky is blue', language: 'ase', stream: true }),
    );
    const reader = res.body!.getReader();
    await reader.read();
    const closed = server.close(5000);
    const late = await fetch(`${server.url}/v1/translate`, json({ input: 'hello', language: 'ase' }));
    expect(late.status).toBe(503);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('shutting_down');
    let text = '';
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      text += new TextDecoder().decode(r.value);
    }
    expect(text.trim().split('\n').pop()).toMatch(/^\{"type":"end"/);
    expect(await closed).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(lines.find((l) => l.msg === 'stopped')).toMatchObject({ drained: true });
  });
});

/** Runs the CLI to its end. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
  cli = CLI,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Waits for a JSON log line of a running child that satisfies `test`. */
function waitForLine(
  child: ChildProcess,
  test: (line: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (d: Buffer) => {
      buffer += d;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) {
        try {
          const line = JSON.parse(part) as Record<string, unknown>;
          if (test(line)) {
            child.stdout?.off('data', onData);
            resolve(line);
          }
        } catch {
          // not a log line
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before the line`)));
  });
}

describe('signllm-serve', () => {
  it('prints help listing every option with its environment variable', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const s of SETTINGS) expect(stdout).toContain(s.switch ? `--${s.option} ` : `--${s.option} <value>`);
    for (const s of SETTINGS) expect(stdout).toContain(`[${s.env}]`);
    expect(stdout).toMatch(/--no-bundle-files +do not publish/);
    expect(stdout).toContain('GET /v1/bundle/<file>');
  });

  it('exits 2 with a clear message with a bad option or setting', async () => {
    const unknown = await runCli(['--bundel', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--bundel/);
    const port = await runCli(['--bundle', FIXTURES.mlsf, '--port', '99999']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/Bad setting --port \(SIGNLLM_PORT\): "99999"/);
    const env = await runCli(['--bundle', FIXTURES.mlsf], { SIGNLLM_MAX_FRAMES: 'lots' });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/--max-frames \(SIGNLLM_MAX_FRAMES\): "lots"/);
    const onOff = await runCli(['--bundle', FIXTURES.mlsf], { SIGNLLM_BUNDLE_FILES: 'yes' });
    expect(onOff.code).toBe(2);
    expect(onOff.stderr).toMatch(
      /Bad setting --no-bundle-files \(SIGNLLM_BUNDLE_FILES\): "yes" \(expected one of 0, 1, false, true\)/,
    );
    const valued = await runCli(['--bundle', FIXTURES.mlsf, '--no-bundle-files=1']);
    expect(valued.code).toBe(2);
    expect(valued.stderr).toMatch(/--no-bundle-files/);
  });

  it('serves the default model (models/default) without --bundle or SIGNLLM_BUNDLE', async () => {
    expect(defaultBundleDir()).toBe(join(REPOSITORY, 'models', 'default'));
    const child = spawn(process.execPath, [CLI, '--port', '0', '--workers', '0'], {
      env: { ...process.env, SIGNLLM_BUNDLE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const listening = await waitForLine(child, (l) => l.msg === 'listening');
      expect(listening.bundle).toBe(defaultBundleDir());
      await waitForLine(child, (l) => typeof l.msg === 'string' && l.msg.startsWith('no --bundle given'));
      await waitForLine(child, (l) => typeof l.msg === 'string' && l.msg.startsWith('ready'));
      const url = listening.url as string;
      const languages = (await (await fetch(`${url}/v1/languages`)).json()) as {
        languages: Array<{ code: string; provenance?: string }>;
      };
      expect(languages.languages.map((l) => l.code).sort()).toEqual(
        ['aed', 'ase', 'gsg', 'kvk', 'sgg', 'slf', 'ssr', 'tsm'].sort(),
      );
      const res = await fetch(`${url}/v1/translate`, json({ input: 'hallo', language: 'gsg', maxFrames: 3 }));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { frames: number }).frames).toBe(3);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 2 saying how to get a bundle when the default model is not installed', async () => {
    expect(findDefaultBundle()).toBe(defaultBundleDir());
    expect(findDefaultBundle(FIXTURES.mlsf)).toBe(FIXTURES.mlsf);
    expect(findDefaultBundle('/nonexistent-signllm-default-model')).toBeUndefined();
    // The package as installed outside the repository: its bin and dist, its dependencies, no models/.
    const dir = await mkdtemp(join(tmpdir(), 'signllm-serve-installed-'));
    try {
      const installed = join(dir, 'node_modules', '@signllm', 'serve');
      await mkdir(dirname(installed), { recursive: true });
      await mkdir(installed);
      for (const part of ['bin', 'dist', 'package.json'])
        await cp(join(PACKAGE, part), join(installed, part), { recursive: true });
      await symlink(join(PACKAGE, 'node_modules'), join(installed, 'node_modules'), 'dir');
      const cli = join(installed, 'bin', 'signllm-serve.js');
      const missing = join(dir, 'node_modules', 'models', 'default');
      const none = await runCli([], { SIGNLLM_BUNDLE: '' }, cli);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(
        `no model bundle given, and the default model is not installed (no bundle.json in ${missing})`,
      );
      expect(none.stderr).toMatch(/pass --bundle <dir> .* or set SIGNLLM_BUNDLE/);
      const help = await runCli(['--help'], {}, cli);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`${missing} (not installed here)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not publish the bundle files with --no-bundle-files, even when SIGNLLM_BUNDLE_FILES=1', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--workers', '0', '--no-bundle-files'], {
      env: { ...process.env, SIGNLLM_BUNDLE: FIXTURES.mlsf, SIGNLLM_BUNDLE_FILES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = (await waitForLine(child, (l) => l.msg === 'listening')).url as string;
      await waitForLine(child, (l) => typeof l.msg === 'string' && l.msg.startsWith('ready'));
      const res = await fetch(`${url}/v1/bundle/bundle.json`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /does not publish its model bundle/,
      );
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 1 naming the problem when the bundle cannot be loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signllm-serve-bad-'));
    try {
      await writeFile(join(dir, 'bundle.json'), '{"formatVersion": "1.0.0", "mode": ');
      const { code, stderr } = await runCli(['--bundle', dir, '--port', '0', '--log-level', 'silent']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/could not be loaded: .*bundle\.json/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves a bundle configured by the environment and stops gracefully on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0'], {
      env: { ...process.env, SIGNLLM_BUNDLE: FIXTURES.p2lg, SIGNLLM_MAX_FRAMES: '9' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const listening = await waitForLine(child, (l) => l.msg === 'listening');
      const url = listening.url as string;
      await waitForLine(child, (l) => typeof l.msg === 'string' && l.msg.startsWith('ready'));
      const res = await fetch(
        `${url}/v1/translate`,
        json({ input: 'SKY BLUE', inputType: 'gloss', language: 'ase' }),
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { frames: number }).frames).toBe(9);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const stopped = waitForLine(child, (l) => l.msg === 'stopped');
      child.kill('SIGTERM');
      expect(await stopped).toMatchObject({ drained: true });
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
