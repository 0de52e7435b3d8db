/**
 * Internal: reads the `.pose` header (identical in v0.0, v0.1 and v0.2). Every count is checked
 * against the bytes that remain before anything sized by it is allocated.
 */
import { ERROR_CODES } from '../../errors/signllm-error.ts';
import type { ByteReader } from './byte-reader.ts';
import { formatLength, type PoseHeader, type PoseHeaderComponent } from './pose-file.ts';

/** Smallest possible encoding of a component: two empty strings and three uint16 counts. */
const MIN_COMPONENT_BYTES = 2 + 2 + 6;

/** Versions this reader understands, as `round(version, 3)` (pose-format compares the same way). */
export const SUPPORTED_POSE_VERSIONS: readonly number[] = [0, 0.1, 0.2];

/** `round(v, 3)`, the comparison pose-format's reader uses (float32(0.1) = 0.10000000149…). */
export function roundVersion(version: number): number {
  return Math.round(version * 1000) / 1000;
}

/** Throws `truncated` unless `count` items of at least `size` bytes each can fit in what remains. */
function checkCount(reader: ByteReader, count: number, size: number, what: string, at: number): void {
  if (count * size > reader.remaining) {
    reader.fail(
      ERROR_CODES.truncated,
      `${what}: the header claims ${count}, which needs at least ${count * size} bytes, but only ${reader.remaining} remain`,
      at,
      { count, needed: count * size, available: reader.remaining },
    );
  }
}

/** Reads the header at the reader's cursor; leaves the cursor at the start of the body. */
export function readPoseHeader(reader: ByteReader): PoseHeader {
  reader.context = 'header';
  const versionAt = reader.offset;
  const version = reader.f32('the version');
  if (!SUPPORTED_POSE_VERSIONS.includes(roundVersion(version))) {
    reader.fail(
      ERROR_CODES.unsupportedVersion,
      `unsupported .pose version ${version}; this reader reads versions 0.0, 0.1 and 0.2`,
      versionAt,
      { value: version, options: SUPPORTED_POSE_VERSIONS },
    );
  }
  const width = reader.u16('the width');
  const height = reader.u16('the height');
  const depth = reader.u16('the depth');
  const countAt = reader.offset;
  const componentCount = reader.u16('the component count');
  checkCount(reader, componentCount, MIN_COMPONENT_BYTES, 'components', countAt);

  const components: PoseHeaderComponent[] = [];
  for (let c = 0; c < componentCount; c++) {
    reader.context = `header component ${c}`;
    const name = reader.str('the component name');
    reader.context = `header component ${c} ${JSON.stringify(name)}`;
    const formatAt = reader.offset;
    const format = reader.str('the point format');
    if (formatLength(format) === 0) {
      reader.fail(
        ERROR_CODES.badFormat,
        'the point format is empty; it needs at least the confidence "C"',
        formatAt,
      );
    }
    const pointsAt = reader.offset;
    const pointCount = reader.u16('the point count');
    const limbCount = reader.u16('the limb count');
    const colorCount = reader.u16('the colour count');
    checkCount(reader, pointCount, 2, 'points', pointsAt);
    const points: string[] = new Array<string>(pointCount);
    for (let p = 0; p < pointCount; p++) points[p] = reader.str('a point name');
    checkCount(reader, limbCount, 4, 'limbs', pointsAt + 2);
    const limbs: Array<[number, number]> = new Array<[number, number]>(limbCount);
    for (let l = 0; l < limbCount; l++) limbs[l] = [reader.u16('a limb start'), reader.u16('a limb end')];
    checkCount(reader, colorCount, 6, 'colours', pointsAt + 4);
    const colors: Array<[number, number, number]> = new Array<[number, number, number]>(colorCount);
    for (let k = 0; k < colorCount; k++) {
      colors[k] = [reader.u16('a colour'), reader.u16('a colour'), reader.u16('a colour')];
    }
    components.push({ name, format, points, limbs, colors });
  }
  reader.context = '';
  return { version, width, height, depth, components };
}
