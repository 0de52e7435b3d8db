/**
 * Reads a pose-format `.pose` file into one `Sample`: person 0 of the file, at the file's own fps,
 * on the skeleton its header describes.
 */
import { basename, extname } from 'node:path';
import { poseFileToSequence, readPose } from '@signllm/core';
import type { Sample } from '../sample.ts';
import { readBoundedFile } from './read-bounded-file.ts';

/**
 * Reads a `.pose` file. Only the first person is kept; when the file holds more, the sample gets the
 * flag `ingest:person-0-of-<n>`. The id is the file name without `.pose`.
 *
 * @example
 * ```ts
 * const s = await readPoseUnit({ kind: 'pose', path: 'a.pose', key: 'in/a.pose' }); // s.id === 'a'
 * ```
 */
export async function readPoseUnit(
  unit: { path: string; key: string },
  options: { maxFileBytes?: number } = {},
): Promise<Sample> {
  const bytes = await readBoundedFile(unit.path, options.maxFileBytes);
  const file = readPose(bytes, { source: unit.path, zeroCopy: true });
  const sequence = poseFileToSequence(file, { person: 0 });
  const sample: Sample = { id: basename(unit.path, extname(unit.path)), sequence, source: unit.key };
  if (file.body.people > 1) sample.flags = [`ingest:person-0-of-${file.body.people}`];
  return sample;
}
