/**
 * `LineFile`: a buffered text file written under a temporary name and renamed into place on
 * `commit()` (or removed on `abort()`), for exports that stream many lines.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { TEMP_MARKER } from './write-file-atomic.ts';

const FLUSH_CHARS = 1 << 20;

/**
 * A text file written line by line, atomically.
 *
 * @example
 * ```ts
 * const file = await LineFile.create('out/dev.text');
 * await file.write('hello\n');
 * await file.commit();
 * ```
 */
export class LineFile {
  readonly path: string;
  readonly #temp: string;
  readonly #handle: FileHandle;
  #buffer: string[] = [];
  #chars = 0;

  private constructor(path: string, temp: string, handle: FileHandle) {
    this.path = path;
    this.#temp = temp;
    this.#handle = handle;
  }

  /** Opens a temporary file next to `path`. */
  static async create(path: string): Promise<LineFile> {
    const temp = `${path}${TEMP_MARKER}${randomBytes(6).toString('hex')}`;
    return new LineFile(path, temp, await open(temp, 'wx'));
  }

  /** Appends text (buffered). */
  async write(text: string): Promise<void> {
    this.#buffer.push(text);
    this.#chars += text.length;
    if (this.#chars >= FLUSH_CHARS) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const text = this.#buffer.join('');
    this.#buffer = [];
    this.#chars = 0;
    await this.#handle.write(text, null, 'utf8');
  }

  /** Flushes, syncs and renames the file into place. */
  async commit(): Promise<void> {
    await this.#flush();
    await this.#handle.sync();
    await this.#handle.close();
    await rename(this.#temp, this.path);
  }

  /** Closes and removes the temporary file. */
  async abort(): Promise<void> {
    await this.#handle.close().catch(() => undefined);
    await rm(this.#temp, { force: true });
  }
}
