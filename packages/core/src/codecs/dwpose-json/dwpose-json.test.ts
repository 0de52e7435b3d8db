import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../../errors/signllm-error.ts';
import { thrown } from '../../test-support/errors.ts';
import { expectTruncationsRejected } from '../../test-support/expect-truncations-rejected.ts';
import { dataPath, describeWithData, readDataText } from '../../test-support/shared-data.ts';
import { dwposeFrameId, dwposeFramesToSequence } from './dwpose-frames-to-sequence.ts';
import { parseDwposeFrame } from './parse-dwpose-frame.ts';

const DIR = ['dwpose', 'human_signer', 'json'];
const STEMS = ['body', 'left_hand', 'right_hand', 'face'] as const;
const COUNTS = { body: 18, left_hand: 21, right_hand: 21, face: 68 };

function files(): Array<{ name: string; content: string }> {
  return readdirSync(dataPath(...DIR))
    .filter((n) => n.endsWith('.json'))
    .map((name) => ({ name, content: readDataText(...DIR, name) }));
}

/** Expected points and confidences of a real file, from JSON.parse. */
function expected(text: string, sx = 1, sy = 1): { xy: number[]; c: number[] } {
  const p = JSON.parse(text).person_0;
  const xy: number[] = [];
  const c: number[] = [];
  for (const stem of STEMS) {
    for (const [x, y] of p[`${stem}_keypoints`] as Array<[number, number]>) {
      xy.push(Math.fround(x * sx), Math.fround(y * sy));
    }
    for (const v of p[`${stem}_scores`] as number[]) {
      c.push(stem === 'body' ? (v >= 0 ? 1 : 0) : Math.fround(Math.min(v, 1)));
    }
  }
  return { xy, c };
}

/** A synthetic Prompt2Sign person: point k of part `stem` at (base + k, base + k + 0.5). */
function person(score = 0.5): Record<string, unknown> {
  const base = { body: 0, left_hand: 100, right_hand: 200, face: 300 };
  const out: Record<string, unknown> = {};
  for (const stem of STEMS) {
    const n = COUNTS[stem];
    out[`${stem}_keypoints`] = Array.from({ length: n }, (_, k) => [base[stem] + k, base[stem] + k + 0.5]);
    out[`${stem}_scores`] = Array.from({ length: n }, (_, k) =>
      stem === 'body' ? (k === 3 ? -1 : k) : score,
    );
  }
  return out;
}
const frame = (p = person()): string => JSON.stringify({ num_persons: 1, person_0: p });

describeWithData('DWPose JSON on the human_signer clip', () => {
  it('reads all 135 frames in order, values equal JSON.parse of the files', () => {
    const list = files();
    expect(list).toHaveLength(135);
    const seq = dwposeFramesToSequence([...list].reverse());
    expect(seq.skeleton.name).toBe('dwpose-128');
    expect([seq.frames, seq.dims, seq.fps]).toEqual([135, 2, 24]);
    const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name));
    for (const f of [0, 1, 67, 134]) {
      const { xy, c } = expected(sorted[f]!.content);
      expect([...seq.data.subarray(f * 256, (f + 1) * 256)]).toEqual(xy);
      expect([...seq.confidence.subarray(f * 128, (f + 1) * 128)]).toEqual(c);
    }
    // body_scores −1 (here RKnee and RAnkle) become missing, indices ≥ 0 present
    const j = (n: string): number => seq.skeleton.joints.indexOf(n);
    expect([seq.confidence[j('RKnee')], seq.confidence[j('RAnkle')], seq.confidence[j('RHip')]]).toEqual([
      0, 0, 1,
    ]);
  });

  it('scales to pixels with width and height', () => {
    const list = files().slice(0, 3);
    const seq = dwposeFramesToSequence(list, { width: 1280, height: 720 });
    const first = list.find((f) => f.name === '00000001.json')!;
    expect([...seq.data.subarray(0, 256)]).toEqual(expected(first.content, 1280, 720).xy);
  });

  it('matches the layout: Neck = mean of the shoulders, hands[0] at the signer’s left wrist', () => {
    const seq = dwposeFramesToSequence(files());
    const j = (n: string): number => seq.skeleton.joints.indexOf(n);
    const at = (f: number, k: number): [number, number] => [
      seq.data[(f * 128 + k) * 2]!,
      seq.data[(f * 128 + k) * 2 + 1]!,
    ];
    let same = 0;
    let crossed = 0;
    for (let f = 0; f < seq.frames; f++) {
      const [n, l, r] = [at(f, j('Neck')), at(f, j('LShoulder')), at(f, j('RShoulder'))];
      expect(Math.hypot(n[0] - (l[0] + r[0]) / 2, n[1] - (l[1] + r[1]) / 2)).toBeLessThan(1e-6);
      const hand = at(f, j('LEFT_WRIST'));
      same += Math.hypot(hand[0] - at(f, j('LWrist'))[0], hand[1] - at(f, j('LWrist'))[1]);
      crossed += Math.hypot(hand[0] - at(f, j('RWrist'))[0], hand[1] - at(f, j('RWrist'))[1]);
    }
    expect(same).toBeLessThan(crossed * 0.25);
  });
});

