/**
 * Runs in its own process so that its memory and CPU are its own (the
 * emulator lives in the parent): `memory <N> <endpoint>` or `cpu <N> <endpoint>`.
 * Prints one JSON line.
 */
import { inCreateOrder } from '../src/converge/ordered.ts';
import { plan } from '../src/converge/plan.ts';
import { defaultProviders } from '../src/providers/all.ts';
import { ownershipFor } from '../src/providers/ownership.ts';
import { fleet } from './fleet.ts';
import { clientsFor, INSTANCE } from './world.ts';

const [mode = '', count = '0', endpoint = ''] = process.argv.slice(2);
const services = Number(count);
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

const rssBefore = process.memoryUsage().rss;
const { revision } = fleet({ services, clusters: 10, namespaces: 4, withNetworking: false });
const manifests = inCreateOrder(revision);
const aws = clientsFor(endpoint);
const providers = defaultProviders();
const base = { aws, ownership: ownershipFor(INSTANCE), cache: new Map() };

const start = process.cpuUsage();
const planned = await plan(manifests, providers, base, { prune: false });
const planCpu = cpuMs(process.cpuUsage(start));
// The pure part: the same plan with every resource taken from the observation above (no AWS call).
const pureStart = process.cpuUsage();
await plan(manifests, providers, base, {
  prune: false,
  partial: { kinds: new Set(), reuse: planned.observed },
});
const pureCpu = cpuMs(process.cpuUsage(pureStart));
aws.destroy();
globalThis.gc?.();
const rss = process.memoryUsage().rss;
const actions: Record<string, number> = {};
for (const change of planned.plan.changes) actions[change.action] = (actions[change.action] ?? 0) + 1;
process.stdout.write(
  `${JSON.stringify({ mode, services, rssBefore, rss, planCpu, pureCpu, actions, calls: aws.stats.total() })}\n`,
);
