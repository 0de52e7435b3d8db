/**
 * `npx -y pnpm@10.34.9 check:quick-start [--dir <empty folder>] [--skip-test] [--keep]`: checks the
 * README's Quick start the way a new user meets it, and times it.
 *
 * 1. Clones this repository's HEAD into a clean folder (with `../shared` linked beside it, as CI has
 *    it), with an empty npm cache and an empty pnpm store, so that pnpm itself and every package are
 *    downloaded again.
 * 2. Runs the first Quick start command there, `npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 start`,
 *    exactly as written (the port comes from `SIGNLLM_PORT`, so that a busy 8080 does not matter), and
 *    waits for the address it prints.
 * 3. Opens that address in headless Chromium (Debian's, as the end-to-end tests), types a sentence,
 *    presses "Sign it" and checks that the app reports the frames it generated and that the viewer's
 *    canvas shows a drawn skeleton; saves a screenshot beside the clone.
 * 4. Stops the server with Ctrl-C (SIGINT) and runs the second command,
 *    `npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 test`, in the same clone (`--skip-test` leaves it out).
 *
 * Prints each step's wall time and writes them to `<dir>/quick-start.json`. Exits 1 when a step fails.
 * Without `--dir` it works in a new temporary folder and, unless `--keep`, leaves only the report and
 * the screenshot there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from './app-support.ts';
import { launchChromium } from './chromium.ts';
import { REPO_ROOT, readCanvas } from './support.ts';

const root = REPO_ROOT;
const PNPM = 'npx -y pnpm@10.34.9';
const FIRST = `${PNPM} install && ${PNPM} start`;
const SECOND = `${PNPM} install && ${PNPM} test`;
const SENTENCE = 'the weather is nice today';

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = resolve(
  process.env.INIT_CWD ?? process.cwd(),
  option('--dir') ?? mkdtempSync(join(tmpdir(), 'signllm-quick-start-')),
);
if (existsSync(dir) && readdirSync(dir).length > 0) {
  console.error(`check-quick-start: ${dir} is not empty; give an empty or new folder`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const clone = join(dir, 'signllm');
const port = String(18_000 + Math.floor(Math.random() * 2000));
// A user's shell: none of the npm_* / PNPM_* variables of the pnpm script that runs this check.
const shellEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|PNPM_|INIT_CWD$)/i.test(k)),
);
const env = {
  ...shellEnv,
  npm_config_cache: join(dir, 'npm-cache'),
  npm_config_store_dir: join(dir, 'pnpm-store'),
  SIGNLLM_PORT: port,
  FORCE_COLOR: '0',
};
/** What the check measured and saw (written to `<dir>/quick-start.json`). */
interface QuickStartTimes {
  dir: string;
  port: string;
  firstCommandToAddressSeconds?: number;
  installSeconds?: number;
  pageReadySeconds?: number;
  clickToDoneSeconds?: number;
  secondCommandSeconds?: number;
  secondCommandExit?: number | null;
  languages?: string[];
  status?: string;
  frames?: number;
  drawnPixels?: number;
  screenshot?: string;
}
const times: QuickStartTimes = { dir, port };
const clock = (s: number): string => `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
const since = (t0: number): number => (performance.now() - t0) / 1000;

function step(name: string): void {
  console.log(`\n== ${name}`);
}

/** The process group of the first command (install, then the server), once started. */
let serverGroup: number | undefined;

function fail(message: string): never {
  console.error(`check-quick-start: ${message}`);
  if (serverGroup !== undefined) process.kill(-serverGroup, 'SIGINT');
  writeFileSync(join(dir, 'quick-start.json'), `${JSON.stringify({ ...times, failed: message }, null, 2)}\n`);
  process.exit(1);
}

step(`clone ${root} (HEAD) into ${clone}`);
const cloned = spawnSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' });
if (cloned.status !== 0) fail('git clone failed');
const shared = resolve(root, '..', 'shared');
if (existsSync(shared)) symlinkSync(shared, join(dir, 'shared'));
else console.warn(`  no ${shared}: the tests that read the shared data will fail`);

// -- 1. install && start, until the address is printed -----------------------------------------------
step(`${FIRST}   (SIGNLLM_PORT=${port}, empty npm cache and pnpm store)`);
const t0 = performance.now();
// Its own process group, so that Ctrl-C can be sent to the whole command as a terminal would.
const server = spawn('bash', ['-c', FIRST], {
  cwd: clone,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
serverGroup = server.pid;
let installDone: number | undefined;
const url = await new Promise<string>((done, reject) => {
  let buffer = '';
  server.stdout.on('data', (chunk) => {
    const text = chunk.toString();
    process.stdout.write(text);
    buffer += text;
    if (installDone === undefined && buffer.includes('> signllm@ start')) installDone = since(t0);
    const m = /SignLLM is ready: open (\S+) /.exec(buffer);
    if (m?.[1]) done(m[1]);
  });
  server.on('exit', (code) =>
    reject(new Error(`the first command ended (exit ${code}) before printing an address`)),
  );
}).catch((e: Error) => fail(e.message));
times.firstCommandToAddressSeconds = since(t0);
times.installSeconds = installDone;
console.log(
  `\n  address printed after ${clock(times.firstCommandToAddressSeconds)} (install part: ${clock(installDone ?? 0)})`,
);

// -- 2. a user types a sentence and watches it signed ------------------------------------------------
step(`open ${url} in headless Chromium, type "${SENTENCE}", press "Sign it"`);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  // tsx's esbuild names the functions handed to page.evaluate with a `__name` helper the page lacks.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  const t1 = performance.now();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 60_000 });
  times.pageReadySeconds = since(t1);
  const languages = await page.$$eval('#language option', (os) => os.map((o) => o.textContent ?? ''));
  const t2 = performance.now();
  const { stats, status } = await generate(page, SENTENCE).catch((e: Error) => fail(e.message));
  times.clickToDoneSeconds = since(t2);
  const frames = stats.frames;
  const drawn = (await readCanvas(page, '#viewer')).drawn;
  const shot = join(dir, 'quick-start.png');
  await page.screenshot({ path: shot });
  Object.assign(times, { languages, status, frames, drawnPixels: drawn, screenshot: shot });
  console.log(
    `  ${languages.length} languages offered; status "${status}"; ${frames} frames; ${drawn} drawn pixels; ${shot}`,
  );
  if (!status.startsWith('Done') || frames < 1 || drawn < 50)
    fail(`the demo did not sign the sentence: ${status}`);
} finally {
  await browser.close();
}

step('Ctrl-C');
process.kill(-(serverGroup ?? 0), 'SIGINT');
serverGroup = undefined;
const stopped = await new Promise((done) => server.on('exit', (code, signal) => done(code ?? signal)));
console.log(`  server exited (${stopped})`);

// -- 3. install && test -------------------------------------------------------------------------------
if (!flag('--skip-test')) {
  step(SECOND);
  const t3 = performance.now();
  const tested = spawnSync('bash', ['-c', SECOND], { cwd: clone, env, stdio: 'inherit' });
  times.secondCommandSeconds = since(t3);
  times.secondCommandExit = tested.status;
  if (tested.status !== 0) fail(`the second command failed (exit ${tested.status})`);
}

writeFileSync(join(dir, 'quick-start.json'), `${JSON.stringify(times, null, 2)}\n`);
console.log('\n== Quick start checked');
console.log(
  `  first command → address printed: ${clock(times.firstCommandToAddressSeconds)} (install ${clock(times.installSeconds ?? 0)})`,
);
console.log(
  `  page ready ${times.pageReadySeconds.toFixed(1)} s; "${SENTENCE}" signed in ${times.clickToDoneSeconds.toFixed(1)} s (${times.frames} frames)`,
);
if (times.secondCommandSeconds !== undefined)
  console.log(`  second command: ${clock(times.secondCommandSeconds)}`);
console.log(`  ${join(dir, 'quick-start.json')}`);
// In a folder of its own making, only the report and the screenshot stay (the rest is about 2 GB).
if (!flag('--keep') && option('--dir') === undefined) {
  for (const name of ['npm-cache', 'pnpm-store', 'signllm'])
    rmSync(join(dir, name), { recursive: true, force: true });
}
