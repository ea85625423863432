/**
 * `npm run bench [-- --only 1,3] [-- --quick]`: runs the benchmarks on the
 * emulator with AWS's rates, prints a table and writes bench/results/<timestamp>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { coldConverge } from './cold-converge.ts';
import { driftRevert } from './drift-revert.ts';
import { memory } from './memory.ts';
import { planCpu } from './plan-cpu.ts';
import { type BenchResult, type Figure, renderTable } from './results.ts';
import { s3ToWrite } from './s3-to-write.ts';
import { scanCalls } from './scan-calls.ts';
import { statusApi } from './status-api.ts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } },
  allowPositionals: false,
});
const quick = values.quick === true;
const sizes = quick
  ? { services: 100, cold: 100, edits: 5, commits: 4, memory: [100, 500], cannonSeconds: 3 }
  : { services: 1000, cold: 1000, edits: 20, commits: 10, memory: [1000, 5000], cannonSeconds: 10 };

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  '1': () => scanCalls(sizes.services),
  '2': () => coldConverge(sizes.cold),
  '3': () => driftRevert(sizes.edits),
  '4': () => s3ToWrite(sizes.commits),
  '5': () => statusApi(sizes.services, sizes.cannonSeconds),
  '6': () => memory(sizes.memory),
  '7': () => planCpu(sizes.services),
};

const chosen = values.only === undefined ? Object.keys(BENCHES) : values.only.split(',').map((s) => s.trim());
for (const id of chosen) {
  if (BENCHES[id] === undefined) {
    console.error(`unknown bench ${id}; choose from ${Object.keys(BENCHES).join(',')}`);
    process.exit(2);
  }
}

const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const seconds: Record<string, number> = {};
const failed: Record<string, string> = {};
for (const id of chosen) {
  const run = BENCHES[id];
  if (run === undefined) continue;
  const started = performance.now();
  console.error(`bench ${id}: running`);
  try {
    const result = await run();
    figures.push(...result.figures);
    details[id] = result.details;
  } catch (error) {
    failed[id] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`bench ${id} failed: ${failed[id]}`);
  }
  seconds[id] = (performance.now() - started) / 1000;
  console.error(`bench ${id}: ${seconds[id]?.toFixed(0)} s`);
}

console.log(renderTable(figures));
const at = new Date().toISOString();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  totalMemGiB: totalmem() / 2 ** 30,
  freeMemGiB: freemem() / 2 ** 30,
  node: process.version,
};
const folder = new URL('./results/', import.meta.url);
await mkdir(folder, { recursive: true });
const file = new URL(`${at.replace(/[:.]/g, '-')}.json`, folder);
await writeFile(
  file,
  `${JSON.stringify({ at, quick, sizes, machine, seconds, figures, details, failed }, null, 2)}\n`,
);
console.log(`\nwritten ${file.pathname}`);
process.exit(Object.keys(failed).length === 0 ? 0 : 1);
