import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApi } from '../src/api/build-api.ts';
import type { StatusReader } from '../src/api/deps.ts';
import { createMetrics } from '../src/api/metrics.ts';
import { redactingStatusReader } from '../src/api/redacting-reader.ts';
import { cachedStatusReader } from '../src/api/status-cache.ts';
import { StatusSnapshots } from '../src/api/status-snapshots.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import type { ResourceStatus } from '../src/state/index.ts';
import { leadingStateStore } from './leading-store.ts';
import { REFUSING_ACTIONS } from './refusing-actions.ts';
import type { BenchResult, Figure } from './results.ts';
import { REGION } from './world.ts';

const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));

interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
}

function num(value: unknown, path: readonly string[]): number {
  let at: unknown = value;
  for (const key of path)
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'number' ? at : Number.NaN;
}

/** Runs the autocannon CLI (its JSON report) against a URL. */
function cannon(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Load> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [AUTOCANNON, '--json', '-c', '10', '-d', String(seconds), ...headerArgs, url],
      { maxBuffer: 16 << 20 },
      (error, stdout) => {
        if (error !== null) {
          reject(error);
          return;
        }
        const report: unknown = JSON.parse(stdout);
        resolve({
          rps: num(report, ['requests', 'average']),
          p99: num(report, ['latency', 'p99']),
          requests: num(report, ['requests', 'total']),
          errors: num(report, ['errors']),
          non2xx: num(report, ['non2xx']),
        });
      },
    );
  });
}

function statusOf(index: number, now: string): ResourceStatus {
  const identity = `Service/c${index % 10}/svc-${index}`;
  return {
    identity,
    sync: 'Synced',
    health: 'Healthy',
    conditions: [
      {
        type: 'Synced',
        status: 'True',
        reason: 'Synced',
        message: 'live matches the manifest',
        lastTransitionTime: now,
      },
    ],
    appliedRevision: 'sha256:0000',
    drift: [],
    observedAt: now,
    awsIds: { arn: `arn:aws:ecs:us-east-1:123456789012:service/cluster-${index % 10}/svc-${index}` },
  };
}

interface Served {
  readonly api: FastifyInstance;
  /** Status reads of the table by the snapshots. */
  readonly reads: { readonly statuses: number };
  readonly url: string;
  readonly client: DynamoDBClient;
}

/** The real API over a state table holding `resources` statuses, wired as `serve` wires it. */
async function serveStatuses(endpoint: string, resources: number): Promise<Served> {
  const client = new DynamoDBClient(localClientConfig(endpoint, REGION));
  const table = `shipshape-bench-api-${resources}`;
  const { store, lease, token } = await leadingStateStore(client, table);
  const now = new Date().toISOString();
  for (let i = 0; i < resources; i += SEED_BATCH) {
    const batch = Array.from({ length: Math.min(SEED_BATCH, resources - i) }, (_, j) => statusOf(i + j, now));
    await Promise.all(batch.map((status) => store.putStatus(status, token)));
  }
  // As src/runtime/shipshape.ts wires it.
  const redacted = redactingStatusReader(store);
  const reads = { statuses: 0 };
  const counted: StatusReader = {
    ...redacted,
    listStatuses: (filter) => {
      reads.statuses += 1;
      return redacted.listStatuses(filter);
    },
  };
  const api = buildApi({
    status: cachedStatusReader(redacted),
    snapshots: new StatusSnapshots({ reader: counted, changes: store, onlyWriter: () => lease.isLeader() }),
    metrics: createMetrics(),
    ready: () => true,
    actions: REFUSING_ACTIONS,
  });
  api.addHook('onClose', async () => lease.release());
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  return { api, url, client, reads };
}

const SEED_BATCH = 25;
/** Long enough for the JIT to settle, in --quick runs too. */
const WARMUP_SECONDS = 2;
const P99_GOAL_MS = 20;
const RPS_GOAL_SHARE = 0.25;

/**
 * 5. GET /status over state stores holding each of `sizes` resources, beside a bare Fastify
 * route in the same run, with autocannon (Accept-Encoding: gzip); plus the same GET sent with its
 * ETag (304s).
 */
export async function statusApi(sizes: readonly number[], seconds: number): Promise<BenchResult> {
  const dynamo = await startLocalDynamoDb();
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  const details: Record<string, unknown> = { seconds, connections: 10 };
  const figures: Figure[] = [];
  try {
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    // Both measured warm: a cold first run would flatter whichever came second.
    await cannon(`${bareUrl}/hello`, WARMUP_SECONDS);
    const hello = await cannon(`${bareUrl}/hello`, seconds);
    details.bare = hello;
    for (const resources of sizes) {
      const served = await serveStatuses(dynamo.endpoint, resources);
      try {
        const check = await fetch(`${served.url}/status`);
        const etag = check.headers.get('etag') ?? '';
        const body = (await check.json()) as { resources?: unknown[]; summary?: { total?: number } };
        const page = body.resources?.length ?? 0;
        const total = body.summary?.total ?? 0;
        // As browsers, curl --compressed and the SDKs ask: the snapshot is compressed once per change.
        const gzip = { 'accept-encoding': 'gzip' };
        await cannon(`${served.url}/status`, WARMUP_SECONDS, gzip);
        const status = await cannon(`${served.url}/status`, seconds, gzip);
        const conditional = await cannon(`${served.url}/status`, seconds, { ...gzip, 'if-none-match': etag });
        const tableReads = served.reads.statuses;
        details[`resources-${resources}`] = {
          tableReads,
          total,
          page,
          bytes: JSON.stringify(body).length,
          status,
          conditional,
        };
        const of =
          page === total
            ? `all ${total} resources in one answer, gzip`
            : `${total} resources, a page of ${page}, gzip`;
        figures.push(
          {
            id: `status-api.rps-${resources}`,
            bench: 'status-api',
            figure: `requests/s, ${of}`,
            measured: status.rps,
            unit: 'req/s',
            reference: hello.rps,
            referenceLabel: 'bare Fastify route',
            goal: { min: RPS_GOAL_SHARE * hello.rps, label: `>= ${RPS_GOAL_SHARE}x the bare route` },
            note: `errors=${status.errors}, non2xx=${status.non2xx}, table reads=${tableReads}`,
          },
          {
            id: `status-api.p99-${resources}`,
            bench: 'status-api',
            figure: `p99 latency, ${of}`,
            measured: status.p99,
            unit: 'ms',
            reference: hello.p99,
            referenceLabel: 'bare Fastify route',
            goal: { max: P99_GOAL_MS, label: `<= ${P99_GOAL_MS} ms` },
          },
          {
            id: `status-api.rps-304-${resources}`,
            bench: 'status-api',
            figure: `requests/s with If-None-Match (304), ${total} resources`,
            measured: conditional.rps,
            unit: 'req/s',
            reference: hello.rps,
            referenceLabel: 'bare Fastify route',
            note: `p99 ${conditional.p99} ms, errors=${conditional.errors}, non2xx=${conditional.non2xx}`,
          },
        );
      } finally {
        await served.api.close();
        served.client.destroy();
      }
    }
    return { figures, details };
  } finally {
    await bare.close();
    await dynamo.close();
  }
}
