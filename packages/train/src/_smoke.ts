import { loadTrainConfig } from './train/load-train-config.ts';
import { train } from './train/trainer.ts';

const config = await loadTrainConfig(process.argv[2]!, { data: process.argv[3]!, outDir: process.argv[4]! });
const t = performance.now();
const r = await train({ config, progress: 'none' });
console.log(JSON.stringify(r), ((performance.now() - t) / 1000).toFixed(1), 's');
