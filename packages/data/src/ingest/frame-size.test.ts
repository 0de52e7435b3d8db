import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { dataPath, describeWithData } from '../test-support/shared-data.ts';
import { discoverInputs } from './discover-inputs.ts';
import { readInput } from './read-input.ts';

describeWithData('DWPose frame size', () => {
  it('turns [0, 1] coordinates back into pixels of the given video size', async () => {
    const [unit] = await discoverInputs([dataPath('dwpose', 'human_signer')]);
    if (!unit) throw new Error('no DWPose unit');
    const read = async (frameSize?: readonly [number, number]) => {
      for await (const s of readInput(unit, frameSize ? { frameSize } : {})) return s.sequence;
      throw new Error('no sample');
    };
    const plain = await read();
    const pixels = await read([1280, 720]);
    const json = JSON.parse(
      readFileSync(join(dataPath('dwpose', 'human_signer', 'json'), '00000001.json'), 'utf8'),
    );
    const [nx, ny] = json.person_0.body_keypoints[0] as [number, number];
    // joint 0 of dwpose-128 is the nose (body keypoint 0), frame 0
    expect(plain.data[0]).toBeCloseTo(nx, 5);
    expect(plain.data[1]).toBeCloseTo(ny, 5);
    expect(pixels.data[0]).toBeCloseTo(nx * 1280, 2);
    expect(pixels.data[1]).toBeCloseTo(ny * 720, 2);
  });
});
