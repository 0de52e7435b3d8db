/**
 * The server child of `serve-load.bench.ts`: forks `serve-bench-server.ts` (with `--expose-gc`) and
 * talks to it over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The server child process and its IPC requests. */
export interface ServerChild {
  url: string;
  call<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Graceful shutdown through IPC, then kill if it has not exited; idempotent. */
  stop(): Promise<void>;
}

export function startServerChild(
  bundleDir: string,
  maxFrames: number,
  timeoutMs: number,
  workers: number,
): Promise<ServerChild> {
  const script = join(here, 'serve-bench-server.ts');
  const child: ChildProcess = fork(
    script,
    [bundleDir, String(maxFrames), String(timeoutMs), String(workers)],
    {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  // The bench process's stdout carries its result line: the child's goes to stderr.
  child.stdout?.pipe(process.stderr);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<void> => {
    if (alive() && child.connected) {
      try {
        await call({ type: 'close' }, 15_000);
      } catch {
        // killed below
      }
    }
    const timer = setTimeout(() => {
      if (alive()) child.kill('SIGKILL');
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const call = <T>(message: Record<string, unknown>, timeoutMs = 600_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`server child: no answer to ${String(message.type)} in ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ ...message, id });
    });
  return new Promise<ServerChild>((resolve, reject) => {
    child.on(
      'message',
      (m: { id?: number; type?: string; url?: string; message?: string; error?: string }) => {
        if (m.type === 'ready') resolve({ url: m.url!, call, stop });
        else if (m.type === 'failed')
          reject(new Error(`server child could not load the bundle: ${m.message}`));
        else if (m.id !== undefined) {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.error !== undefined) p?.reject(new Error(`server child: ${m.error}`));
          else p?.resolve(m);
        }
      },
    );
    child.once('exit', (code, signal) => {
      const error = new Error(`server child exited (code ${code}, signal ${signal})`);
      reject(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }).catch(async (error: unknown) => {
    if (alive()) child.kill('SIGKILL');
    await exited;
    throw error;
  });
}
