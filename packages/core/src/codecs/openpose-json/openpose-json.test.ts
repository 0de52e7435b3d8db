import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../../errors/signllm-error.ts';
import { thrown } from '../../test-support/errors.ts';
import { expectTruncationsRejected } from '../../test-support/expect-truncations-rejected.ts';
import { dataPath, describeWithData, readDataBytes, readDataText } from '../../test-support/shared-data.ts';
import { openPoseFrameId, openPoseFramesToSequence } from './openpose-frames-to-sequence.ts';
import { parseOpenPoseFrame } from './parse-openpose-frame.ts';

const CLIPS = ['_2FBDaOPYig_2-3-rgb_front', '_2FBDaOPYig_2-5-rgb_front', '_2FBDaOPYig_3-3-rgb_front'];
const PARTS: Array<[string, number]> = [
  ['pose_keypoints_2d', 25],
  ['face_keypoints_2d', 70],
  ['hand_left_keypoints_2d', 21],
  ['hand_right_keypoints_2d', 21],
];

function clipFiles(clip: string): Array<{ name: string; content: string }> {
  return readdirSync(dataPath('how2sign-openpose', clip))
    .filter((n) => n.endsWith('.json'))
    .map((name) => ({ name, content: readDataText('how2sign-openpose', clip, name) }));
}

/** Expected 137 × (x, y) and confidences of a file, computed straight from JSON.parse. */
function expected(text: string): { xy: number[]; c: number[] } {
  const person = JSON.parse(text).people[0];
  const xy: number[] = [];
  const c: number[] = [];
  for (const [key, n] of PARTS) {
    const v: number[] = person[key];
    for (let k = 0; k < n; k++) {
      xy.push(Math.fround(v[3 * k]!), Math.fround(v[3 * k + 1]!));
      c.push(Math.fround(Math.min(1, v[3 * k + 2]!)));
    }
  }
  return { xy, c };
}

/** A synthetic one-person frame with every value from `value(part, index)`. */
function frame(value: (key: string, i: number) => unknown = (_, i) => (i % 3 === 2 ? 0.5 : i)): string {
  const person: Record<string, unknown> = { person_id: [-1] };
  for (const [key, n] of PARTS) person[key] = Array.from({ length: n * 3 }, (_, i) => value(key, i));
  return JSON.stringify({ version: 1.3, people: [person] });
}

describeWithData('OpenPose JSON on the How2Sign clips', () => {
  it.each(CLIPS)('%s: one frame per file, values equal JSON.parse of the file', (clip) => {
    const files = clipFiles(clip);
    const seq = openPoseFramesToSequence(files);
    expect(seq.skeleton.name).toBe('openpose-137');
    expect(seq.frames).toBe(files.length);
    expect(seq.dims).toBe(2);
    expect(seq.fps).toBe(24);
    const byId = new Map(files.map((f) => [Number(/_(\d+)_keypoints/.exec(f.name)![1]), f.content]));
    const ids = [...byId.keys()].sort((a, b) => a - b);
    for (const f of [0, Math.floor(files.length / 2), files.length - 1]) {
      const { xy, c } = expected(byId.get(ids[f]!)!);
      expect([...seq.data.subarray(f * 137 * 2, (f + 1) * 137 * 2)]).toEqual(xy);
      expect([...seq.confidence.subarray(f * 137, (f + 1) * 137)]).toEqual(c);
    }
  });

  it('orders frames by number whatever the input order', () => {
    const files = clipFiles(CLIPS[2]!);
    const shuffled = [...files].reverse();
    shuffled.push(shuffled.splice(3, 1)[0]!);
    const a = openPoseFramesToSequence(files);
    const b = openPoseFramesToSequence(shuffled);
    expect(b.data).toEqual(a.data);
    const first = files.find((f) => f.name.endsWith('_000000000000_keypoints.json'))!;
    expect([...b.data.subarray(0, 274)]).toEqual(expected(first.content).xy);
  });

  it('the left-hand array belongs to the signer’s left wrist (LWrist)', () => {
    const seq = openPoseFramesToSequence(clipFiles(CLIPS[0]!));
    const j = (n: string): number => seq.skeleton.joints.indexOf(n);
    let same = 0;
    let crossed = 0;
    let n = 0;
    for (let f = 0; f < seq.frames; f++) {
      const [h, lw, rw] = [j('LEFT_WRIST'), j('LWrist'), j('RWrist')];
      if (![h, lw, rw].every((k) => seq.confidence[f * 137 + k]! > 0.3)) continue;
      const d = (a: number, b: number): number =>
        Math.hypot(
          seq.data[(f * 137 + a) * 2]! - seq.data[(f * 137 + b) * 2]!,
          seq.data[(f * 137 + a) * 2 + 1]! - seq.data[(f * 137 + b) * 2 + 1]!,
        );
      same += d(h, lw);
      crossed += d(h, rw);
      n++;
    }
    expect(n).toBeGreaterThan(20);
    expect(same / n).toBeLessThan((crossed / n) * 0.25);
  });

  it('parses a real frame from bytes and reports a truncated file by name', () => {
    const name = '_2FBDaOPYig_2-3-rgb_front_000000000005_keypoints.json';
    const bytes = readDataBytes('how2sign-openpose', CLIPS[0]!, name);
    const frame = parseOpenPoseFrame(bytes, { source: name });
    expect(frame.people).toBe(1);
    expect([...frame.data]).toEqual(expected(new TextDecoder().decode(bytes)).xy);
    const e = thrown(() => parseOpenPoseFrame(bytes.subarray(0, 500), { source: name }));
    expect(e.code).toBe('format_invalid');
    expect(e.message).toContain(name);
    expect(e.position?.source).toBe(name);
  });
});

