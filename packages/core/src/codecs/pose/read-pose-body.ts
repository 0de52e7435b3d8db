/**
 * Internal: reads the `.pose` body of versions 0.1 and 0.2, whose data and confidence are two dense
 * float32 blocks (`[frames][people][points][dims]`, then `[frames][people][points]`), and dispatches
 * v0.0 to its own reader.
 */
import { ERROR_CODES } from '../../errors/signllm-error.ts';
import type { ByteReader } from './byte-reader.ts';
import { readFloat32Block, viewFloat32Blocks } from './float32-block.ts';
import type { PoseBody, PoseHeader } from './pose-file.ts';
import { poseHeaderDims, poseHeaderPointCount } from './pose-file.ts';
import { readPoseBodyV00 } from './read-pose-body-v00.ts';

/** Reads the two float32 blocks of a v0.1 / v0.2 body once `frames` is known and checked. */
function readBlocks(
  reader: ByteReader,
  fps: number,
  frames: number,
  people: number,
  header: PoseHeader,
): PoseBody {
  const points = poseHeaderPointCount(header);
  const dims = poseHeaderDims(header);
  const dataCount = frames * people * points * dims;
  const confidenceCount = frames * people * points;
  const start = reader.offset;
  reader.offset += (dataCount + confidenceCount) * 4;
  reader.expectEnd();
  const views = reader.zeroCopy
    ? viewFloat32Blocks(reader.bytes, start, [dataCount, confidenceCount])
    : undefined;
  const data = views?.[0] ?? readFloat32Block(reader.bytes, start, dataCount);
  const confidence = views?.[1] ?? readFloat32Block(reader.bytes, start + dataCount * 4, confidenceCount);
  return { fps, frames, people, dims, data, confidence };
}

/** v0.2: float32 fps, uint32 frames, uint16 people, then the blocks. */
function readPoseBodyV02(reader: ByteReader, header: PoseHeader): PoseBody {
  const fps = reader.f32('the fps');
  const framesAt = reader.offset;
  const frames = reader.u32('the frame count');
  const people = reader.u16('the people count');
  const points = poseHeaderPointCount(header);
  const values = poseHeaderDims(header) + 1;
  const needed = frames * people * points * values * 4;
  if (needed > reader.remaining) {
    reader.fail(
      ERROR_CODES.truncated,
      `the body claims ${frames} frames × ${people} people × ${points} points × ${values} float32 values ` +
        `= ${needed} bytes, but only ${reader.remaining} remain`,
      framesAt,
      { frames, people, points, values, needed, available: reader.remaining },
    );
  }
  return readBlocks(reader, fps, frames, people, header);
}

/**
 * v0.1: uint16 fps, frames and people. Like pose-format's Python reader we ignore the stored frame
 * count (a uint16 that can overflow) and infer it from the bytes left. Unlike it, we reject a body
 * that is not a whole number of frames (a cut file) instead of silently dropping the remainder.
 */
function readPoseBodyV01(reader: ByteReader, header: PoseHeader): PoseBody {
  const fps = reader.u16('the fps');
  const storedFrames = reader.u16('the frame count');
  const people = reader.u16('the people count');
  const frameBytes = people * poseHeaderPointCount(header) * (poseHeaderDims(header) + 1) * 4;
  // With no values per frame there is nothing to infer from: trust the stored count.
  if (frameBytes === 0) return readBlocks(reader, fps, storedFrames, people, header);
  if (reader.remaining % frameBytes !== 0) {
    reader.fail(
      ERROR_CODES.truncated,
      `the v0.1 body holds ${reader.remaining} bytes, which is not a whole number of ${frameBytes}-byte frames ` +
        `(${people} people × ${poseHeaderPointCount(header)} points × ${poseHeaderDims(header) + 1} float32 values)`,
      reader.bytes.length,
      { available: reader.remaining, frameBytes },
    );
  }
  return readBlocks(reader, fps, reader.remaining / frameBytes, people, header);
}

/** Reads the body of a file of the given (rounded, supported) version. */
export function readPoseBody(reader: ByteReader, header: PoseHeader, version: number): PoseBody {
  reader.context = `body (v${version.toFixed(1)})`;
  const body =
    version === 0
      ? readPoseBodyV00(reader, header)
      : version === 0.1
        ? readPoseBodyV01(reader, header)
        : readPoseBodyV02(reader, header);
  reader.context = '';
  return body;
}
