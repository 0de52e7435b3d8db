import { getSkeleton } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import {
  boneColors,
  cssColor,
  jointRadius,
  limbAlpha,
  lineThickness,
  parseHexColor,
  unitColor,
} from './style.ts';

describe('colours', () => {
  it('writes CSS colours with channels clamped and rounded (pose-format palettes exceed 255)', () => {
    expect(cssColor([255, 128.4, 0])).toBe('rgb(255, 128, 0)');
    expect(cssColor([300, -5, 77.5])).toBe('rgb(255, 0, 78)');
    expect(cssColor([10, 20, 30], 0.25)).toBe('rgba(10, 20, 30, 0.25)');
    expect(cssColor([10, 20, 30], 2)).toBe('rgb(10, 20, 30)');
    expect(unitColor([255, 510, -1])).toEqual([1, 1, 0]);
  });

  it("gives each bone the mean of its joints' colours", () => {
    const skeleton = getSkeleton('prompt2sign-50');
    const colors = boneColors(skeleton);
    expect(colors).toHaveLength(skeleton.bones.length);
    skeleton.bones.forEach(([a, b], i) => {
      const ca = skeleton.colors[a]!;
      const cb = skeleton.colors[b]!;
      for (const k of [0, 1, 2] as const)
        expect(colors[i]![k]).toBe(Math.min(255, Math.round((ca[k] + cb[k]) / 2)));
    });
    // The hands are coloured differently from the body.
    const names = skeleton.joints;
    const body = skeleton.colors[names.indexOf('Neck')]!;
    const hand = skeleton.colors[8]; // the first hand joint (after the 8 body joints)
    expect(hand).toBeDefined();
    expect(hand).not.toEqual(body);
  });

  it('parses hex colours', () => {
    expect(parseHexColor('#fff')).toEqual([255, 255, 255]);
    expect(parseHexColor(' #1a2B3c ')).toEqual([26, 43, 60]);
    expect(parseHexColor('red')).toBeUndefined();
    expect(parseHexColor('#12345')).toBeUndefined();
  });
});

describe('visibility and sizes', () => {
  it('hides a limb with a missing end and fades uncertain ones', () => {
    expect(limbAlpha(1, 0)).toBe(0);
    expect(limbAlpha(0, 0.9)).toBe(0);
    expect(limbAlpha(0.4, 0.9)).toBe(0.4);
    expect(limbAlpha(1, 1)).toBe(1);
    expect(limbAlpha(Number.NaN, 1)).toBe(0);
  });

  it("uses pose-format's thickness rule, never below 1 px", () => {
    expect(lineThickness(1500, 1500)).toBe(10);
    expect(lineThickness(512, 512)).toBe(3);
    expect(lineThickness(10, 10)).toBe(1);
    expect(jointRadius(3)).toBe(2);
    expect(jointRadius(1)).toBe(1);
  });
});
