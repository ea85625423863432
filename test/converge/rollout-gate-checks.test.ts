import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BlueGreenStack } from '../emulator/ecs-rollouts-fixtures.ts';
import { weightsOf } from '../emulator/ecs-rollouts-fixtures.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';
import {
  cluster,
  continues,
  gateCondition,
  latest,
  pausedAtGate,
  SERVICE,
  service,
  stackOf,
  task,
  until,
} from './rollout-gate-fixtures.ts';

vi.setConfig({ testTimeout: 240_000 });

let h: OperatorHarness;
let stack: BlueGreenStack;
let server: Server | undefined;
beforeEach(async () => {
  h = await startOperatorHarness();
  stack = await stackOf(h);
  server = undefined;
});
afterEach(async () => {
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  await h.close();
});

const files = (gate: string) => (image: string) => ({
  'c.yaml': cluster,
  't.yaml': task(image),
  's.yaml': service(stack, gate),
});
const reasons = async () => (await h.store.listEvents(SERVICE, 100)).map((event) => event.reason);
const alarm = (alarmName: string, state: string) =>
  h.control.action('ecs', 'alarm-state', { alarmName, state });

/** A test endpoint answering `status` and `body`, counting the probes. */
async function endpoint(status: number, body: string): Promise<{ url: string; probes: () => number }> {
  let probes = 0;
  server = createServer((_, response) => {
    probes += 1;
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/health`, probes: () => probes };
}

describe('rollout gate with alarm and http checks', () => {
  it('rolls back at once when a named alarm is in ALARM', async () => {
    await alarm('api-5xx', 'OK');
    await alarm('api-latency', 'OK');
    await pausedAtGate(h, files('checks: [{manual: {}}, {alarms: {names: [api-5xx, api-latency]}}]'));
    expect(gateCondition(await h.store.getStatus(SERVICE))?.message).toMatch(
      /manual \[pending\] .*; alarms \[pass\] none in ALARM/,
    );
    await alarm('api-latency', 'ALARM');
    expect(await until(h, async () => (await latest(h))?.status === 'ROLLBACK_SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await reasons()).toEqual(expect.arrayContaining(['GateFailed', 'RolloutRolledBack']));
    expect(gateCondition(await h.store.getStatus(SERVICE))?.message).toMatch(
      /alarms \[fail\] in ALARM: api-latency/,
    );
  });

  it('continues once the probe answered as expected three times in a row', async () => {
    const probe = await endpoint(200, 'status: ok');
    await alarm('api-5xx', 'OK');
    await pausedAtGate(
      h,
      files(
        `checks: [{http: {url: "${probe.url}", bodyPattern: "ok", successes: 3, intervalSeconds: 10}}, {alarms: {names: [api-5xx]}}]`,
      ),
    );
    expect(await until(h, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(probe.probes()).toBeGreaterThanOrEqual(3);
    expect(continues(h)).toBe(1);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 0,
      [stack.green]: 100,
    });
    expect(await reasons()).toEqual(expect.arrayContaining(['GatePassed', 'RolloutContinued']));
  });

  it('times out a probe that never answers as expected into onTimeout', async () => {
    const probe = await endpoint(503, 'down');
    await pausedAtGate(
      h,
      files(`checks: [{http: {url: "${probe.url}", intervalSeconds: 10}}]\ntimeoutSeconds: 120`),
    );
    expect(await until(h, async () => (await latest(h))?.status === 'ROLLBACK_SUCCESSFUL')).toBe(true);
    expect(probe.probes()).toBeGreaterThan(1);
    expect(await reasons()).toEqual(expect.arrayContaining(['GateTimedOut', 'RolloutRolledBack']));
  });
});