describe('parseOpenPoseFrame', () => {
  it('reads x, y, c per point in openpose-137 order', () => {
    const f = parseOpenPoseFrame(
      frame((key, i) => (i % 3 === 2 ? 0.25 : (key === 'face_keypoints_2d' ? 1000 : 0) + i)),
    );
    expect(f.dims).toBe(2);
    expect([f.data[0], f.data[1], f.confidence[0]]).toEqual([0, 1, 0.25]);
    expect([f.data[2 * 25], f.data[2 * 25 + 1]]).toEqual([1000, 1001]);
    expect(f.data[2 * 136 + 1]).toBe(61); // last right-hand point: y at index 61 of its array
  });

  it('accepts a parsed object, clamps confidences above 1 and treats empty arrays as not detected', () => {
    const parsed = JSON.parse(frame((_, i) => (i % 3 === 2 ? 1.05 : 7)));
    parsed.people[0].face_keypoints_2d = [];
    delete parsed.people[0].hand_right_keypoints_2d;
    const f = parseOpenPoseFrame(parsed);
    expect(f.confidence[0]).toBe(1);
    expect(f.confidence[25]).toBe(0);
    expect(f.data[2 * 25]).toBe(0);
    expect(f.confidence[116]).toBe(0);
    expect(f.confidence[95]).toBe(1);
  });

  it('a frame with no people, or without the chosen person, is all missing', () => {
    for (const f of [
      parseOpenPoseFrame('{"version":1.3,"people":[]}'),
      parseOpenPoseFrame(frame(), { person: 1 }),
    ]) {
      expect(f.confidence.every((c) => c === 0)).toBe(true);
      expect(f.data).toHaveLength(274);
    }
    expect(parseOpenPoseFrame('{"people":[]}').people).toBe(0);
  });

  it('reads the *_3d arrays (x, y, z, c) when present', () => {
    const parsed = JSON.parse(frame());
    for (const [key, n] of PARTS) {
      parsed.people[0][key.replace('_2d', '_3d')] = Array.from({ length: n * 4 }, (_, i) =>
        i % 4 === 3 ? 1 : i + 0.5,
      );
    }
    const f = parseOpenPoseFrame(parsed);
    expect(f.dims).toBe(3);
    expect(f.data).toHaveLength(137 * 3);
    expect([f.data[0], f.data[1], f.data[2], f.confidence[0]]).toEqual([0.5, 1.5, 2.5, 1]);
    expect(parseOpenPoseFrame(parsed, { dims: 2 }).dims).toBe(2);
    const flat = parseOpenPoseFrame(frame(), { dims: 3 });
    expect([flat.dims, flat.confidence.every((c) => c === 0)]).toEqual([3, true]);
  });

  it('rejects bad input with clear SignLLMErrors', () => {
    const cases: Array<[unknown, string, string]> = [
      ['{"people": [', 'format_invalid', 'not valid JSON'],
      ['{"version": 1.3}', 'format_invalid', '"people"'],
      ['[1, 2]', 'format_invalid', '"people"'],
      ['{"people": [5]}', 'format_invalid', 'people[0]'],
      ['{"people": [{"person_id": [1]}]}', 'format_invalid', 'none of the keypoint arrays'],
      [
        frame((key, i) => (key === 'face_keypoints_2d' && i === 4 ? 'abc' : 1)),
        'format_invalid_number',
        '"abc"',
      ],
      [
        frame((key, i) => (key === 'pose_keypoints_2d' && i === 2 ? -0.5 : 1)),
        'format_invalid_number',
        'negative',
      ],
      [
        frame((key, i) => (key === 'pose_keypoints_2d' && i === 0 ? null : 1)),
        'format_invalid_number',
        'null',
      ],
      ['{"people":[{"pose_keypoints_2d":[NaN,1,1]}]}', 'format_invalid_number', 'NaN'],
      ['{"people":[{"pose_keypoints_2d":{"x":1}}]}', 'format_invalid', 'expected an array'],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'format_invalid_utf8', 'UTF-8'],
    ];
    for (const [input, code, text] of cases) {
      const e = thrown(() => parseOpenPoseFrame(input, { source: 'x_1_keypoints.json' }));
      expect(e.code, String(input)).toBe(code);
      expect(e.message).toContain(text);
      expect(e.message).toContain('x_1_keypoints.json');
    }
    const nan = JSON.parse(frame());
    nan.people[0].pose_keypoints_2d[3] = Number.NaN;
    expect(thrown(() => parseOpenPoseFrame(nan)).code).toBe('format_invalid_number');
    const inf = JSON.parse(frame());
    inf.people[0].hand_left_keypoints_2d[0] = Number.POSITIVE_INFINITY;
    expect(thrown(() => parseOpenPoseFrame(inf)).message).toContain('Infinity');
  });

  it('rejects arrays of the wrong length, naming the expected length', () => {
    const short = JSON.parse(frame());
    short.people[0].pose_keypoints_2d = short.people[0].pose_keypoints_2d.slice(0, 74);
    const e = thrown(() => parseOpenPoseFrame(short, { source: 'a_3_keypoints.json' }));
    expect(e.code).toBe('format_invalid');
    expect(e.message).toContain('74 values');
    expect(e.message).toContain('expected 75');
    const long = JSON.parse(frame());
    long.people[0].hand_left_keypoints_2d.push(1, 2, 3);
    expect(thrown(() => parseOpenPoseFrame(long)).message).toContain('66 values');
  });

  it('rejects a bad person option', () => {
    expect(thrown(() => parseOpenPoseFrame(frame(), { person: -1 })).code).toBe('invalid_argument');
    expect(thrown(() => parseOpenPoseFrame(frame(), { person: 0.5 })).code).toBe('invalid_argument');
  });

  it('never throws anything but a SignLLMError on arbitrary input (property)', () => {
    const inputs = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue(),
      fc.uint8Array({ maxLength: 200 }),
      fc.record({
        people: fc.array(
          fc.dictionary(
            fc.constantFrom(...PARTS.map(([k]) => k)),
            fc.array(fc.jsonValue(), { maxLength: 80 }),
          ),
          { maxLength: 2 },
        ),
      }),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          const f = parseOpenPoseFrame(input);
          expect(f.data).toHaveLength(137 * f.dims);
          expect(f.confidence.every((c) => c >= 0 && c <= 1)).toBe(true);
        } catch (e) {
          expect(SignLLMError.isInstance(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every finite value of a valid frame (property)', () => {
    const value = fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((v) => v + 0); // JSON has no -0
    const part = (n: number) =>
      fc.array(fc.tuple(value, value, fc.double({ min: 0, max: 1, noNaN: true })), {
        minLength: n,
        maxLength: n,
      });
    fc.assert(
      fc.property(part(25), part(70), part(21), part(21), (body, face, left, right) => {
        const person = Object.fromEntries(PARTS.map(([k], i) => [k, [body, face, left, right][i]!.flat()]));
        const f = parseOpenPoseFrame(JSON.stringify({ people: [person] }));
        const all = [...body, ...face, ...left, ...right];
        all.forEach(([x, y, c], j) => {
          expect(f.data[2 * j]).toBe(Math.fround(x));
          expect(f.data[2 * j + 1]).toBe(Math.fround(y));
          expect(f.confidence[j]).toBe(Math.fround(c));
        });
      }),
      { numRuns: 50 },
    );
  });

  it('reports every truncation of a frame as a SignLLMError (property)', () => {
    expectTruncationsRejected(frame(), parseOpenPoseFrame);
  });
});

describe('openPoseFramesToSequence', () => {
  const named = (id: string, content: unknown = frame()) => ({ name: `clip_${id}_keypoints.json`, content });

  it('orders numerically, not lexicographically', () => {
    const seq = openPoseFramesToSequence([
      named(
        '10',
        frame((_, i) => (i % 3 === 2 ? 1 : 10)),
      ),
      named(
        '9',
        frame((_, i) => (i % 3 === 2 ? 1 : 9)),
      ),
      named(
        '100',
        frame((_, i) => (i % 3 === 2 ? 1 : 100)),
      ),
    ]);
    expect([seq.data[0], seq.data[274], seq.data[548]]).toEqual([9, 10, 100]);
  });

  it('keeps a frame with no people as an all-missing frame', () => {
    const seq = openPoseFramesToSequence([named('0'), named('1', '{"version":1.3,"people":[]}'), named('2')]);
    expect(seq.frames).toBe(3);
    expect(seq.confidence.subarray(137, 274).every((c) => c === 0)).toBe(true);
    expect(seq.confidence.subarray(0, 137).every((c) => c === 0.5)).toBe(true);
  });

  it('fills gaps on request, and refuses a huge gap', () => {
    const seq = openPoseFramesToSequence([named('3'), named('5')], { fillGaps: true, fps: 30 });
    expect(seq.frames).toBe(3);
    expect(seq.fps).toBe(30);
    expect(seq.confidence.subarray(137, 274).every((c) => c === 0)).toBe(true);
    expect(openPoseFramesToSequence([named('3'), named('5')]).frames).toBe(2);
    const e = thrown(() => openPoseFramesToSequence([named('0'), named('999999999999')], { fillGaps: true }));
    expect(e.code).toBe('format_too_large');
  });

  it('becomes 3D when a frame has *_3d values, with 2D-only frames missing', () => {
    const three = JSON.parse(frame());
    three.people[0].pose_keypoints_3d = Array.from({ length: 100 }, (_, i) => (i % 4 === 3 ? 1 : i));
    const seq = openPoseFramesToSequence([named('0', three), named('1')]);
    expect(seq.dims).toBe(3);
    expect([seq.data[0], seq.data[1], seq.data[2], seq.confidence[0], seq.confidence[25]]).toEqual([
      0, 1, 2, 1, 0,
    ]);
    expect(seq.confidence.subarray(137).every((c) => c === 0)).toBe(true);
  });

  it('rejects bad lists: empty, unnumbered names, duplicate numbers, bad JSON by file name', () => {
    expect(thrown(() => openPoseFramesToSequence([])).code).toBe('invalid_argument');
    const unnamed = thrown(() =>
      openPoseFramesToSequence([named('1'), { name: 'notes.json', content: frame() }]),
    );
    expect(unnamed.code).toBe('format_invalid');
    expect(unnamed.message).toContain('"notes.json"');
    const dup = thrown(() => openPoseFramesToSequence([named('1'), named('01'), named('2')]));
    expect(dup.code).toBe('format_invalid');
    expect(dup.message).toContain('clip_1_keypoints.json');
    expect(dup.message).toContain('clip_01_keypoints.json');
    const bad = thrown(() => openPoseFramesToSequence([named('1'), named('2', '{"people": [{')]));
    expect(bad.code).toBe('format_invalid');
    expect(bad.message).toContain('clip_2_keypoints.json');
    const short = JSON.parse(frame());
    short.people[0].pose_keypoints_2d.pop();
    const e = thrown(() => openPoseFramesToSequence([named('1'), named('2', short)]));
    expect(e.position).toEqual({ source: 'clip_2_keypoints.json', frame: 1 });
    expect(thrown(() => openPoseFramesToSequence([named('1')], { fps: 0 })).code).toBe('invalid_argument');
    expect(thrown(() => openPoseFramesToSequence([named('1')], { dims: 4 as 2 })).code).toBe(
      'invalid_argument',
    );
  });

  it('reads frame numbers from names and paths', () => {
    expect(openPoseFrameId('CAM2_000000000017_keypoints.json')).toBe(17);
    expect(openPoseFrameId('dir/sub/0042_keypoints.json')).toBe(42);
    expect(openPoseFrameId('17_keypoints.json')).toBe(17);
    expect(openPoseFrameId('clip_17_keypoints.json.bak')).toBeUndefined();
    expect(openPoseFrameId('clip_keypoints.json')).toBeUndefined();
    expect(openPoseFrameId(`x_${'9'.repeat(30)}_keypoints.json`)).toBeUndefined();
  });
});
