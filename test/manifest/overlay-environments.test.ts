import { fileURLToPath } from 'node:url';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countByAction } from '../../src/converge/plan-types.ts';
import { formatDiagnostic } from '../../src/manifest/diagnostic.ts';
import { loadRendering, renderDirectory } from '../../src/manifest/overlay/index.ts';
import { type ProviderHarness, startProviderHarness } from '../support/provider-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const RUNNER = fileURLToPath(new URL('../../manifests/environments/runner/', import.meta.url));

async function revisionOf(environment: string) {
  const rendering = await renderDirectory(`${RUNNER}${environment}`);
  const result = loadRendering(rendering);
  if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
  return { rendering, revision: result.revision };
}

describe('manifests/environments/runner: one base, a dev and a prod overlay', () => {
  it('dev and prod both render valid revisions of their own, without warnings', async () => {
    const dev = await revisionOf('dev');
    const prod = await revisionOf('prod');
    expect(dev.revision.documents.map((d) => d.identity)).toEqual([
      'Cluster/runner-dev/dev-uoc-tfm-cluster',
      'Service/runner-dev/dev-uoc-tfm-worker-service',
      'TaskDefinition/runner-dev/dev-uoc-tfm-runner',
    ]);
    expect(prod.revision.documents.map((d) => d.identity)).toEqual([
      'Cluster/runner-prod/prod-uoc-tfm-cluster',
      'Service/runner-prod/prod-uoc-tfm-worker-service',
      'TaskDefinition/runner-prod/prod-uoc-tfm-runner',
    ]);
    expect([...dev.revision.warnings, ...prod.revision.warnings]).toEqual([]);
    const service = prod.revision.documents.find((d) => d.kind === 'Service');
    expect(service?.spec).toMatchObject({ desiredCount: 3, clusterRef: 'prod-uoc-tfm-cluster' });
    expect(service?.metadata.annotations).toEqual({ 'shipshape.dev/redeploy': '2.3.1' });
  });

  describe('on the emulator', () => {
    let h: ProviderHarness;
    beforeAll(async () => {
      h = await startProviderHarness();
    });
    afterAll(async () => {
      await h.close();
    });

    it('the dev rendering applies from empty, then plans zero changes', async () => {
      const { rendering } = await revisionOf('dev');
      const manifests = h.load(
        Object.fromEntries(rendering.inputs.map((input) => [input.file, input.content])),
      );
      const result = await h.apply(manifests);
      expect(result.failures).toEqual([]);
      expect(result.converged).toBe(true);
      const again = await h.plan(manifests);
      expect(again.changes.filter((change) => change.action !== 'noop').map((c) => c.identity)).toEqual([]);
      expect(countByAction(again).noop).toBe(3);
      const live = await h.aws.ecs.send(
        new DescribeServicesCommand({
          cluster: 'dev-uoc-tfm-cluster',
          services: ['dev-uoc-tfm-worker-service'],
        }),
      );
      expect(
        live.services?.map((s) => [s.serviceName, s.desiredCount, s.taskDefinition?.split('/').pop()]),
      ).toEqual([['dev-uoc-tfm-worker-service', 1, 'dev-uoc-tfm-runner:1']]);
    });
  });
});
