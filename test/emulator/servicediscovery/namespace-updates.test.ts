import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  ListNamespacesCommand,
  ServiceDiscoveryClient,
  UpdateHttpNamespaceCommand,
  UpdatePrivateDnsNamespaceCommand,
  UpdatePublicDnsNamespaceCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';

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

async function namespaceOf(operationId: string | undefined): Promise<string> {
  await control.advance(10_000);
  const answer = await cloudMap.send(new GetOperationCommand({ OperationId: operationId }));
  return answer.Operation?.Targets?.NAMESPACE ?? '';
}

describe('Cloud Map namespace updates', () => {
  it('changes a private DNS namespace description and SOA TTL when the UPDATE_NAMESPACE operation succeeds', async () => {
    const created = await cloudMap.send(
      new CreatePrivateDnsNamespaceCommand({
        Name: 'upd.local',
        Vpc: 'vpc-0123456789abcdef0',
        Description: 'old',
      }),
    );
    const id = await namespaceOf(created.OperationId);
    const updated = await cloudMap.send(
      new UpdatePrivateDnsNamespaceCommand({
        Id: id,
        Namespace: { Description: 'new', Properties: { DnsProperties: { SOA: { TTL: 60 } } } },
      }),
    );
    const before = await cloudMap.send(new GetNamespaceCommand({ Id: id }));
    expect(before.Namespace?.Description).toBe('old');
    await control.advance(5_000);
    const operation = await cloudMap.send(new GetOperationCommand({ OperationId: updated.OperationId }));
    expect(operation.Operation).toMatchObject({
      Type: 'UPDATE_NAMESPACE',
      Status: 'SUCCESS',
      Targets: { NAMESPACE: id },
    });
    const after = await cloudMap.send(new GetNamespaceCommand({ Id: id }));
    expect(after.Namespace).toMatchObject({
      Description: 'new',
      Properties: { DnsProperties: { SOA: { TTL: 60 } } },
    });
    // Only GetNamespace gives the TTL: ListNamespaces prints an empty SOA (AWS CLI list-namespaces example).
    const listed = await cloudMap.send(new ListNamespacesCommand({}));
    expect(
      listed.Namespaces?.find((namespace) => namespace.Id === id)?.Properties?.DnsProperties?.SOA,
    ).toEqual({});
  });

  it('changes an HTTP namespace description, and refuses the call of another namespace type', async () => {
    const id = await namespaceOf(
      (await cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'upd-http' }))).OperationId,
    );
    await cloudMap.send(new UpdateHttpNamespaceCommand({ Id: id, Namespace: { Description: 'described' } }));
    await control.advance(5_000);
    expect((await cloudMap.send(new GetNamespaceCommand({ Id: id }))).Namespace?.Description).toBe(
      'described',
    );
    await expect(
      cloudMap.send(new UpdatePublicDnsNamespaceCommand({ Id: id, Namespace: { Description: 'x' } })),
    ).rejects.toMatchObject({ name: 'InvalidInput' });
  });
});
