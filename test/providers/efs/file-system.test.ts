import {
  CreateFileSystemCommand,
  DeleteMountTargetCommand,
  DescribeBackupPolicyCommand,
  DescribeFileSystemsCommand,
  DescribeLifecycleConfigurationCommand,
  DescribeMountTargetsCommand,
  type FileSystemDescription,
  ModifyMountTargetSecurityGroupsCommand,
  PutBackupPolicyCommand,
  PutLifecycleConfigurationCommand,
  TagResourceCommand,
  UpdateFileSystemCommand,
} from '@aws-sdk/client-efs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

// Two subnets the emulator places in different availability zones (one mount target per zone).
const SUBNET_A = 'subnet-0a1b2c3d4e5f60001';
const SUBNET_B = 'subnet-0a1b2c3d4e5f60004';

const manifest = (spec: { performanceMode?: string; annotations?: string } = {}) => `
apiVersion: shipshape.dev/v1
kind: FileSystem
metadata:
  name: shared
  namespace: files
${spec.annotations ?? ''}
spec:
  performanceMode: ${spec.performanceMode ?? 'generalPurpose'}
  encrypted: true
  tags: {Name: shared-data, team: storage}
  lifecyclePolicies:
    - transitionToIA: AFTER_30_DAYS
    - transitionToPrimaryStorageClass: AFTER_1_ACCESS
  mountTargets:
    - subnetId: ${SUBNET_A}
      securityGroups: [sg-0b1c2d3e4f5a60001]
    - subnetId: ${SUBNET_B}
      securityGroups: [sg-0b1c2d3e4f5a60001]
`;

let h: ProviderHarness;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control.reset();
});

async function fileSystems(): Promise<FileSystemDescription[]> {
  return (await h.aws.efs.send(new DescribeFileSystemsCommand({}))).FileSystems ?? [];
}

async function applied(text = manifest()) {
  const manifests = h.load({ 'fs.yaml': text });
  const result = await h.apply(manifests);
  expect(result).toMatchObject({ converged: true, failures: [] });
  // Mount targets take a minute to become available.
  await h.control.advance(120_000);
  const [fs] = await fileSystems();
  return { manifests, id: fs?.FileSystemId ?? '' };
}

async function driftOf(manifests: ReturnType<ProviderHarness['load']>) {
  const plan = await h.plan(manifests);
  const [change] = plan.changes;
  return change !== undefined && 'drift' in change
    ? { action: change.action, drift: change.drift }
    : { action: change?.action };
}

