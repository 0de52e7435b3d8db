import { loadTrainConfig } from './train/load-train-config.ts';
import { train } from './train/trainer.ts';

const config = await loadTrainConfig('configs/tiny-mlsf.json', {
  data: '/tmp/sm/synth200',
  outDir: process.argv[2]!,
  steps: Number(process.argv[3] ?? 30),
});
const t = performance.now();
const r = await train({
  config: { ...config, logEvery: 10, validateEvery: 20 },
  progress: 'none',
  resume: process.argv[4] === 'resume',
});
console.log(JSON.stringify(r), ((performance.now() - t) / 1000).toFixed(1), 's');
