/**
 * `writePose`: encodes a `PoseFile` as a pose-format v0.2 `.pose` file.
 */
import { ERROR_CODES, type ErrorCode, SignLLMError } from '../../errors/signllm-error.ts';
import { isFloat32Array } from '../../util/typed-array-checks.ts';
import { encodePoseHeader } from './encode-pose-header.ts';
import { writeFloat32Block } from './float32-block.ts';
import { type PoseFile, poseHeaderDims, poseHeaderPointCount } from './pose-file.ts';

/** Options of `writePose`. */
export interface WritePoseOptions {
  /**
   * Write NaN and ±Infinity in `data` and `confidence` as they are. Off by default: most consumers
   * do not expect them, so a non-finite value is an `invalidNumber` error.
   */
  allowNonFinite?: boolean;
}

const UINT32_MAX = 0xffffffff;

function fail(code: ErrorCode, message: string, details?: object): never {
  throw new SignLLMError(code, message, details ? { details: { ...details } } : {});
}

/** Index of the first NaN or ±Infinity in `values`, or -1. */
function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) return i;
  }
  return -1;
}

/**
 * Writes a `.pose` file, always in version 0.2 (float32 fps, uint32 frames), whatever version it was
 * read from. Reading a v0.2 file and writing it back gives the same bytes.
 *
 * Checks, each with an error naming the field: width/height/depth, counts, limb indices and colour
 * channels are integers in uint16 range (colours may exceed 255); strings fit in 65535 UTF-8 bytes;
 * `dims` is what the component formats imply; `data` and `confidence` are `Float32Array`s of
 * exactly `frames × people × points × dims` and `frames × people × points` values; fps is finite;
 * no NaN/Infinity in the arrays unless `allowNonFinite` is set.
 *
 * Names are written as UTF-8 with their byte count, so non-ASCII point or component names round-trip
 * here. Note that pose-format's Python writer mishandles them (it writes the character count and
 * truncates the bytes), so keep names ASCII when files go to Python tools.
 *
 * @example
 * ```ts
 * const bytes = writePose(readPose(original)); // identical bytes for a v0.2 input
 * ```
 */
export function writePose(file: PoseFile, options: WritePoseOptions = {}): Uint8Array {
  if (typeof file !== 'object' || file === null || typeof file.body !== 'object' || file.body === null) {
    fail(ERROR_CODES.invalidArgument, 'writePose expects a PoseFile { header, body }');
  }
  const { header, body } = file;
  const headerBytes = encodePoseHeader(header);
  const { fps, frames, people, dims, data, confidence } = body;
  if (typeof fps !== 'number' || !Number.isFinite(fps)) {
    fail(ERROR_CODES.invalidNumber, `body.fps must be a finite number, got ${String(fps)}`, { value: fps });
  }
  if (fps < 0) fail(ERROR_CODES.invalidArgument, `body.fps must not be negative, got ${fps}`, { value: fps });
  if (!Number.isInteger(frames) || frames < 0 || frames > UINT32_MAX) {
    fail(
      ERROR_CODES.invalidArgument,
      `body.frames must be an integer in 0..${UINT32_MAX} (uint32), got ${frames}`,
    );
  }
  if (!Number.isInteger(people) || people < 0 || people > 0xffff) {
    fail(ERROR_CODES.invalidArgument, `body.people must be an integer in 0..65535 (uint16), got ${people}`);
  }
  const expectedDims = poseHeaderDims(header);
  if (dims !== expectedDims) {
    fail(
      ERROR_CODES.shapeMismatch,
      `body.dims is ${dims} but the component formats (${header.components.map((c) => c.format).join(', ')}) ` +
        `imply ${expectedDims}: the longest format's length minus its "C"`,
      { dims, expected: expectedDims },
    );
  }
  const points = poseHeaderPointCount(header);
  const checkArray = (values: unknown, name: string, perPoint: number): Float32Array => {
    const expected = frames * people * points * perPoint;
    if (!isFloat32Array(values)) {
      fail(ERROR_CODES.invalidArgument, `body.${name} must be a Float32Array`);
    }
    if (values.length !== expected) {
      fail(
        ERROR_CODES.shapeMismatch,
        `body.${name} has ${values.length} values; expected ${frames} frames × ${people} people × ${points} points` +
          (perPoint === 1 ? '' : ` × ${perPoint} dims`) +
          ` = ${expected}`,
        { length: values.length, expected },
      );
    }
    if (!options.allowNonFinite) {
      const bad = firstNonFinite(values);
      if (bad >= 0) {
        const point = Math.floor(bad / perPoint);
        const frame = Math.floor(point / (people * points));
        const where = `frame ${frame}, person ${Math.floor(point / points) % people}, point ${point % points}`;
        throw new SignLLMError(
          ERROR_CODES.invalidNumber,
          `body.${name}[${bad}] is ${values[bad]} (${where}); pass { allowNonFinite: true } to write NaN/Infinity`,
          { position: { frame }, details: { index: bad, value: values[bad] } },
        );
      }
    }
    return values;
  };
  checkArray(data, 'data', dims);
  checkArray(confidence, 'confidence', 1);

  const bodyAt = headerBytes.length;
  const out = new Uint8Array(bodyAt + 10 + (data.length + confidence.length) * 4);
  out.set(headerBytes, 0);
  const view = new DataView(out.buffer);
  view.setFloat32(bodyAt, fps, true);
  view.setUint32(bodyAt + 4, frames, true);
  view.setUint16(bodyAt + 8, people, true);
  writeFloat32Block(out, bodyAt + 10, data);
  writeFloat32Block(out, bodyAt + 10 + data.length * 4, confidence);
  return out;
}
