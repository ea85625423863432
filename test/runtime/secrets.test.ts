import { Writable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ContainerDefinition, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { createLogger } from '../../src/log.ts';
import { REDACTED } from '../../src/redact/index.ts';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { leakedIn, leakyContainers, QUERY_TOKEN } from '../support/secret-corpus.ts';

vi.setConfig({ testTimeout: 120_000 });

const TOKEN = 'e2e-token-0123456789abcdef';
const KEPT = 'TaskDefinition/sec/kept';
const HEALED = 'TaskDefinition/sec/healed';

/** A task definition carrying every secret of the corpus; `kept` reports drift only, `healed` reverts it. */
const manifest = (name: string, selfHeal: boolean) => `apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: ${name}, namespace: sec}
spec:
  selfHeal: ${selfHeal}
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions: ${JSON.stringify(leakyContainers('desired'))}
`;

interface DriftBody {
  readonly path: string;
  readonly desired?: unknown;
  readonly actual?: unknown;
}

interface ResourceBody {
  readonly sync: string;
  readonly drift: readonly DriftBody[];
}

let h: RuntimeHarness;
const logLines: string[] = [];
/** Every body the API answered during the test, with the request that got it. */
const bodies: { readonly request: string; readonly body: string }[] = [];

/** `token` null: no Authorization header at all. */
async function get(path: string, token: string | null = TOKEN): Promise<Response> {
  return fetch(
    `${h.running.url}${path}`,
    token === null ? {} : { headers: { authorization: `Bearer ${token}` } },
  );
}

async function read(path: string): Promise<string> {
  const response = await get(path);
  const text = await response.text();
  bodies.push({ request: `GET ${path} (${response.status})`, body: text });
  return text;
}

async function resource(identity: string): Promise<ResourceBody | undefined> {
  const response = await get(`/status/${identity}`);
  const text = await response.text();
  bodies.push({ request: `GET /status/${identity} (${response.status})`, body: text });
  return response.ok ? (JSON.parse(text) as ResourceBody) : undefined;
}

async function events(identity: string): Promise<string> {
  return read(`/events?identity=${encodeURIComponent(identity)}&limit=100`);
}

/** Registers a revision by hand, as a CI job or the console would: the live side of every secret. */
async function editByHand(family: string): Promise<void> {
  await h.aws.ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: leakyContainers('actual') as ContainerDefinition[],
    }),
  );
}

async function stateItems(): Promise<string[]> {
  const client = new DynamoDBClient(localClientConfig(h.local.endpoints.dynamodb, h.local.region));
  const doc = DynamoDBDocumentClient.from(client);
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: h.config.stateTable,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) items.push(JSON.stringify(item));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  client.destroy();
  return items;
}

beforeAll(async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  h = await startRuntimeHarness({
    config: { apiProtectReads: true },
    logger: createLogger({ level: 'trace', destination }),
  });
});

afterAll(async () => {
  await h?.close();
});

describe('secrets in a hand-edited task definition, on the running operator', () => {
  it('reach no GET response, no log line and no state item', async () => {
    await h.commit({ 'sec/kept.yaml': manifest('kept', false), 'sec/healed.yaml': manifest('healed', true) });
    await h.waitFor('both task definitions Synced', async () => {
      const [kept, healed] = [await resource(KEPT), await resource(HEALED)];
      return kept?.sync === 'Synced' && healed?.sync === 'Synced';
    });

    await editByHand('kept');
    await editByHand('healed');
    const kept = await h.waitFor('the hand edit reported as drift', async () => {
      const status = await resource(KEPT);
      return status?.drift.some((entry) => entry.path.includes('DB_PASS')) ? status : undefined;
    });
    await h.waitFor('the other hand edit reverted', async () =>
      (await events(HEALED)).includes('"reason":"Updated"'),
    );
    // One more full pass after both: whatever it logs or stores is looked at too.
    await h.running.operator.activity.next('resyncs');

    // The drift is there, field by field; only the secret values are gone.
    const at = (path: string) => kept.drift.find((entry) => entry.path === path);
    const app = 'containerDefinitions[name=app]';
    expect(at(`${app}.environment[name=DB_PASS].value`)).toEqual({
      path: `${app}.environment[name=DB_PASS].value`,
      desired: REDACTED,
      actual: REDACTED,
    });
    expect(at(`${app}.logConfiguration.options.splunk-token`)).toMatchObject({
      desired: REDACTED,
      actual: REDACTED,
    });
    expect(at(`${app}.environment[name=LOG_LEVEL].value`)).toMatchObject({
      desired: 'info',
      actual: 'debug',
    });
    expect(at('containerDefinitions[name=tools].command[2]')).toMatchObject({
      desired: `deploy:${REDACTED}`,
      actual: `deploy:${REDACTED}`,
    });

    for (const path of [
      '/',
      '/healthz',
      '/readyz',
      '/status',
      `/status/${KEPT}`,
      `/status/${HEALED}`,
      '/drift',
      '/plan',
      '/events',
      '/revisions',
      '/metrics',
      '/docs/json',
    ]) {
      await read(path);
    }
    await events(KEPT);
    await events(HEALED);
    // Refused (no such parameter), but logged on the way in.
    await read(`/drift?access_token=${QUERY_TOKEN.desired}`);
    await read(`/status?namespace=sec&password=${QUERY_TOKEN.actual}`);
    expect(await read('/plan')).toContain('environment[name=DB_PASS]');

    const served = bodies.flatMap(({ request, body }) => leakedIn(body).map((leak) => `${request}: ${leak}`));
    const logged = logLines.join('');
    const stored = (await stateItems()).join('\n');
    expect(logged).toContain('updated: ');
    expect(logged).toContain('access_token=');
    expect(stored).toContain('DB_PASS');
    expect(served, 'in GET responses').toEqual([]);
    expect(leakedIn(logged), 'in log lines').toEqual([]);
    expect(leakedIn(stored), 'in state items').toEqual([]);
  });

  it('answers the reads only with the token, and the health checks without', async () => {
    expect((await get('/status', null)).status).toBe(401);
    expect((await get('/drift', 'a-wrong-token-of-some-length')).status).toBe(401);
    expect((await get('/healthz', null)).status).toBe(200);
    expect((await get('/readyz', null)).status).toBe(200);
    expect((await get('/', null)).status).toBe(200);
  });
});
