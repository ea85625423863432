import { UpdateClusterSettingsCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActivityKind } from '../../src/converge/activity.ts';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';

vi.setConfig({ testTimeout: 60_000 });

const IDENTITY = 'Cluster/obs/watched';
// selfHeal off: a hand edit is reported and left in place, so the drift gauge holds still for the test.
const CLUSTER = `apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: watched, namespace: obs}
spec: {selfHeal: false, settings: [{name: containerInsights, value: enabled}]}
`;

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({ config: { rateShare: 1 } });
});
afterAll(async () => {
  await h?.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${h.running.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one series (`name{labels}` exactly as exported); 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((each) => each.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** Waits for the loop's counted work until `check` holds: no sleeping, no timing. */
async function until(kind: ActivityKind, check: () => boolean): Promise<void> {
  while (!check()) await h.running.operator.activity.next(kind);
}

const statusOf = () => h.running.operator.statuses().find((status) => status.identity === IDENTITY);

describe('/metrics on the running operator', () => {
  it('times each reconcile by kind once a manifest is applied', async () => {
    await h.commit({ 'cluster.yaml': CLUSTER });
    await h.running.tracker.sync();
    await until('reconciles', () => statusOf()?.sync === 'Synced');
    const text = await scrape();
    expect(
      sample(text, 'shipshape_reconcile_duration_seconds_count{kind="Cluster",outcome="done"}'),
    ).toBeGreaterThan(0);
    expect(sample(text, 'shipshape_drifted_resources{kind="Cluster"}')).toBe(0);
    expect(text).toMatch(/^shipshape_queue_depth \d+$/m);
    expect(text).toMatch(/^shipshape_queue_oldest_item_age_seconds [\d.e-]+$/m);
  });

  it('counts a hand edit as drift of its kind, and shows the resource drifting', async () => {
    const before = sample(await scrape(), 'shipshape_drift_detected_total{kind="Cluster"}');
    const detected = h.running.operator.activity.next('drifts');
    await h.aws.ecs.send(
      new UpdateClusterSettingsCommand({
        cluster: 'watched',
        settings: [{ name: 'containerInsights', value: 'disabled' }],
      }),
    );
    await detected;
    const text = await scrape();
    expect(sample(text, 'shipshape_drift_detected_total{kind="Cluster"}')).toBe(before + 1);
    expect(sample(text, 'shipshape_drift_detected_total{kind="Service"}')).toBe(0);
    expect(sample(text, 'shipshape_drifted_resources{kind="Cluster"}')).toBe(1);
    expect(sample(text, 'shipshape_drift_fields')).toBe(1);
  });

  it('counts a throttled AWS answer by service, and every attempt under its API and outcome', async () => {
    const before = await scrape();
    const throttled =
      'shipshape_aws_calls_total{service="ecs",operation="DescribeClusters",outcome="throttled"}';
    const ok = 'shipshape_aws_calls_total{service="ecs",operation="DescribeClusters",outcome="ok"}';
    // The next DescribeClusters answers ThrottlingException; the SDK's retry then gets through.
    await h.control.addFault({
      action: 'ecs:DescribeClusters',
      error: { code: 'ThrottlingException', message: 'Rate exceeded' },
      count: 1,
    });
    // The second scan from now starts after the fault was set, and reads the cluster.
    await h.running.operator.activity.next('scans', 2);
    const after = await scrape();
    expect(sample(after, 'shipshape_aws_throttles_total{service="ecs"}')).toBeGreaterThan(
      sample(before, 'shipshape_aws_throttles_total{service="ecs"}'),
    );
    expect(sample(after, throttled)).toBeGreaterThan(sample(before, throttled));
    expect(sample(after, ok)).toBeGreaterThan(sample(before, ok));
  });

  it('records each attempt’s wait at the rate gate by service and API group', async () => {
    const series = 'shipshape_rate_gate_wait_seconds_count{service="ecs",group="cluster-read"}';
    const before = sample(await scrape(), series);
    await h.running.operator.activity.next('scans');
    expect(sample(await scrape(), series)).toBeGreaterThan(before);
  });
});
