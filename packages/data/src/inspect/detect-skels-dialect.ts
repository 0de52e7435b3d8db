/**
 * Tells the `.skels` dialect of a file from its first line: the position and progression of the
 * per-frame counter. Progressive Transformers (`pt`) counts i/T from 0 every 151 tokens, Prompt2Sign
 * 2024 (`p2s`) i/T from 1/T every 151 tokens, DWPose 2025 (`dwpose`) i/(T−1) from 0 every 385 tokens.
 */
import { open } from 'node:fs/promises';
import { ERROR_CODES, SignLLMError, type SkelsDialect } from '@signllm/core';

const CHUNK = 1 << 16;
/** Enough of the first line to see three frames of the widest dialect. */
const ENOUGH_TOKENS = 385 * 3 + 1;

/** Detects the dialect of a `.skels` file. */
export async function detectSkelsDialect(path: string): Promise<SkelsDialect> {
  const tokens = await firstLineTokens(path);
  const dialect = dialectOfTokens(tokens);
  if (!dialect) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `Cannot tell the .skels dialect of ${path} from its first line (${tokens.length} tokens read); ` +
        'pass --dialect pt, p2s or dwpose',
    );
  }
  return dialect;
}

/** The dialect whose counter layout the tokens of a first line follow, if any. */
export function dialectOfTokens(tokens: readonly string[]): SkelsDialect | undefined {
  const at = (i: number): number | undefined => {
    const t = tokens[i];
    return t === undefined ? undefined : Number(t);
  };
  const n = tokens.length;
  const counterOk = (width: number, first: (step: number) => number): boolean => {
    const frames = n % width === 0 && n >= width ? n / width : undefined;
    const c0 = at(width - 1);
    if (c0 === undefined) return false;
    const c1 = at(2 * width - 1);
    if (c1 === undefined) return frames === 1 && (c0 === 0 || c0 === 1);
    const step = c1 - c0;
    if (!(step > 0)) return false;
    if (Math.abs(c0 - first(step)) > 1e-3) return false;
    const c2 = at(3 * width - 1);
    return c2 === undefined || Math.abs(c2 - c1 - step) < 1e-3;
  };
  if (counterOk(151, () => 0)) return 'pt';
  if (counterOk(151, (step) => step)) return 'p2s';
  if (counterOk(385, () => 0)) return 'dwpose';
  return undefined;
}

async function firstLineTokens(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    let text = '';
    const buf = new Uint8Array(CHUNK);
    const decoder = new TextDecoder();
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      text += decoder.decode(buf.subarray(0, bytesRead), { stream: true });
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        text = text.slice(0, nl);
        break;
      }
      if (text.split(/\s+/, ENOUGH_TOKENS + 1).length > ENOUGH_TOKENS) break;
    }
    return text.trim().split(/\s+/).filter(Boolean);
  } finally {
    await handle.close();
  }
}
