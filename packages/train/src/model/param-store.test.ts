/** ParamStore: initialisers, seed/name determinism, counting, errors, disposal. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { ParamStore } from './param-store.ts';

beforeAll(useTestBackend);

describe('ParamStore', () => {
  it('xavier-uniform within ±sqrt(6/(in+out)), zeros, ones; count and names', () => {
    const store = new ParamStore(3);
    const w = store.create('g/w', [40, 60], 'xavier');
    store.create('g/b', [60], 'zeros');
    store.create('g/gain', [60], 'ones');
    const values = Array.from(w.dataSync());
    const limit = Math.sqrt(6 / 100);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Array.from(store.get('g/b').dataSync()).every((v) => v === 0)).toBe(true);
    expect(Array.from(store.get('g/gain').dataSync()).every((v) => v === 1)).toBe(true);
    expect(store.count()).toBe(40 * 60 + 120);
    expect(store.names()).toEqual(['g/w', 'g/b', 'g/gain']);
    expect(store.variables.length).toBe(3);
    store.dispose();
  });

  it('initial values depend on seed and name only, not on creation order or other groups', () => {
    const a = new ParamStore(9);
    a.create('ase/x', [3, 4], 'xavier');
    a.create('gsg/x', [3, 4], 'xavier');
    const b = new ParamStore(9);
    b.create('gsg/x', [3, 4], 'xavier');
    b.create('ase/x', [3, 4], 'xavier');
    expect(b.get('ase/x').dataSync()).toEqual(a.get('ase/x').dataSync());
    expect(a.get('gsg/x').dataSync()).not.toEqual(a.get('ase/x').dataSync());
    const c = new ParamStore(10);
    c.create('ase/x', [3, 4], 'xavier');
    expect(c.get('ase/x').dataSync()).not.toEqual(a.get('ase/x').dataSync());
    for (const s of [a, b, c]) s.dispose();
  });

  it('errors: duplicate names, unknown names, non-finite weights; dispose frees every tensor', () => {
    const before = tf.memory().numTensors;
    const store = new ParamStore(1);
    store.create('w', [2], 'zeros');
    expect(() => store.create('w', [2], 'zeros')).toThrow(/"w" already exists/);
    expect(() => store.get('v')).toThrow(/unknown parameter "v"/);
    expect(() =>
      store.loadWeights([{ name: 'w', shape: [2], data: Float32Array.from([1, Number.NaN]) }]),
    ).toThrow(/non-finite/);
    expect(() => store.loadWeights([{ name: 'w', shape: [2], data: Float32Array.from([1]) }])).toThrow(
      /\(1 values\), expected \[2\]/,
    );
    store.loadWeights([{ name: 'w', shape: [2], data: Float32Array.from([1, 2]) }]);
    expect(Array.from(store.get('w').dataSync())).toEqual([1, 2]);
    store.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(store.count()).toBe(0);
  });
});
