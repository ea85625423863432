import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateClusterCommand, DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { isListening } from '../local/listening.ts';
import { forEachTarget, TARGETS } from './harness.ts';
import { targetClientConfig } from './target.ts';
import { emulatorTarget } from './targets/emulator.ts';
import { localstackTarget } from './targets/localstack.ts';
import { motoTarget } from './targets/moto.ts';
import { MOTO_OPERATIONS } from './targets/moto-operations.ts';

forEachTarget((spec, target) => {
  it.skipIf(!spec.supports('ecs:CreateCluster') || !spec.supports('ecs:DescribeClusters'))(
    'creates a cluster and describes it, reporting a missing one as a failure',
    async () => {
      const ecs = new ECSClient(targetClientConfig(target()));
      try {
        const created = await ecs.send(new CreateClusterCommand({ clusterName: 'harness' }));
        expect(created.cluster?.clusterArn).toMatch(/^arn:aws:ecs:us-east-1:\d{12}:cluster\/harness$/);
        expect(created.cluster?.status).toBe('ACTIVE');

        const described = await ecs.send(new DescribeClustersCommand({ clusters: ['harness', 'absent'] }));
        expect(described.clusters?.map((cluster) => cluster.clusterName)).toEqual(['harness']);
        expect(described.failures).toEqual([
          expect.objectContaining({ arn: expect.stringContaining('absent'), reason: 'MISSING' }),
        ]);
      } finally {
        ecs.destroy();
      }
    },
  );
});

describe('target capabilities', () => {
  it('lists the three targets in order', () => {
    expect(TARGETS.map((spec) => spec.name)).toEqual(['emulator', 'moto', 'localstack']);
  });

  it('the emulator supports every operation and its own life, control and throttling', () => {
    for (const capability of [
      'ecs:CreateService',
      'efs:UpdateFileSystem',
      'life:ecs-tasks',
      'control',
      'throttling',
    ]) {
      expect(emulatorTarget.supports(capability)).toBe(true);
    }
  });

  it("moto supports the operations in its source, and nothing of the emulator's own", () => {
    expect(motoTarget.supports('ecs:CreateCluster')).toBe(true);
    expect(motoTarget.supports('elbv2:DescribeSSLPolicies')).toBe(true);
    expect(motoTarget.supports('application-autoscaling:PutScalingPolicy')).toBe(true);
    // moto 5.2.1 has no UpdateFileSystem nor PutBackupPolicy for EFS.
    expect(motoTarget.supports('efs:UpdateFileSystem')).toBe(false);
    expect(motoTarget.supports('efs:PutBackupPolicy')).toBe(false);
    for (const capability of [
      'life:ecs-tasks',
      'life:target-health',
      'control',
      'throttling',
      'ecs',
      'nope:Op',
    ]) {
      expect(motoTarget.supports(capability)).toBe(false);
    }
  });

  it('LocalStack supports operations of the five services only, and no life or control', () => {
    expect(localstackTarget.supports('servicediscovery:CreateHttpNamespace')).toBe(true);
    expect(localstackTarget.supports('s3:PutObject')).toBe(false);
    expect(localstackTarget.supports('life:ecs-tasks')).toBe(false);
    expect(localstackTarget.supports('control')).toBe(false);
  });

  it.skipIf(process.env.DOCKER_HOST !== undefined || existsSync('/var/run/docker.sock'))(
    'LocalStack is unavailable without Docker, and says so',
    async () => {
      expect(await localstackTarget.available()).toEqual({
        ok: false,
        reason: expect.stringMatching(/Docker/),
      });
    },
  );
});

describe('moto target', async () => {
  const available = await motoTarget.available();

  it.skipIf(!available.ok)('lists only operations that moto defines in its responses.py', async () => {
    const motoDir = execFileSync(process.env.PYTHON ?? 'python3', [
      '-c',
      'import moto, os; print(os.path.dirname(moto.__file__))',
    ])
      .toString()
      .trim();
    const modules: Record<string, string> = { 'application-autoscaling': 'applicationautoscaling' };
    for (const [service, operations] of Object.entries(MOTO_OPERATIONS)) {
      const source = await readFile(join(motoDir, modules[service] ?? service, 'responses.py'), 'utf8');
      const methods = new Set(
        [...source.matchAll(/^ {4}def ([a-z][a-z0-9_]*)\(self/gm)].map((m) => m[1]?.replaceAll('_', '')),
      );
      expect(operations.filter((operation) => !methods.has(operation.toLowerCase()))).toEqual([]);
    }
  });

  it.skipIf(!available.ok)('stops its server process on close', async () => {
    const running = await motoTarget.start();
    expect(await isListening(running.endpoint)).toBe(true);
    await running.close();
    await running.close();
    expect(await isListening(running.endpoint)).toBe(false);
  });
});
