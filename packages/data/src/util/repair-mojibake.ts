/**
 * Repairs text whose UTF-8 bytes were once decoded as Latin-1 / Windows-1252 ("horseâ\u0080\u0099s" →
 * "horse’s"), as in some How2Sign sentences. Only runs of characters that decode as valid UTF-8 are
 * touched, so correct text (including real "â" or "Ã") is returned unchanged.
 */

// A lead byte C2–F4 read as a Latin-1 character, followed by 1–3 continuation bytes 80–BF.
const SUSPECT = /[\u00c2-\u00f4][\u0080-\u00bf]{1,3}/g;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Returns `text` with mis-decoded UTF-8 sequences repaired.
 *
 * @example
 * ```ts
 * repairMojibake('horse\u00e2\u0080\u0099s nose'); // 'horse’s nose'
 * repairMojibake('café'); // 'café' (left alone)
 * ```
 */
export function repairMojibake(text: string): string {
  if (!/[\u0080-\u00bf]/.test(text)) return text;
  return text.replace(SUSPECT, (run) => {
    const bytes = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i++) bytes[i] = run.charCodeAt(i);
    try {
      const decoded = decoder.decode(bytes);
      // A valid sequence decodes to exactly one code point.
      return [...decoded].length === 1 ? decoded : run;
    } catch {
      return run;
    }
  });
}