describe('FileSystem provider', () => {
  it('creates the file system, its policies and mount targets, then plans no change', async () => {
    const manifests = h.load({ 'fs.yaml': manifest() });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 1 });
    const { id } = await applied();
    const [fs] = await fileSystems();
    expect(fs).toMatchObject({ Encrypted: true, PerformanceMode: 'generalPurpose', Name: 'shared-data' });
    expect(fs?.Tags).toEqual(
      expect.arrayContaining([{ Key: 'shipshape.dev/resource', Value: 'FileSystem/files/shared' }]),
    );
    const mountTargets =
      (await h.aws.efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }))).MountTargets ?? [];
    expect(mountTargets.map((target) => target.SubnetId).sort()).toEqual([SUBNET_A, SUBNET_B]);
    const lifecycle = await h.aws.efs.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: id }));
    expect(lifecycle.LifecyclePolicies).toHaveLength(2);
    expect(countByAction(await h.plan(manifests))).toMatchObject({
      create: 0,
      update: 0,
      replace: 0,
      noop: 1,
    });
  });

  it('reports a throughput mode changed by hand (scalar) and puts it back', async () => {
    const { manifests, id } = await applied();
    await h.aws.efs.send(new UpdateFileSystemCommand({ FileSystemId: id, ThroughputMode: 'elastic' }));
    expect(await driftOf(manifests)).toEqual({
      action: 'update',
      drift: [{ path: 'throughputMode', desired: 'bursting', actual: 'elastic' }],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect((await fileSystems())[0]?.ThroughputMode).toBe('bursting');
  });

  it('takes a backup policy still ENABLING (or DISABLING) for the status asked: no drift, no second Put', async () => {
    const { id } = await applied();
    const withBackup = h.load({
      'fs.yaml': manifest().replace(
        '  encrypted: true\n',
        '  encrypted: true\n  backupPolicy: {status: ENABLED}\n',
      ),
    });
    h.aws.stats.reset();
    expect(await h.apply(withBackup)).toMatchObject({ converged: true, failures: [] });
    expect(h.aws.stats.snapshot()['efs:PutBackupPolicy']?.ok).toBe(1);
    const status = async () =>
      (await h.aws.efs.send(new DescribeBackupPolicyCommand({ FileSystemId: id }))).BackupPolicy?.Status;
    // The emulator holds the change under way until its clock moves, as AWS may for a while.
    expect(await status()).toBe('ENABLING');
    expect(countByAction(await h.plan(withBackup))).toMatchObject({ update: 0, noop: 1 });
    expect(await h.apply(withBackup)).toMatchObject({ converged: true, failures: [] });
    expect(h.aws.stats.snapshot()['efs:PutBackupPolicy']?.ok).toBe(1);

    await h.control.advance(60_000);
    expect(await status()).toBe('ENABLED');
    expect(await h.apply(h.load({ 'fs.yaml': manifest() }))).toMatchObject({ converged: true });
    expect(await status()).toBe('DISABLING');
    expect(countByAction(await h.plan(h.load({ 'fs.yaml': manifest() })))).toMatchObject({ noop: 1 });
    expect(h.aws.stats.snapshot()['efs:PutBackupPolicy']?.ok).toBe(2);
  });

  it('reports the backup policy (nested object) and lifecycle policies (a set) changed by hand', async () => {
    const { manifests, id } = await applied();
    await h.aws.efs.send(
      new PutBackupPolicyCommand({ FileSystemId: id, BackupPolicy: { Status: 'ENABLED' } }),
    );
    await h.aws.efs.send(
      new PutLifecycleConfigurationCommand({
        FileSystemId: id,
        LifecyclePolicies: [
          { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' },
          { TransitionToIA: 'AFTER_7_DAYS' },
        ],
      }),
    );
    expect(await driftOf(manifests)).toEqual({
      action: 'update',
      drift: [
        { path: 'backupPolicy.status', desired: 'DISABLED', actual: 'ENABLED' },
        {
          path: 'lifecyclePolicies',
          desired: [
            { transitionToIA: 'AFTER_30_DAYS' },
            { transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' },
          ],
          actual: [{ transitionToIA: 'AFTER_7_DAYS' }, { transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
        },
      ],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(countByAction(await h.plan(manifests))).toMatchObject({ update: 0, noop: 1 });
  });

  it('reports mount target security groups and tags changed by hand, and puts them back', async () => {
    const { manifests, id } = await applied();
    const targets =
      (await h.aws.efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }))).MountTargets ?? [];
    const inA = targets.find((target) => target.SubnetId === SUBNET_A);
    await h.aws.efs.send(
      new ModifyMountTargetSecurityGroupsCommand({
        MountTargetId: inA?.MountTargetId,
        SecurityGroups: ['sg-0ffffffffffffffff'],
      }),
    );
    await h.aws.efs.send(
      new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'owner', Value: 'someone' }] }),
    );
    expect(await driftOf(manifests)).toEqual({
      action: 'update',
      drift: [
        {
          path: `mountTargets[subnetId=${SUBNET_A}].securityGroups`,
          desired: ['sg-0b1c2d3e4f5a60001'],
          actual: ['sg-0ffffffffffffffff'],
        },
        { path: 'tags.owner', desired: undefined, actual: 'someone' },
      ],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(countByAction(await h.plan(manifests))).toMatchObject({ update: 0, noop: 1 });
  });

  it('recreates a mount target deleted by hand', async () => {
    const { manifests, id } = await applied();
    const targets =
      (await h.aws.efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }))).MountTargets ?? [];
    await h.aws.efs.send(new DeleteMountTargetCommand({ MountTargetId: targets[0]?.MountTargetId }));
    await h.control.advance(60_000);
    const drift = await driftOf(manifests);
    expect(drift).toMatchObject({
      action: 'update',
      drift: [{ path: `mountTargets[subnetId=${targets[0]?.SubnetId}]` }],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    const after =
      (await h.aws.efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }))).MountTargets ?? [];
    expect(after).toHaveLength(2);
  });

  it('replaces the file system when the performance mode changes', async () => {
    const { id } = await applied();
    const changed = h.load({ 'fs.yaml': manifest({ performanceMode: 'maxIO' }) });
    expect(await driftOf(changed)).toMatchObject({
      action: 'replace',
      drift: [{ path: 'performanceMode', desired: 'maxIO', actual: 'generalPurpose' }],
    });
    expect(await h.apply(changed)).toMatchObject({ converged: true, failures: [] });
    const after = await fileSystems();
    expect(after.map((fs) => fs.FileSystemId)).not.toContain(id);
    expect(after[0]?.PerformanceMode).toBe('maxIO');
  });

  it('compares a KMS key named by id with the ARN EFS returns, and replaces the file system when it changes', async () => {
    const key = (id: string) => `
apiVersion: shipshape.dev/v1
kind: FileSystem
metadata: {name: sealed, namespace: files}
spec: {encrypted: true, kmsKeyId: "${id}"}
`;
    const first = h.load({
      'fs.yaml': key('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    });
    expect(await h.apply(first)).toMatchObject({ converged: true, failures: [] });
    const byId = h.load({ 'fs.yaml': key('1234abcd-12ab-34cd-56ef-1234567890ab') });
    expect(countByAction(await h.plan(byId))).toMatchObject({ noop: 1 });
    const other = h.load({ 'fs.yaml': key('9999abcd-12ab-34cd-56ef-1234567890ab') });
    expect(await driftOf(other)).toEqual({
      action: 'replace',
      drift: [
        {
          path: 'kmsKeyId',
          desired: '9999abcd-12ab-34cd-56ef-1234567890ab',
          actual: '1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      ],
    });
  });

  it('makes no duplicate when a create is retried (same CreationToken)', async () => {
    const [fs] = h.load({ 'fs.yaml': manifest() });
    if (fs === undefined) throw new Error('no manifest');
    const provider = h.providers.get('FileSystem');
    const context = h.context();
    const desired = provider.desired(fs, context);
    if (!desired.ok) throw new Error('not ready');
    const first = await provider.create(fs, desired.state, context);
    const again = await provider.create(fs, desired.state, context);
    expect(again).toEqual(first);
    expect(await fileSystems()).toHaveLength(1);
  });

  it('never touches a same-named file system it does not own, unless asked to adopt it', async () => {
    await h.aws.efs.send(
      new CreateFileSystemCommand({
        CreationToken: 'by-hand',
        Encrypted: true,
        Tags: [{ Key: 'Name', Value: 'shared-data' }],
      }),
    );
    await h.control.advance(10_000);
    const plain = h.load({ 'fs.yaml': manifest() });
    expect((await h.plan(plain)).changes[0]).toMatchObject({
      action: 'conflict',
      identity: 'FileSystem/files/shared',
    });
    expect((await h.apply(plain)).converged).toBe(false);
    expect((await fileSystems())[0]?.NumberOfMountTargets).toBe(0);

    const adopting = h.load({
      'fs.yaml': manifest({ annotations: '  annotations: {shipshape.dev/adopt: "true"}' }),
    });
    expect((await h.apply(adopting)).converged).toBe(true);
    expect(await fileSystems()).toHaveLength(1);
    expect(countByAction(await h.plan(adopting))).toMatchObject({ noop: 1 });
  });

  it('prunes: mount targets first, then the file system', async () => {
    await applied();
    expect((await h.plan([], true)).changes).toEqual([
      expect.objectContaining({ action: 'delete', identity: 'FileSystem/files/shared' }),
    ]);
    expect(await h.apply([], true)).toMatchObject({ converged: true, failures: [] });
    expect(await fileSystems()).toEqual([]);
  });
});