describe('parseDwposeFrame', () => {
  it('lays out body, left hand, right hand, face; body indices → 0/1, other scores kept', () => {
    const f = parseDwposeFrame(frame(person(0.75)));
    expect(f.people).toBe(1);
    expect([f.data[0], f.data[1], f.data[2 * 18], f.data[2 * 39], f.data[2 * 60], f.data[2 * 127]]).toEqual([
      0, 0.5, 100, 200, 300, 367,
    ]);
    expect([f.confidence[0], f.confidence[3], f.confidence[17], f.confidence[18], f.confidence[127]]).toEqual(
      [1, 0, 1, 0.75, 0.75],
    );
    expect(parseDwposeFrame(frame(person(1.13))).confidence[18]).toBe(1);
  });

  it('reads the raw easy_dwpose layout (hands stacked all-left, then all-right)', () => {
    const p0 = person(0.25);
    const p1 = person(0.5);
    const get = (p: Record<string, unknown>, k: string): unknown[] => p[k] as unknown[];
    const raw = {
      bodies: [
        ...get(p0, 'body_keypoints'),
        ...(get(p1, 'body_keypoints') as number[][]).map(([x, y]) => [x! + 1000, y!]),
      ],
      body_scores: [get(p0, 'body_scores'), get(p1, 'body_scores')],
      hands: [
        get(p0, 'left_hand_keypoints'),
        get(p1, 'left_hand_keypoints'),
        get(p0, 'right_hand_keypoints'),
        get(p1, 'right_hand_keypoints'),
      ],
      hands_scores: [
        get(p0, 'left_hand_scores'),
        get(p1, 'left_hand_scores'),
        get(p0, 'right_hand_scores'),
        get(p1, 'right_hand_scores'),
      ],
      faces: [get(p0, 'face_keypoints'), get(p1, 'face_keypoints')],
      faces_scores: [get(p0, 'face_scores'), get(p1, 'face_scores')],
    };
    const a = parseDwposeFrame(raw);
    const b = parseDwposeFrame(frame(p0));
    expect(a.people).toBe(2);
    expect(a.data).toEqual(b.data);
    expect(a.confidence).toEqual(b.confidence);
    const second = parseDwposeFrame(JSON.stringify(raw), { person: 1 });
    expect([second.data[0], second.data[2 * 18], second.data[2 * 39], second.confidence[18]]).toEqual([
      1000, 100, 200, 0.5,
    ]);
    expect(parseDwposeFrame(raw, { person: 2 }).confidence.every((c) => c === 0)).toBe(true);
  });

  it('a frame without the chosen person is all missing', () => {
    expect(parseDwposeFrame('{"num_persons": 0}').confidence.every((c) => c === 0)).toBe(true);
    expect(parseDwposeFrame(frame(), { person: 1 }).people).toBe(1);
  });

  it('rejects bad input with clear SignLLMErrors', () => {
    const bad = (mutate: (p: Record<string, unknown>) => void): string => {
      const p = person();
      mutate(p);
      return frame(p);
    };
    const cases: Array<[unknown, string, string]> = [
      ['{"num_persons": 1, "person_0": {', 'format_invalid', 'not valid JSON'],
      ['{"frames": []}', 'format_invalid', 'num_persons'],
      ['{"num_persons": 1}', 'format_invalid', '"person_0"'],
      ['{"num_persons": -1}', 'format_invalid', 'num_persons'],
      [bad((p) => delete p.face_scores), 'format_invalid', 'person_0.face_scores'],
      [bad((p) => (p.body_keypoints as unknown[]).pop()), 'format_invalid', '17 entries, expected 18'],
      [bad((p) => ((p.left_hand_keypoints as unknown[])[2] = [1, 2, 3])), 'format_invalid', 'expected 2'],
      [bad((p) => ((p.face_keypoints as unknown[][])[0]![1] = 'x')), 'format_invalid_number', '"x"'],
      [bad((p) => ((p.right_hand_scores as unknown[])[0] = -0.1)), 'format_invalid_number', 'negative'],
      ['{"num_persons":1,"person_0":{"body_keypoints":[[NaN,0]]}}', 'format_invalid_number', 'NaN'],
      ['[]', 'format_invalid', 'expected an object'],
      [
        { bodies: [], body_scores: [[]], hands: [], hands_scores: [], faces: [], faces_scores: [] },
        'format_invalid',
        'hands',
      ],
    ];
    for (const [input, code, text] of cases) {
      const e = thrown(() => parseDwposeFrame(input, { source: '00000007.json' }));
      expect(e.code, String(input).slice(0, 60)).toBe(code);
      expect(e.message).toContain(text);
      expect(e.message).toContain('00000007.json');
    }
    const inf = JSON.parse(frame());
    inf.person_0.body_keypoints[0][0] = Number.POSITIVE_INFINITY;
    expect(thrown(() => parseDwposeFrame(inf)).code).toBe('format_invalid_number');
  });

  it('rejects bad options', () => {
    expect(thrown(() => parseDwposeFrame(frame(), { width: 1280 })).code).toBe('invalid_argument');
    expect(thrown(() => parseDwposeFrame(frame(), { width: 0, height: 720 })).code).toBe('invalid_argument');
    expect(thrown(() => parseDwposeFrame(frame(), { person: -2 })).code).toBe('invalid_argument');
  });

  it('never throws anything but a SignLLMError on arbitrary input (property)', () => {
    const part = fc.array(fc.oneof(fc.tuple(fc.double(), fc.double()), fc.jsonValue()), { maxLength: 70 });
    const inputs = fc.oneof(
      fc.string(),
      fc.jsonValue(),
      fc.uint8Array({ maxLength: 200 }),
      fc.record({
        num_persons: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.jsonValue()),
        person_0: fc.dictionary(
          fc.constantFrom(...STEMS.flatMap((s) => [`${s}_keypoints`, `${s}_scores`])),
          part,
        ),
      }),
      fc.record({
        bodies: part,
        body_scores: fc.array(part, { maxLength: 2 }),
        hands: fc.array(part, { maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          const f = parseDwposeFrame(input);
          expect(f.data).toHaveLength(256);
          expect(f.confidence.every((c) => c >= 0 && c <= 1)).toBe(true);
        } catch (e) {
          expect(SignLLMError.isInstance(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports every truncation of a frame as a SignLLMError (property)', () => {
    expectTruncationsRejected(frame(), parseDwposeFrame);
  });
});

describe('dwposeFramesToSequence', () => {
  it('orders numerically and rejects empty, unnumbered and duplicate frame lists', () => {
    const p = (x: number): string => {
      const q = person();
      (q.body_keypoints as number[][])[0] = [x, 0];
      return frame(q);
    };
    const seq = dwposeFramesToSequence([
      { name: 'f10.json', content: p(10) },
      { name: 'f9.json', content: p(9) },
    ]);
    expect([seq.data[0], seq.data[256]]).toEqual([9, 10]);
    expect(thrown(() => dwposeFramesToSequence([])).code).toBe('invalid_argument');
    const unnamed = thrown(() => dwposeFramesToSequence([{ name: 'frame.json', content: p(1) }]));
    expect([unnamed.code, unnamed.message.includes('"frame.json"')]).toEqual(['format_invalid', true]);
    const dup = thrown(() =>
      dwposeFramesToSequence([
        { name: '1.json', content: p(1) },
        { name: '001.json', content: p(1) },
      ]),
    );
    expect(dup.code).toBe('format_invalid');
    expect(dup.message).toContain('001.json');
    const bad = thrown(() =>
      dwposeFramesToSequence([
        { name: '1.json', content: p(1) },
        { name: '2.json', content: '{' },
      ]),
    );
    expect(bad.position).toEqual({ source: '2.json', frame: 1 });
  });

  it('reads frame numbers from the base name', () => {
    expect(dwposeFrameId('json/00000012.json')).toBe(12);
    expect(dwposeFrameId('clip3\\frame_0007.json')).toBe(7);
    expect(dwposeFrameId('clip3/frame.json')).toBeUndefined();
  });
});
