import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import Fastify from 'fastify';
import { buildApi } from '../src/api/build-api.ts';
import { createMetrics } from '../src/api/metrics.ts';
import { redactingStatusReader } from '../src/api/redacting-reader.ts';
import { cachedStatusReader } from '../src/api/status-cache.ts';
import { localClientConfig } from '../src/local/client-config.ts';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import { ensureTable, LeaseManager, type ResourceStatus, StateStore } from '../src/state/index.ts';
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
function cannon(url: string, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [AUTOCANNON, '--json', '-c', '10', '-d', String(seconds), url],
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

/** 5. GET /status over a state store holding N resources, beside a bare Fastify route, with autocannon. */
export async function statusApi(resources: number, seconds: number): Promise<BenchResult> {
  const dynamo = await startLocalDynamoDb();
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint, REGION));
  const table = 'shipshape-bench-api';
  await ensureTable(client, table);
  const store = new StateStore({ client, table, fenceMode: 'check-then-write' });
  const lease = new LeaseManager({ client, table, holderId: 'bench' });
  await lease.tryAcquireOrRenew();
  const token = lease.fencingToken() ?? 0;
  const now = new Date().toISOString();
  for (let i = 0; i < resources; i += 1) await store.putStatus(statusOf(i, now), token);
  const reject = async () => {
    throw new Error('not in this bench');
  };
  const api = buildApi({
    // As the runtime wires it (src/runtime/shipshape.ts): one table read a second, shared.
    status: cachedStatusReader(redactingStatusReader(store)),
    metrics: createMetrics(),
    ready: () => true,
    actions: { sync: reject, reconcile: reject, allowPrune: reject, plan: reject },
  });
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  try {
    const apiUrl = await api.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    const check = await fetch(`${apiUrl}/status`);
    const body = (await check.json()) as { resources?: unknown[] };
    const served = body.resources?.length ?? 0;
    const status = await cannon(`${apiUrl}/status`, seconds);
    const hello = await cannon(`${bareUrl}/hello`, seconds);
    const figures: Figure[] = [
      {
        id: 'status-api.rps',
        bench: 'status-api',
        figure: `requests/s, ${served} resources`,
        measured: status.rps,
        unit: 'req/s',
        reference: hello.rps,
        referenceLabel: 'bare Fastify route',
        note: `errors=${status.errors}, non2xx=${status.non2xx}`,
      },
      {
        id: 'status-api.p99',
        bench: 'status-api',
        figure: 'p99 latency',
        measured: status.p99,
        unit: 'ms',
        reference: hello.p99,
        referenceLabel: 'bare Fastify route',
      },
    ];
    return { figures, details: { served, status, bare: hello, seconds, connections: 10 } };
  } finally {
    await api.close();
    await bare.close();
    client.destroy();
    await dynamo.close();
  }
}
