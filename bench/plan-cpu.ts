import { runChild } from './child-run.ts';
import { fleet } from './fleet.ts';
import type { BenchResult } from './results.ts';
import { seed, startWorld } from './world.ts';

/** 7. CPU time of a plan over N live services (observation against the emulator), and of its pure part (diff and normalise). */
export async function planCpu(services: number): Promise<BenchResult> {
  const world = await startWorld({ throttling: false, rateLimited: false });
  try {
    await seed(world, fleet({ services, clusters: 10, namespaces: 4, withNetworking: false }).revision);
    const answer = await runChild('cpu', services, world.emulator.endpoint);
    return {
      figures: [
        {
          id: 'plan-cpu.plan',
          bench: 'plan-cpu',
          figure: `CPU of plan() over ${services} live services`,
          measured: answer.planCpu,
          unit: 'ms',
          note: `${answer.calls} AWS calls; ${(answer.planCpu / services).toFixed(2)} ms/service`,
        },
        {
          id: 'plan-cpu.pure',
          bench: 'plan-cpu',
          figure: 'of which pure (diff + normalise, no AWS)',
          measured: answer.pureCpu,
          unit: 'ms',
          reference: answer.planCpu,
          referenceLabel: 'whole plan',
          note: `${(answer.pureCpu / services).toFixed(3)} ms/service`,
        },
      ],
      details: { ...answer },
    };
  } finally {
    await world.close();
  }
}
