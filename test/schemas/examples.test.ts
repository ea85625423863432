import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createAjv, repoRoot, schemaFileOf, validatorFor } from './schema-registry.ts';

const examplesDir = join(repoRoot, 'manifests/examples');
const workloads = ['bssmagic', 'finfocus', 'runlayer', 'runner', 'farsight'];
const ajv = createAjv();

interface Doc {
  file: string;
  value: Record<string, unknown>;
}

function loadWorkload(workload: string): Doc[] {
  const dir = join(examplesDir, workload);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => {
      const docs = parseAllDocuments(readFileSync(join(dir, f), 'utf8'));
      if (!Array.isArray(docs)) throw new Error(`${f}: no documents`);
      return docs.map((doc) => {
        if (doc.errors.length > 0) throw new Error(`${f}: ${doc.errors[0]?.message}`);
        return { file: `${workload}/${f}`, value: doc.toJS() as Record<string, unknown> };
      });
    });
}

const refKinds: Record<string, string> = {
  clusterRef: 'Cluster',
  taskDefinitionRef: 'TaskDefinition',
  serviceRef: 'Service',
  loadBalancerRef: 'LoadBalancer',
  targetGroupRef: 'TargetGroup',
  listenerRef: 'Listener',
  fileSystemRef: 'FileSystem',
  accessPointRef: 'AccessPoint',
  namespaceRef: 'DnsNamespace',
  discoveryServiceRef: 'DiscoveryService',
  scalableTargetRef: 'ScalableTarget',
};

function referencesIn(node: unknown, out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(node)) for (const child of node) referencesIn(child, out);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const kind = refKinds[key];
      if (kind !== undefined && typeof value === 'string') out.push([kind, value]);
      else referencesIn(value, out);
    }
  }
  return out;
}

