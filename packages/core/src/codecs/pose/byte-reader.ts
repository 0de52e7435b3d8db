/**
 * Internal: a bounds-checked little-endian cursor over bytes. Every failure is a `SignLLMError` with
 * `position.byte` (and the source label, when known), so the codecs never throw a `RangeError`.
 */
import { ERROR_CODES, type ErrorCode, SignLLMError } from '../../errors/signllm-error.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strings up to this many bytes are decoded by hand when they are pure ASCII (fast, no decoder call). */
const SHORT_ASCII = 64;

/** A cursor over a byte array that reads little-endian numbers and uint16-prefixed UTF-8 strings. */
export class ByteReader {
  /** The whole input. */
  readonly bytes: Uint8Array;
  /** A view over `bytes` for multi-byte reads. */
  readonly view: DataView;
  /** Label of the input for error positions (file name), if any. */
  readonly source: string | undefined;
  /** Current read offset from the start of `bytes`. */
  offset: number;
  /** What is being read, for error messages (e.g. `component 2 "FACE_LANDMARKS"`). */
  context: string;
  /** Whether float32 blocks may be returned as views over (a shifted) `bytes`; see `ReadPoseOptions`. */
  zeroCopy = false;

  constructor(bytes: Uint8Array, source?: string) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.source = source;
    this.offset = 0;
    this.context = '';
  }

  /** Bytes left after the cursor. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws a `SignLLMError` positioned at `byte` (default: the cursor). */
  fail(
    code: ErrorCode,
    message: string,
    byte: number = this.offset,
    details?: Record<string, unknown>,
  ): never {
    const where = this.context ? `${this.context}: ` : '';
    const position = this.source === undefined ? { byte } : { source: this.source, byte };
    throw new SignLLMError(code, `${where}${message}`, details ? { position, details } : { position });
  }

  /** Throws `truncated` unless `n` more bytes exist after the cursor. */
  need(n: number, what: string): void {
    if (n > this.remaining) {
      this.fail(
        ERROR_CODES.truncated,
        `the input ends early: ${what} needs ${n} bytes but only ${this.remaining} remain`,
        this.offset,
        { needed: n, available: this.remaining },
      );
    }
  }

  /** Throws `badFormat` when bytes remain after the cursor (the data should have ended here). */
  expectEnd(): void {
    if (this.remaining > 0) {
      this.fail(
        ERROR_CODES.badFormat,
        `${this.remaining} unexpected bytes after the last frame (the data ends at byte ${this.offset})`,
        this.offset,
        { extra: this.remaining },
      );
    }
  }

  /** Reads a uint16. */
  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }

  /** Reads an int16. */
  i16(what: string): number {
    this.need(2, what);
    const v = this.view.getInt16(this.offset, true);
    this.offset += 2;
    return v;
  }

  /** Reads a uint32. */
  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  /** Reads a float32 (widened exactly to a number). */
  f32(what: string): number {
    this.need(4, what);
    const v = this.view.getFloat32(this.offset, true);
    this.offset += 4;
    return v;
  }

  /** Reads a string: uint16 byte count, then that many bytes of UTF-8 (invalid UTF-8 throws). */
  str(what: string): string {
    if (this.remaining < 2) this.need(2, `the length of ${what}`); // message built only on failure
    const n = this.view.getUint16(this.offset, true);
    this.offset += 2;
    this.need(n, what);
    const start = this.offset;
    const end = start + n;
    const b = this.bytes;
    let text = '';
    let ascii = n <= SHORT_ASCII;
    for (let i = start; ascii && i < end; i++) {
      const c = b[i]!;
      if (c >= 0x80) ascii = false;
      else text += String.fromCharCode(c);
    }
    if (!ascii) {
      const raw = b.subarray(start, end);
      try {
        text = UTF8.decode(raw);
      } catch (cause) {
        const hex = [...raw.subarray(0, 16)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
        throw new SignLLMError(
          ERROR_CODES.invalidUtf8,
          `${this.context ? `${this.context}: ` : ''}${what} is not valid UTF-8 (${n} bytes: ${hex}${n > 16 ? ' …' : ''})`,
          {
            cause,
            position: this.source === undefined ? { byte: start } : { source: this.source, byte: start },
          },
        );
      }
    }
    this.offset = end;
    return text;
  }
}
