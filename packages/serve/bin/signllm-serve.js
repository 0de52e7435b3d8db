#!/usr/bin/env node
// Entry point of the signllm-serve CLI; the code lives in dist/ (built by `pnpm build`).
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).catch((error) => {
  console.error(`signllm-serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