describe.each(workloads)('manifests/examples/%s', (workload) => {
  const docs = loadWorkload(workload);

  it('has a README and manifests', () => {
    expect(readdirSync(join(examplesDir, workload))).toContain('README.md');
    expect(docs.length).toBeGreaterThan(0);
  });

  it('every file starts with the yaml-language-server schema of its kind', () => {
    const dir = join(examplesDir, workload);
    for (const f of readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
      const firstLine = readFileSync(join(dir, f), 'utf8').split('\n')[0];
      const kinds = new Set(
        docs.filter((d) => d.file === `${workload}/${f}`).map((d) => String(d.value.kind)),
      );
      const expected = kinds.size === 1 ? schemaFileOf([...kinds][0] ?? '') : 'manifest.schema.json';
      expect(firstLine, f).toBe(`# yaml-language-server: $schema=../../../schemas/${expected}`);
    }
  });

  it('every document validates against its kind schema and the union', () => {
    const union = validatorFor(ajv, 'manifest.schema.json');
    for (const { file, value } of docs) {
      const validate = validatorFor(ajv, schemaFileOf(String(value.kind)));
      expect(validate(value) ? [] : validate.errors, `${file} ${String(value.kind)}`).toEqual([]);
      expect(union(value) ? [] : union.errors, file).toEqual([]);
    }
  });

  it('uses the workload as metadata.namespace and unique identities', () => {
    const ids = docs.map(({ value }) => {
      const metadata = value.metadata as { name: string; namespace?: string };
      expect(metadata.namespace).toBe(workload);
      return `${String(value.kind)}/${metadata.name}`;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every reference names a manifest of the right kind in the workload', () => {
    const ids = new Set(
      docs.map(({ value }) => `${String(value.kind)}/${(value.metadata as { name: string }).name}`),
    );
    const refs = docs.flatMap(({ value }) => referencesIn(value.spec));
    expect(refs.length).toBeGreaterThan(0);
    for (const [kind, name] of refs) expect(ids, `${kind} ${name}`).toContain(`${kind}/${name}`);
  });

  it('load balancer and registry entries name a container and port of the service task definition', () => {
    const byId = new Map(
      docs.map(({ value }) => [`${String(value.kind)}/${(value.metadata as { name: string }).name}`, value]),
    );
    for (const { value } of docs.filter((d) => d.value.kind === 'Service')) {
      const spec = value.spec as {
        taskDefinitionRef: string;
        loadBalancers?: Entry[];
        serviceRegistries?: Entry[];
      };
      const task = byId.get(`TaskDefinition/${spec.taskDefinitionRef}`)?.spec as {
        containerDefinitions: Container[];
      };
      for (const entry of [...(spec.loadBalancers ?? []), ...(spec.serviceRegistries ?? [])]) {
        if (entry.containerName === undefined) continue;
        const container = task.containerDefinitions.find((c) => c.name === entry.containerName);
        expect(container, entry.containerName).toBeDefined();
        expect(container?.portMappings?.map((p) => p.containerPort)).toContain(entry.containerPort);
      }
    }
  });
});

interface Entry {
  containerName?: string;
  containerPort?: number;
}
interface Container {
  name: string;
  portMappings?: Array<{ containerPort: number }>;
}

describe('the seed settings the examples must keep', () => {
  const find = (workload: string, kind: string, name: string): Record<string, unknown> => {
    const doc = loadWorkload(workload).find(
      ({ value }) => value.kind === kind && (value.metadata as { name: string }).name === name,
    );
    if (doc === undefined) throw new Error(`${workload}: no ${kind}/${name}`);
    return doc.value.spec as Record<string, unknown>;
  };

  it('bssmagic: lenient target group health check and no container health check', () => {
    expect(find('bssmagic', 'TargetGroup', 'bssmagic-tmf-runtime-tg')).toMatchObject({
      healthCheckPath: '/health',
      healthCheckIntervalSeconds: 120,
      healthCheckTimeoutSeconds: 60,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 10,
    });
    const td = find('bssmagic', 'TaskDefinition', 'bssmagic-tmf-runtime-task');
    expect(td.containerDefinitions).toEqual([
      expect.not.objectContaining({ healthCheck: expect.anything() }),
    ]);
    expect(td.volumes).toEqual([
      expect.objectContaining({
        efsVolumeConfiguration: expect.objectContaining({ fileSystemRef: 'bssmagic-credentials' }),
      }),
    ]);
  });

  it('finfocus: 13 ports and a MULTIVALUE A record with failure threshold 1', () => {
    const td = find('finfocus', 'TaskDefinition', 'finfocus-plugin-aws-public');
    const [container] = td.containerDefinitions as Array<{ portMappings: unknown[] }>;
    expect(container?.portMappings).toHaveLength(13);
    expect(find('finfocus', 'DiscoveryService', 'aws-public')).toMatchObject({
      dnsConfig: { routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', tTL: 60 }] },
      healthCheckCustomConfig: { failureThreshold: 1 },
    });
  });

  it('runlayer: migrations as a Job the backend waits for, and 2-10 autoscaling', () => {
    const backendTask = find('runlayer', 'TaskDefinition', 'anysource-backend-production');
    expect(backendTask.containerDefinitions).toEqual([
      expect.not.objectContaining({ dependsOn: expect.anything() }),
    ]);
    const migrate = find('runlayer', 'TaskDefinition', 'anysource-migrate-production');
    expect(migrate.containerDefinitions).toEqual([
      expect.objectContaining({ essential: true, command: ['bash', 'scripts/prestart.sh'] }),
    ]);
    const backend = find('runlayer', 'Service', 'backend');
    expect(find('runlayer', 'Job', 'backend-migrate')).toMatchObject({
      clusterRef: backend.clusterRef,
      taskDefinitionRef: 'anysource-migrate-production',
      networkConfiguration: backend.networkConfiguration,
    });
    const service = loadWorkload('runlayer').find(
      ({ value }) => value.kind === 'Service' && (value.metadata as { name: string }).name === 'backend',
    );
    expect(service?.value.metadata).toMatchObject({
      annotations: { 'shipshape.dev/depends-on': 'Job/backend-migrate' },
    });
    expect(find('runlayer', 'ScalableTarget', 'backend')).toMatchObject({ minCapacity: 2, maxCapacity: 10 });
  });

  it('runner: container health check and DATABASE_URL kept in environment as the guide does', () => {
    const td = find('runner', 'TaskDefinition', 'uoc-tfm-runner');
    const [container] = td.containerDefinitions as Array<Record<string, unknown>>;
    expect(container?.healthCheck).toMatchObject({ interval: 30, timeout: 5, retries: 3, startPeriod: 10 });
    expect(container?.environment).toContainEqual(expect.objectContaining({ name: 'DATABASE_URL' }));
  });

  it('farsight: secrets, grace period and a 70% CPU target', () => {
    const td = find('farsight', 'TaskDefinition', 'farsight-api-server');
    const [container] = td.containerDefinitions as Array<{ secrets: unknown[] }>;
    expect(container?.secrets).toHaveLength(5);
    expect(find('farsight', 'Service', 'farsight-api-server')).toMatchObject({
      healthCheckGracePeriodSeconds: 60,
    });
    expect(find('farsight', 'ScalingPolicy', 'api-server-cpu-scaling')).toMatchObject({
      policyType: 'TargetTrackingScaling',
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 70,
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    });
  });
});
