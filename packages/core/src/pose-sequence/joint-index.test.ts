import { describe, expect, it } from 'vitest';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { thrown } from '../test-support/errors.ts';
import { jointIndex, resolveJoint } from './joint-index.ts';

describe('jointIndex', () => {
  it('finds prompt2sign-50 joints by their table index', () => {
    // Indices from the Prompt2Sign joint table: 1 Neck, 2 RShoulder, 5 LShoulder, 8 left wrist, 49 right pinky tip.
    expect(jointIndex(PROMPT2SIGN_50, 'Neck')).toBe(1);
    expect(jointIndex(PROMPT2SIGN_50, 'RShoulder')).toBe(2);
    expect(jointIndex(PROMPT2SIGN_50, 'LShoulder')).toBe(5);
    expect(jointIndex(PROMPT2SIGN_50, 'LEFT_WRIST')).toBe(8);
    expect(jointIndex(PROMPT2SIGN_50, 'RIGHT_PINKY_TIP')).toBe(49);
  });

  it('rejects an unknown or wrongly-cased name, listing a few valid names', () => {
    const e = thrown(() => jointIndex(PROMPT2SIGN_50, 'neck'));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toContain('"neck"');
    expect(e.message).toContain('"prompt2sign-50"');
    expect(e.message).toContain('"Nose", "Neck"');
    expect(e.message).toContain('(and 42 more)');
  });
});

describe('resolveJoint', () => {
  it('accepts in-range integer indices and names', () => {
    expect(resolveJoint(PROMPT2SIGN_50, 0)).toBe(0);
    expect(resolveJoint(PROMPT2SIGN_50, 49)).toBe(49);
    expect(resolveJoint(PROMPT2SIGN_50, 'RWrist')).toBe(4);
  });

  it.each([-1, 50, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects index %s naming the range', (bad) => {
    const e = thrown(() => resolveJoint(PROMPT2SIGN_50, bad, 'center'));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toContain('center');
    expect(e.message).toContain('0..49');
  });
});
