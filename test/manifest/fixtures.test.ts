import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/errors.ts';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';
import { loadRevision } from '../../src/manifest/revision.ts';

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));

interface Expected {
  readonly folder: string;
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string | undefined;
  /** How many errors the whole revision has: one per real problem, no ajv noise. */
  readonly count: number;
}

/** The first error (sorted by file, line, column) of each invalid revision under test/fixtures/invalid. */
const TABLE: readonly Expected[] = [
  {
    folder: '01-yaml-bad-indentation',
    code: 'SS101',
    file: 'cluster.yaml',
    line: 4,
    column: 9,
    path: undefined,
    count: 1,
  },
  {
    folder: '02-yaml-unclosed-flow-in-second-document',
    code: 'SS101',
    file: 'cluster.yaml',
    line: 13,
    column: 1,
    path: undefined,
    count: 1,
  },
  {
    folder: '03-yaml-duplicate-key',
    code: 'SS101',
    file: 'cluster.yaml',
    line: 5,
    column: 3,
    path: undefined,
    count: 1,
  },
  {
    folder: '04-document-is-a-list',
    code: 'SS102',
    file: 'list.yaml',
    line: 1,
    column: 1,
    path: undefined,
    count: 1,
  },
  {
    folder: '05-unknown-api-version',
    code: 'SS103',
    file: 'cluster.yaml',
    line: 1,
    column: 13,
    path: 'apiVersion',
    count: 1,
  },
  {
    folder: '06-missing-api-version',
    code: 'SS116',
    file: 'cluster.yaml',
    line: 1,
    column: 1,
    path: 'apiVersion',
    count: 1,
  },
  {
    folder: '07-unknown-kind',
    code: 'SS104',
    file: 'deployment.yaml',
    line: 2,
    column: 7,
    path: 'kind',
    count: 1,
  },
  {
    folder: '08-unknown-top-level-field',
    code: 'SS110',
    file: 'cluster.yaml',
    line: 6,
    column: 1,
    path: 'status',
    count: 1,
  },
  {
    folder: '09-unknown-spec-field-typo',
    code: 'SS110',
    file: 'service.yaml',
    line: 14,
    column: 3,
    path: 'spec.desiredCont',
    count: 1,
  },
  {
    folder: '10-unknown-field-in-container-health-check',
    code: 'SS110',
    file: 'task-definition.yaml',
    line: 15,
    column: 9,
    path: 'spec.containerDefinitions[name=app].healthCheck.intervalSecs',
    count: 1,
  },
  {
    folder: '11-unknown-metadata-field',
    code: 'SS110',
    file: 'cluster.yaml',
    line: 5,
    column: 3,
    path: 'metadata.label',
    count: 1,
  },
  {
    folder: '12-desired-count-is-a-string',
    code: 'SS111',
    file: 'service.yaml',
    line: 8,
    column: 17,
    path: 'spec.desiredCount',
    count: 1,
  },
  {
    folder: '13-container-port-is-a-string',
    code: 'SS111',
    file: 'task-definition.yaml',
    line: 14,
    column: 26,
    path: 'spec.containerDefinitions[name=app].portMappings[0].containerPort',
    count: 1,
  },
  {
    folder: '14-environment-is-a-map',
    code: 'SS111',
    file: 'task-definition.yaml',
    line: 14,
    column: 9,
    path: 'spec.containerDefinitions[name=app].environment',
    count: 1,
  },
  {
    folder: '15-health-check-interval-too-long',
    code: 'SS112',
    file: 'target-group.yaml',
    line: 10,
    column: 31,
    path: 'spec.healthCheckIntervalSeconds',
    count: 1,
  },
  {
    folder: '16-health-check-interval-too-short',
    code: 'SS112',
    file: 'target-group.yaml',
    line: 10,
    column: 31,
    path: 'spec.healthCheckIntervalSeconds',
    count: 1,
  },
  {
    folder: '17-healthy-threshold-above-10',
    code: 'SS112',
    file: 'target-group.yaml',
    line: 10,
    column: 26,
    path: 'spec.healthyThresholdCount',
    count: 1,
  },
  {
    folder: '18-unhealthy-threshold-below-2',
    code: 'SS112',
    file: 'target-group.yaml',
    line: 10,
    column: 28,
    path: 'spec.unhealthyThresholdCount',
    count: 1,
  },
  {
    folder: '19-target-group-name-too-long',
    code: 'SS113',
    file: 'target-group.yaml',
    line: 10,
    column: 9,
    path: 'spec.name',
    count: 1,
  },
  {
    folder: '20-fargate-memory-not-valid-for-cpu',
    code: 'SS115',
    file: 'task-definition.yaml',
    line: 9,
    column: 11,
    path: 'spec.memory',
    count: 1,
  },
  {
    folder: '21-fargate-cpu-not-a-fargate-size',
    code: 'SS115',
    file: 'task-definition.yaml',
    line: 8,
    column: 8,
    path: 'spec.cpu',
    count: 1,
  },
  {
    folder: '22-container-port-above-65535',
    code: 'SS112',
    file: 'task-definition.yaml',
    line: 14,
    column: 26,
    path: 'spec.containerDefinitions[name=app].portMappings[0].containerPort',
    count: 1,
  },
  {
    folder: '23-listener-port-zero',
    code: 'SS112',
    file: 'listener.yaml',
    line: 8,
    column: 9,
    path: 'spec.port',
    count: 1,
  },
  {
    folder: '24-fifty-one-tags',
    code: 'SS117',
    file: 'cluster.yaml',
    line: 7,
    column: 5,
    path: 'spec.tags',
    count: 1,
  },
  {
    folder: '25-tag-key-too-long',
    code: 'SS113',
    file: 'cluster.yaml',
    line: 8,
    column: 5,
    path: `spec.tags.${'k'.repeat(129)}`,
    count: 1,
  },
  {
    folder: '26-metadata-name-not-a-dns-label',
    code: 'SS114',
    file: 'cluster.yaml',
    line: 4,
    column: 9,
    path: 'metadata.name',
    count: 1,
  },
  {
    folder: '27-launch-type-not-in-enum',
    code: 'SS115',
    file: 'service.yaml',
    line: 9,
    column: 15,
    path: 'spec.launchType',
    count: 1,
  },
  {
    folder: '28-target-group-protocol-not-in-enum',
    code: 'SS115',
    file: 'target-group.yaml',
    line: 6,
    column: 13,
    path: 'spec.protocol',
    count: 1,
  },
  {
    folder: '29-task-definition-without-containers',
    code: 'SS116',
    file: 'task-definition.yaml',
    line: 5,
    column: 1,
    path: 'spec.containerDefinitions',
    count: 1,
  },
  {
    folder: '30-metadata-without-name',
    code: 'SS116',
    file: 'cluster.yaml',
    line: 3,
    column: 1,
    path: 'metadata.name',
    count: 1,
  },
  {
    folder: '31-document-without-spec',
    code: 'SS116',
    file: 'cluster.yaml',
    line: 1,
    column: 1,
    path: 'spec',
    count: 1,
  },
  {
    folder: '32-duplicate-identity-across-files',
    code: 'SS140',
    file: 'a-cluster.yaml',
    line: 4,
    column: 9,
    path: 'metadata.name',
    count: 2,
  },
  {
    folder: '33-duplicate-identity-in-one-file',
    code: 'SS140',
    file: 'clusters.yaml',
    line: 4,
    column: 9,
    path: 'metadata.name',
    count: 2,
  },
  {
    folder: '34-missing-cluster-reference',
    code: 'SS141',
    file: 'service.yaml',
    line: 6,
    column: 15,
    path: 'spec.clusterRef',
    count: 1,
  },
  {
    folder: '35-missing-reference-in-other-namespace',
    code: 'SS141',
    file: 'service.yaml',
    line: 7,
    column: 22,
    path: 'spec.taskDefinitionRef',
    count: 1,
  },
  {
    folder: '36-missing-file-system-in-efs-volume',
    code: 'SS141',
    file: 'task-definition.yaml',
    line: 13,
    column: 24,
    path: 'spec.volumes[name=data].efsVolumeConfiguration.fileSystemRef',
    count: 1,
  },
  {
    folder: '37-cluster-ref-names-a-service',
    code: 'SS142',
    file: 'service.yaml',
    line: 6,
    column: 15,
    path: 'spec.clusterRef',
    count: 1,
  },
  {
    folder: '38-scalable-target-names-a-cluster',
    code: 'SS142',
    file: 'scalable-target.yaml',
    line: 6,
    column: 15,
    path: 'spec.serviceRef',
    count: 1,
  },
  {
    folder: '39-dependency-cycle',
    code: 'SS143',
    file: 'cluster.yaml',
    line: 6,
    column: 31,
    path: 'metadata.annotations["shipshape.dev/depends-on"]',
    count: 1,
  },
  {
    folder: '40-launch-type-with-capacity-provider-strategy',
    code: 'SS130',
    file: 'service.yaml',
    line: 14,
    column: 3,
    path: 'spec.capacityProviderStrategy',
    count: 1,
  },
  {
    folder: '41-cluster-ref-and-literal-cluster',
    code: 'SS131',
    file: 'service.yaml',
    line: 6,
    column: 3,
    path: 'spec.clusterRef',
    count: 1,
  },
  {
    folder: '42-target-group-ref-and-arn',
    code: 'SS131',
    file: 'service.yaml',
    line: 15,
    column: 7,
    path: 'spec.loadBalancers[0].targetGroupRef',
    count: 1,
  },
  {
    folder: '43-load-balancer-names-unknown-container',
    code: 'SS144',
    file: 'service.yaml',
    line: 15,
    column: 44,
    path: 'spec.loadBalancers[0].containerName',
    count: 1,
  },
  {
    folder: '44-load-balancer-port-not-in-task-definition',
    code: 'SS145',
    file: 'service.yaml',
    line: 15,
    column: 64,
    path: 'spec.loadBalancers[0].containerPort',
    count: 1,
  },
  {
    folder: '45-service-registry-port-not-in-task-definition',
    code: 'SS145',
    file: 'service.yaml',
    line: 17,
    column: 22,
    path: 'spec.serviceRegistries[0].containerPort',
    count: 1,
  },
  {
    folder: '46-depends-on-unknown-container',
    code: 'SS144',
    file: 'task-definition.yaml',
    line: 17,
    column: 27,
    path: 'spec.containerDefinitions[name=app].dependsOn[0].containerName',
    count: 1,
  },
  {
    folder: '47-duplicate-container-name',
    code: 'SS146',
    file: 'task-definition.yaml',
    line: 13,
    column: 13,
    path: 'spec.containerDefinitions[1].name',
    count: 1,
  },
  {
    folder: '48-http-listener-forwards-to-tcp-target-group',
    code: 'SS147',
    file: 'listener.yaml',
    line: 11,
    column: 23,
    path: 'spec.defaultActions[0].targetGroupRef',
    count: 1,
  },
  {
    folder: '49-listener-rule-forwards-to-tcp-target-group',
    code: 'SS147',
    file: 'listener-rule.yaml',
    line: 13,
    column: 23,
    path: 'spec.actions[0].targetGroupRef',
    count: 1,
  },
  {
    folder: '50-depends-on-annotation-malformed',
    code: 'SS119',
    file: 'cluster.yaml',
    line: 6,
    column: 31,
    path: 'metadata.annotations["shipshape.dev/depends-on"]',
    count: 1,
  },
  {
    folder: '51-ignore-differences-repeated',
    code: 'SS118',
    file: 'service.yaml',
    line: 14,
    column: 22,
    path: 'spec.ignoreDifferences',
    count: 1,
  },
  {
    folder: '52-private-dns-namespace-without-vpc',
    code: 'SS116',
    file: 'dns-namespace.yaml',
    line: 5,
    column: 1,
    path: 'spec.vpc',
    count: 1,
  },
  {
    folder: '53-listener-action-type-misspelled',
    code: 'SS115',
    file: 'listener.yaml',
    line: 10,
    column: 13,
    path: 'spec.defaultActions[0].type',
    count: 1,
  },
  {
    folder: '54-service-registry-without-target',
    code: 'SS116',
    file: 'service.yaml',
    line: 15,
    column: 7,
    path: 'spec.serviceRegistries[0]',
    count: 1,
  },
  {
    folder: '55-deletion-policy-not-in-enum',
    code: 'SS115',
    file: 'cluster.yaml',
    line: 6,
    column: 19,
    path: 'spec.deletionPolicy',
    count: 1,
  },
  {
    folder: '56-self-heal-is-a-string',
    code: 'SS111',
    file: 'cluster.yaml',
    line: 6,
    column: 13,
    path: 'spec.selfHeal',
    count: 1,
  },
  {
    folder: '57-scaling-policy-without-target-ref',
    code: 'SS116',
    file: 'scaling-policy.yaml',
    line: 5,
    column: 1,
    path: 'spec.scalableTargetRef',
    count: 1,
  },
  {
    folder: '58-yaml-tab-indentation',
    code: 'SS101',
    file: 'cluster.yaml',
    line: 4,
    column: 1,
    path: undefined,
    count: 1,
  },
  {
    folder: '59-document-is-a-scalar',
    code: 'SS102',
    file: 'notes.yaml',
    line: 1,
    column: 1,
    path: undefined,
    count: 1,
  },
];

