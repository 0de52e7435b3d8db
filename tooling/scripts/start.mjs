#!/usr/bin/env node
/**
 * `pnpm start [-- signllm-serve options]`: the demo in one command. Starts `signllm-serve` (by default
 * on 127.0.0.1:8080 with the default model bundle and the web app), waits until the model is loaded,
 * prints the address to open, and shows the server's JSON log as short lines (`SIGNLLM_LOG=json`
 * keeps the raw lines). Ctrl-C stops the server gracefully.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'packages', 'serve', 'bin', 'signllm-serve.js');
const web = join(root, 'packages', 'web', 'dist', 'app', 'index.html');
for (const [path, what] of [
  [join(root, 'packages', 'serve', 'dist', 'cli.js'), 'the server'],
  [web, 'the web app'],
]) {
  if (!existsSync(path)) {
    console.error(
      `${what} is not built (${path} is missing): run \`npx -y pnpm@10.34.9 install\` (it builds everything) first.`,
    );
    process.exit(2);
  }
}

const args = process.argv.slice(2).filter((a) => a !== '--');
const raw = process.env.SIGNLLM_LOG === 'json';
const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** One short line for a pino JSON line (requests: method path status ms). */
function short(entry) {
  const level = LEVELS[entry.level] ?? 'info';
  const text =
    entry.msg === 'request'
      ? `${entry.method} ${entry.path} ${entry.status} ${entry.ms} ms`
      : `${entry.msg}${entry.code ? ` (${entry.code})` : ''}`;
  return `${level === 'info' ? '' : `${level}: `}${text}`;
}

createInterface({ input: child.stdout }).on('line', (line) => {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    console.log(line);
    return;
  }
  if (raw) console.log(line);
  else console.log(`  ${short(entry)}`);
  if (typeof entry.msg === 'string' && entry.msg.startsWith('ready: ')) {
    const url = `${entry.url}/`;
    console.log(
      `\n  SignLLM is ready: open ${url} in a browser, type a sentence, and watch it signed.\n` +
        `  API: ${entry.url}/openapi.json · stop: Ctrl-C\n`,
    );
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
