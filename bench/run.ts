/**
 * `npm run bench [-- --only reads,revert] [-- --quick]`: runs the benchmarks on the emulator with
 * AWS's rates, prints a table and writes bench/results/<timestamp>.json, every figure with a
 * stable id and, where it has one, its goal and whether it was met.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { blockedDelete } from './blocked-delete.ts';
import { coldConverge } from './cold-converge.ts';
import { dashboardRender } from './dashboard-render.ts';
import { driftRevert } from './drift-revert.ts';
import { follower } from './follower.ts';
import { largeFile } from './large-file.ts';
import { memory } from './memory.ts';
import { planCpu } from './plan-cpu.ts';
import { reads } from './reads.ts';
import { type BenchResult, type Figure, met, renderTable } from './results.ts';
import { s3ToWrite } from './s3-to-write.ts';
import { serveMemory } from './serve-memory.ts';
import { statusApi } from './status-api.ts';
import { targetsConverge } from './targets-converge.ts';
import { targetsFailover } from './targets-failover.ts';
import { targetsSteady } from './targets-steady.ts';
import { watchConverge } from './watch-converge.ts';
import { watchCost } from './watch-cost.ts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } },
  allowPositionals: false,
});
const quick = values.quick === true;
const sizes = quick
  ? { services: 100, edits: 5, commits: 4, memory: [100, 500], statuses: [100, 500], cannonSeconds: 3 }
  : {
      services: 1000,
      edits: 20,
      commits: 20,
      memory: [1000, 5000],
      statuses: [1000, 5000],
      cannonSeconds: 10,
    };

/** Every benchmark by name, in the order they run. */
const BENCHES: Record<string, () => Promise<BenchResult>> = {
  reads: () => reads(sizes.services),
  'cold-converge': () => coldConverge(sizes.services),
  revert: () => driftRevert(sizes.services, sizes.edits),
  commit: () => s3ToWrite(sizes.services, sizes.commits),
  'status-api': () => statusApi(sizes.statuses, sizes.cannonSeconds),
  memory: () => memory(sizes.memory),
  'plan-cpu': () => planCpu(sizes.services),
  follower: () => follower(sizes.services),
  'blocked-delete': () => blockedDelete(sizes.services),
  'large-file': () => largeFile(),
  'serve-memory': () => serveMemory(sizes.services),
  watch: () => watchCost(sizes.services),
  'watch-converge': () => watchConverge(quick ? 50 : 200),
  'targets-converge': () => targetsConverge(quick ? 50 : 200),
  'targets-failover': () => targetsFailover(quick ? 50 : 200),
  'targets-steady': () => targetsSteady(quick ? 100 : 1000),
  dashboard: () => dashboardRender(sizes.statuses.at(-1) ?? 5000),
};

const chosen = values.only === undefined ? Object.keys(BENCHES) : values.only.split(',').map((s) => s.trim());
for (const name of chosen) {
  if (BENCHES[name] === undefined) {
    console.error(`unknown bench ${name}; choose from ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
}

const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const seconds: Record<string, number> = {};
const failed: Record<string, string> = {};
for (const name of chosen) {
  const run = BENCHES[name];
  if (run === undefined) continue;
  const started = performance.now();
  console.error(`bench ${name}: running`);
  try {
    const result = await run();
    figures.push(...result.figures);
    details[name] = result.details;
  } catch (error) {
    failed[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`bench ${name} failed: ${failed[name]}`);
  }
  seconds[name] = (performance.now() - started) / 1000;
  console.error(`bench ${name}: ${seconds[name]?.toFixed(0)} s`);
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
const results = figures.map((figure) => ({
  ...figure,
  ...(figure.goal === undefined ? {} : { met: met(figure) }),
}));
const folder = new URL('./results/', import.meta.url);
await mkdir(folder, { recursive: true });
const file = new URL(`${at.replace(/[:.]/g, '-')}.json`, folder);
await writeFile(
  file,
  `${JSON.stringify({ at, quick, sizes, machine, seconds, figures: results, details, failed }, null, 2)}\n`,
);
console.log(`\nwritten ${file.pathname}`);
process.exit(Object.keys(failed).length === 0 ? 0 : 1);
