/**
 * Internal: reads a v0.0 `.pose` body. v0.0 stores, per frame, a uint16 people count and per person
 * an int16 id followed by each component's points as interleaved float32 values in the component's
 * own format (`X Y C` or `X Y Z C`: coordinates, then confidence).
 *
 * Decisions (documented in docs/architecture/pose-format.md):
 * - People padding: frames may hold different numbers of people. The body is dense, so `people` is the
 *   most people in any frame; a frame with fewer is padded with zeros, confidence 0 (= missing), as
 *   pose-format's Python reader does.
 * - Person ids are dropped (pose-format drops them too; v0.1 and v0.2 have no place for them).
 * - A component whose format has fewer axes than the file's widest (e.g. `XYC` next to `XYZC`) gets
 *   0 in the missing axes.
 */
import { ERROR_CODES } from '../../errors/signllm-error.ts';
import type { ByteReader } from './byte-reader.ts';
import {
  formatLength,
  type PoseBody,
  type PoseHeader,
  poseHeaderDims,
  poseHeaderPointCount,
} from './pose-file.ts';

/**
 * Padding can make the decoded body bigger than the file (one frame with many people, the rest
 * empty). We refuse to allocate more than this many bytes or 8 × the input size, whichever is larger.
 */
export const V00_PADDED_BYTES_FLOOR: number = 64 * 1024 * 1024;

/** Reads a v0.0 body at the cursor (just after the header). */
export function readPoseBodyV00(reader: ByteReader, header: PoseHeader): PoseBody {
  const fps = reader.u16('the fps');
  const framesAt = reader.offset;
  const frames = reader.u16('the frame count');
  reader.need(frames * 2, `${frames} frames (2 bytes each at least)`);
  const components = header.components.map((c) => ({
    points: c.points.length,
    values: formatLength(c.format),
  }));
  let personBytes = 2;
  for (const c of components) personBytes += c.points * c.values * 4;

  // Pass 1: walk the frames to check every byte exists and to find the most people in one frame.
  const bodyStart = reader.offset;
  let people = 0;
  for (let f = 0; f < frames; f++) {
    reader.context = `body (v0.0) frame ${f}`;
    const count = reader.u16('the people count');
    reader.need(count * personBytes, `${count} people of ${personBytes} bytes each`);
    reader.offset += count * personBytes;
    if (count > people) people = count;
  }
  reader.context = 'body (v0.0)';
  reader.expectEnd();

  const points = poseHeaderPointCount(header);
  const dims = poseHeaderDims(header);
  const paddedBytes = frames * people * points * (dims + 1) * 4;
  const limit = Math.max(V00_PADDED_BYTES_FLOOR, 8 * reader.bytes.length);
  if (paddedBytes > limit) {
    reader.fail(
      ERROR_CODES.tooLarge,
      `padding ${frames} frames to ${people} people each would need ${paddedBytes} bytes, more than the limit of ${limit}`,
      framesAt,
      { frames, people, points, needed: paddedBytes, limit },
    );
  }

  // Pass 2: decode (values are interleaved and unaligned, so DataView it is; v0.0 files are legacy).
  const data = new Float32Array(frames * people * points * dims);
  const confidence = new Float32Array(frames * people * points);
  const view = reader.view;
  let at = bodyStart;
  for (let f = 0; f < frames; f++) {
    const count = view.getUint16(at, true);
    at += 2;
    for (let person = 0; person < count; person++) {
      at += 2; // person id (int16), dropped
      let point = (f * people + person) * points;
      for (const c of components) {
        const axes = c.values - 1;
        for (let p = 0; p < c.points; p++, point++) {
          for (let d = 0; d < axes; d++, at += 4) data[point * dims + d] = view.getFloat32(at, true);
          confidence[point] = view.getFloat32(at, true);
          at += 4;
        }
      }
    }
  }
  return { fps, frames, people, dims, data, confidence };
}
