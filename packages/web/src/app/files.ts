/** The app's file handling: reading picked or dropped files, and saving blobs as downloads. */
import { type OpenedPose, openPoseFile } from '../io/pose-files.ts';

/** Reads a picked or dropped file as a pose sequence. */
export async function readPoseFile(file: File): Promise<OpenedPose> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return openPoseFile(bytes, file.name);
}

/** Offers `blob` as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file-name-safe slug of a text (at most 40 characters), `signing` when nothing is left. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? 'signing' : s;
}

/**
 * Calls `onFile` with the first file dropped anywhere on the page, and shows `overlay` while a file is
 * dragged over it. `target(event)` says which viewer the drop is for.
 */
export function acceptDrops<T>(
  overlay: HTMLElement,
  target: (e: DragEvent) => T,
  onFile: (file: File, to: T) => void,
): void {
  let depth = 0;
  const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = e.dataTransfer?.files[0];
    if (file) onFile(file, target(e));
  });
}
