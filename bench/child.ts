/**
 * Runs in its own process so that its memory and CPU are its own (the
 * emulator lives in the parent): `memory <N> <endpoint>` or `cpu <N> <endpoint>`.
 * Prints one JSON line.
 */
import { LiveCache } from '../src/cache/live-cache.ts';
import { decide } from '../src/converge/decide.ts';
import { inCreateOrder } from '../src/converge/ordered.ts';
import { plan } from '../src/converge/plan.ts';
import { defaultProviders } from '../src/providers/all.ts';
import { ownershipFor } from '../src/providers/ownership.ts';
import { runTagCache } from '../src/providers/tag-cache.ts';
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
const base = { aws, ownership: ownershipFor(INSTANCE) };

const start = process.cpuUsage();
const planned = await plan(manifests, providers, base, { prune: false });
const planCpu = cpuMs(process.cpuUsage(start));
// The pure part: every resource decided again from what one read put in a cache (no AWS call).
const cache = new LiveCache({ providers, base, tags: runTagCache() });
await cache.observe(manifests);
const context = cache.context();
const pureStart = process.cpuUsage();
for (const manifest of manifests)
  decide(manifest, cache.get(manifest.identity)?.resource, providers.get(manifest.kind), context);
const pureCpu = cpuMs(process.cpuUsage(pureStart));
aws.destroy();
globalThis.gc?.();
const rss = process.memoryUsage().rss;
const actions: Record<string, number> = {};
for (const change of planned.plan.changes) actions[change.action] = (actions[change.action] ?? 0) + 1;
process.stdout.write(
  `${JSON.stringify({ mode, services, rssBefore, rss, planCpu, pureCpu, actions, calls: aws.stats.total() })}\n`,
);
