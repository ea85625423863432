import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreatePublicDnsNamespaceCommand,
  CreateServiceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  GetServiceCommand,
  ListNamespacesCommand,
  ListServicesCommand,
  ServiceDiscoveryClient,
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

async function ready(operationId: string | undefined): Promise<string> {
  await control.advance(10_000);
  const answer = await cloudMap.send(new GetOperationCommand({ OperationId: operationId }));
  return answer.Operation?.Targets?.NAMESPACE ?? '';
}

const httpNamespace = async (name: string) =>
  ready((await cloudMap.send(new CreateHttpNamespaceCommand({ Name: name }))).OperationId);
const privateNamespace = async (name: string) =>
  ready(
    (await cloudMap.send(new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: 'vpc-1c56417b' })))
      .OperationId,
  );
const publicNamespace = async (name: string) =>
  ready((await cloudMap.send(new CreatePublicDnsNamespaceCommand({ Name: name }))).OperationId);

const HTTPS_CHECK = { Type: 'HTTPS' as const, ResourcePath: '/', FailureThreshold: 1 };

describe('Cloud Map Route 53 health checks', () => {
  it('takes a HealthCheckConfig in HTTP and public DNS namespaces', async () => {
    const http = await httpNamespace('checks-http');
    const inHttp = await cloudMap.send(
      new CreateServiceCommand({ Name: 'api', NamespaceId: http, HealthCheckConfig: HTTPS_CHECK }),
    );
    expect(inHttp.Service).toMatchObject({ Type: 'HTTP', HealthCheckConfig: HTTPS_CHECK });

    const pub = await publicNamespace('checks.example.com');
    const inPublic = await cloudMap.send(
      new CreateServiceCommand({
        Name: 'www',
        NamespaceId: pub,
        DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] },
        HealthCheckConfig: HTTPS_CHECK,
      }),
    );
    expect(inPublic.Service).toMatchObject({ Type: 'DNS_HTTP', HealthCheckConfig: HTTPS_CHECK });
  });

  it('refuses a HealthCheckConfig in a private DNS namespace, and with CNAME records', async () => {
    const priv = await privateNamespace('checks.local');
    await expect(
      cloudMap.send(
        new CreateServiceCommand({
          Name: 'db',
          NamespaceId: priv,
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] },
          HealthCheckConfig: HTTPS_CHECK,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInput' });

    const pub = await publicNamespace('cname.example.com');
    await expect(
      cloudMap.send(
        new CreateServiceCommand({
          Name: 'alias',
          NamespaceId: pub,
          DnsConfig: { DnsRecords: [{ Type: 'CNAME', TTL: 60 }] },
          HealthCheckConfig: HTTPS_CHECK,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInput' });
  });
});

describe('Cloud Map service and namespace shapes per call', () => {
  it('shows an HTTP service an empty DnsConfig in GetService only', async () => {
    const http = await httpNamespace('shapes-http');
    const created = await cloudMap.send(new CreateServiceCommand({ Name: 'api', NamespaceId: http }));
    expect(created.Service?.DnsConfig).toBeUndefined();
    const got = await cloudMap.send(new GetServiceCommand({ Id: created.Service?.Id }));
    expect(got.Service?.DnsConfig).toEqual({});
    const listed = await cloudMap.send(new ListServicesCommand({}));
    expect(listed.Services?.[0]?.DnsConfig).toBeUndefined();
  });

  it('names the namespace in a DNS service DnsConfig from CreateService and GetService, not from ListServices', async () => {
    const priv = await privateNamespace('shapes.local');
    const created = await cloudMap.send(
      new CreateServiceCommand({
        Name: 'db',
        NamespaceId: priv,
        DnsConfig: { DnsRecords: [{ Type: 'SRV', TTL: 10 }] },
      }),
    );
    const records = { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'SRV', TTL: 10 }] };
    expect(created.Service?.DnsConfig).toEqual({ NamespaceId: priv, ...records });
    const got = await cloudMap.send(new GetServiceCommand({ Id: created.Service?.Id }));
    expect(got.Service?.DnsConfig).toEqual({ NamespaceId: priv, ...records });
    const listed = await cloudMap.send(new ListServicesCommand({}));
    expect(listed.Services?.[0]?.DnsConfig).toEqual(records);
  });

  it('lists an HTTP namespace with an empty SOA but gets it with empty DnsProperties', async () => {
    const http = await httpNamespace('shapes-ns');
    const got = await cloudMap.send(new GetNamespaceCommand({ Id: http }));
    expect(got.Namespace?.Properties?.DnsProperties).toEqual({});
    const listed = await cloudMap.send(new ListNamespacesCommand({}));
    expect(listed.Namespaces?.[0]?.Properties?.DnsProperties).toEqual({ SOA: {} });
  });
});