async function errorsOf(folder: string) {
  const result = loadRevision(await readManifestFolder(`${INVALID}${folder}`));
  if (result.ok) throw new Error(`${folder} was accepted as valid`);
  return result.errors;
}

describe('invalid manifest corpus', () => {
  it.each(TABLE)('$folder: $code at $file:$line:$column $path', async (expected) => {
    const errors = await errorsOf(expected.folder);
    const first = errors[0];
    expect(first).toMatchObject({
      code: expected.code,
      severity: 'error',
      file: expected.file,
      line: expected.line,
      column: expected.column,
    });
    expect(first?.path).toBe(expected.path);
    expect(errors.map((e) => e.code)).toEqual(Array(expected.count).fill(expected.code));
  });

  it('has a table row for every fixture folder, and at least 40 of them', () => {
    const folders = readdirSync(INVALID).sort();
    expect(TABLE.map((row) => row.folder)).toEqual(folders);
    expect(folders.length).toBeGreaterThanOrEqual(40);
  });

  it('covers every manifest error code that a file can produce', () => {
    const producedElsewhere = new Set(['SS100', 'SS150', 'SS151']); // unreadable source; the two warnings
    const manifestCodes = Object.values(errorCatalogue)
      .map((entry) => entry.code)
      .filter((code) => /^SS1\d\d$/.test(code) && !producedElsewhere.has(code));
    const covered = new Set(TABLE.map((row) => row.code));
    expect(manifestCodes.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('names the other copy of a duplicate identity in both places', async () => {
    const errors = await errorsOf('32-duplicate-identity-across-files');
    expect(errors.map((e) => [e.file, e.line, e.message])).toEqual([
      [
        'a-cluster.yaml',
        4,
        'Cluster/default/main is defined more than once (also at b-cluster-again.yaml:2)',
      ],
      [
        'b-cluster-again.yaml',
        5,
        'Cluster/default/main is defined more than once (also at a-cluster.yaml:1)',
      ],
    ]);
  });

  it('spells out the cycle', async () => {
    const [error] = await errorsOf('39-dependency-cycle');
    expect(error?.message).toBe(
      'dependency cycle: Cluster/default/main -> Service/default/app -> Cluster/default/main',
    );
  });

  it('says which kind a wrong-kind reference found', async () => {
    const [error] = await errorsOf('38-scalable-target-names-a-cluster');
    expect(error?.message).toBe('serviceRef must name a Service, but "default/main" is a Cluster');
    expect(error?.resource).toBe('ScalableTarget/default/app');
  });

  it('merges the branches of an action into one list of allowed types', async () => {
    const [error] = await errorsOf('53-listener-action-type-misspelled');
    expect(error?.message).toMatch(/^must be one of forward, .*redirect.*, not "foward"$/);
  });

  it('asks for either side of a reference-or-literal pair when neither is set', async () => {
    const [error] = await errorsOf('54-service-registry-without-target');
    expect(error?.message).toBe('missing required field "discoveryServiceRef" or "registryArn"');
  });
});
