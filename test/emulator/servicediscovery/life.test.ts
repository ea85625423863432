import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import {
  deregisterTaskInstance,
  discoveryServiceExists,
  registerTaskInstance,
} from '../../../src/emulator/servicediscovery/instances.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let cloudMap: ServiceDiscoveryClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  cloudMap = new ServiceDiscoveryClient({
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  cloudMap.destroy();
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

async function operationStatus(operationId: string | undefined): Promise<string | undefined> {
  const answer = await cloudMap.send(new GetOperationCommand({ OperationId: operationId }));
  return answer.Operation?.Status;
}

async function readyNamespaceId(name: string): Promise<string> {
  const created = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: name }));
  await control.advance(10_000);
  const operation = await cloudMap.send(new GetOperationCommand({ OperationId: created.OperationId }));
  return operation.Operation?.Targets?.NAMESPACE ?? '';
}

describe('Cloud Map life on the clock', () => {
  it('creates a namespace through an operation: SUBMITTED, PENDING, then SUCCESS', async () => {
    const created = await cloudMap.send(
      new CreatePrivateDnsNamespaceCommand({ Name: 'life.local', Vpc: 'vpc-0123456789abcdef0' }),
    );
    expect(await operationStatus(created.OperationId)).toBe('SUBMITTED');
    await control.advance(1_000);
    expect(await operationStatus(created.OperationId)).toBe('PENDING');
    const pending = await cloudMap.send(new GetOperationCommand({ OperationId: created.OperationId }));
    const namespaceId = pending.Operation?.Targets?.NAMESPACE ?? '';
    expect(namespaceId).toMatch(/^ns-[a-z2-7]{16}$/);
    await expect(cloudMap.send(new GetNamespaceCommand({ Id: namespaceId }))).rejects.toMatchObject({
      name: 'NamespaceNotFound',
    });
    await control.advance(4_000);
    const done = await cloudMap.send(new GetOperationCommand({ OperationId: created.OperationId }));
    expect(done.Operation).toMatchObject({ Status: 'SUCCESS', Type: 'CREATE_NAMESPACE' });
    expect(done.Operation?.UpdateDate?.getTime()).toBeGreaterThan(done.Operation?.CreateDate?.getTime() ?? 0);
    const namespace = await cloudMap.send(new GetNamespaceCommand({ Id: namespaceId }));
    expect(namespace.Namespace).toMatchObject({ Name: 'life.local', Type: 'DNS_PRIVATE' });
  });

  it('shows instances that ECS registers through instances.ts, and forgets deregistered ones', async () => {
    const namespaceId = await readyNamespaceId('ecs-tasks');
    const service = await cloudMap.send(new CreateServiceCommand({ Name: 'web', NamespaceId: namespaceId }));
    const arn = service.Service?.Arn ?? '';
    const world = running.emulator.worlds.region('us-east-1');
    expect(discoveryServiceExists(world, arn)).toBe(true);
    expect(discoveryServiceExists(world, `${arn.slice(0, -4)}zzzz`)).toBe(false);

    registerTaskInstance(world, arn, 'task-1', { AWS_INSTANCE_IPV4: '10.0.0.5', ECS_SERVICE_NAME: 'web' }, 0);
    const listed = await cloudMap.send(new ListInstancesCommand({ ServiceId: service.Service?.Id }));
    expect(listed.Instances).toEqual([
      expect.objectContaining({
        Id: 'task-1',
        Attributes: { AWS_INSTANCE_IPV4: '10.0.0.5', ECS_SERVICE_NAME: 'web' },
      }),
    ]);

    deregisterTaskInstance(world, arn, 'task-1', 0);
    const after = await cloudMap.send(new ListInstancesCommand({ ServiceId: service.Service?.Id }));
    expect(after.Instances).toEqual([]);
  });
});
