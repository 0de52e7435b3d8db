#!/usr/bin/env node
// Entry point of the signllm-train CLI; the code lives in dist/ (built by `pnpm build`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
