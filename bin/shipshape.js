#!/usr/bin/env node
// A checkout (src/ is here) runs the TypeScript source, so a stale local dist/ never wins over it;
// the image holds dist/ and no src/, and runs the build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(source)) {
  const { runSource } = await import('./run-source.js');
  await runSource(source, 'shipshape', ', or use the built image');
} else if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write(
    `shipshape: neither the source (${fileURLToPath(source)}) nor the build (${fileURLToPath(built)}) is here; run it from a checkout or from the image\n`,
  );
  process.exitCode = 1;
}
