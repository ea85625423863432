import { runChild } from './child-run.ts';
import type { BenchResult, Figure } from './results.ts';
import { startWorld } from './world.ts';

const MB = 1024 * 1024;

/** 6. Resident memory of a process that loaded and planned N services (each N in a fresh child process). */
export async function memory(sizes: readonly number[]): Promise<BenchResult> {
  const world = await startWorld({ throttling: false, rateLimited: false });
  try {
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {};
    for (const services of sizes) {
      const answer = await runChild('memory', services, world.emulator.endpoint);
      details[String(services)] = answer;
      figures.push({
        id: `memory.plan-${services}`,
        bench: 'memory',
        figure: `RSS after a plan over ${services} services`,
        measured: answer.rss / MB,
        unit: 'MiB',
        reference: answer.rssBefore / MB,
        referenceLabel: 'same process before loading',
        note: `${((answer.rss - answer.rssBefore) / services / 1024) | 0} KiB/service`,
      });
    }
    return { figures, details };
  } finally {
    await world.close();
  }
}
