import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTypes } from '../../scripts/gen-types.ts';
import type { Manifest, ServiceManifest, TaskDefinitionSpec } from '../../src/manifest/generated/types.ts';
import { repoRoot } from './schema-registry.ts';

describe('src/manifest/generated/types.ts', () => {
  it('is what `npm run gen:types` generates from schemas/ today', async () => {
    const onDisk = readFileSync(join(repoRoot, 'src/manifest/generated/types.ts'), 'utf8');
    expect(await generateTypes()).toBe(onDisk);
  });

  it('exports a document type per kind, their union and the spec types', () => {
    const onDisk = readFileSync(join(repoRoot, 'src/manifest/generated/types.ts'), 'utf8');
    const kinds = [
      'Cluster',
      'TaskDefinition',
      'Service',
      'LoadBalancer',
      'TargetGroup',
      'Listener',
      'ListenerRule',
    ].concat([
      'FileSystem',
      'AccessPoint',
      'DnsNamespace',
      'DiscoveryService',
      'ScalableTarget',
      'ScalingPolicy',
    ]);
    for (const kind of kinds) {
      expect(onDisk).toContain(`export interface ${kind}Manifest {`);
      expect(onDisk).toContain(`export interface ${kind}Spec {`);
      expect(onDisk).toContain(`  | ${kind}Manifest`);
    }
    expect(onDisk).toContain('export type Manifest =');
  });

  it('types a manifest the way the schema does (checked by tsc)', () => {
    const spec: TaskDefinitionSpec = {
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: 'nginx', dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
      ],
    };
    const service: ServiceManifest = {
      apiVersion: 'shipshape.dev/v1',
      kind: 'Service',
      metadata: { name: 'app' },
      spec: { clusterRef: 'main', desiredCount: 1, tags: { Team: 'platform' } },
    };
    const manifests: Manifest[] = [service];
    expect(manifests[0]?.kind).toBe('Service');
    expect(spec.containerDefinitions[0]?.name).toBe('app');
  });
});
