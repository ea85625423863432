import {
  CreateAccessPointCommand,
  CreateFileSystemCommand,
  CreateMountTargetCommand,
  CreateTagsCommand,
  DeleteAccessPointCommand,
  DeleteFileSystemCommand,
  DeleteMountTargetCommand,
  DeleteTagsCommand,
  DescribeAccessPointsCommand,
  DescribeBackupPolicyCommand,
  DescribeFileSystemsCommand,
  DescribeLifecycleConfigurationCommand,
  DescribeMountTargetSecurityGroupsCommand,
  DescribeMountTargetsCommand,
  DescribeTagsCommand,
  EFSClient,
  ListTagsForResourceCommand,
  ModifyMountTargetSecurityGroupsCommand,
  PutBackupPolicyCommand,
  PutLifecycleConfigurationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFileSystemCommand,
} from '@aws-sdk/client-efs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letTimePass, unique } from './clock.ts';
import { subnetIds } from './ec2-subnets.ts';
import { type RunningTarget, type TargetSpec, targetClientConfig } from './target.ts';

const FS_ID = /^fs-[0-9a-f]{8,40}$/;
/**
 * Where a target answers differently from AWS (per the EFS model and docs): those checks are
 * skipped on that target, and the report lists them.
 */
const DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
  moto: [
    // FileSystemAlreadyExists without the FileSystemId member the model requires.
    'already-exists-id',
    // Encrypted without KmsKeyId leaves KmsKeyId empty instead of the aws/elasticfilesystem key.
    'managed-kms-key',
    // An unknown PerformanceMode is accepted instead of answered with BadRequest.
    'enum-validation',
    // A mount target made without SecurityGroups has none instead of the VPC's default group.
    'default-security-group',
    // CreateAccessPoint ignores ClientToken and makes a second access point.
    'access-point-client-token',
    // Resource tag calls with an ARN as ResourceId are not routed (an HTML 404).
    'tag-by-arn',
    // ListTagsForResource of a missing file system answers an empty list, not FileSystemNotFound.
    'missing-resource-tags',
  ],
};
const differs = (spec: TargetSpec, key: string): boolean => DIFFERENCES[spec.name]?.includes(key) ?? false;

const can = (spec: TargetSpec, ...operations: string[]): boolean =>
  operations.every((operation) => spec.supports(`efs:${operation}`));

export function efsConformance(spec: TargetSpec, target: () => RunningTarget): void {
  describe('efs', () => {
    let efs: EFSClient;
    beforeAll(() => {
      efs = new EFSClient({ ...targetClientConfig(target()), maxAttempts: 1 });
    });
    afterAll(() => efs.destroy());

    async function availableFileSystem(tags: Array<{ Key: string; Value: string }> = []): Promise<string> {
      const created = await efs.send(
        new CreateFileSystemCommand({ CreationToken: unique('fs'), Tags: tags }),
      );
      await letTimePass(spec, target(), 10_000);
      return created.FileSystemId ?? '';
    }

    it.skipIf(!can(spec, 'CreateFileSystem'))(
      'creates a file system with the defaults AWS fills in',
      async () => {
        const token = unique('defaults');
        const created = await efs.send(
          new CreateFileSystemCommand({ CreationToken: token, Tags: [{ Key: 'Name', Value: 'shared' }] }),
        );
        expect(created.$metadata.httpStatusCode).toBe(201);
        expect(created.FileSystemId).toMatch(FS_ID);
        expect(created.FileSystemArn).toBe(
          `arn:aws:elasticfilesystem:${target().region}:${created.OwnerId}:file-system/${created.FileSystemId}`,
        );
        expect(created.OwnerId).toMatch(/^\d{12}$/);
        expect(created).toMatchObject({
          CreationToken: token,
          PerformanceMode: 'generalPurpose',
          ThroughputMode: 'bursting',
          Encrypted: false,
          NumberOfMountTargets: 0,
          Name: 'shared',
          Tags: [{ Key: 'Name', Value: 'shared' }],
        });
        expect(['creating', 'available']).toContain(created.LifeCycleState);
        expect(created.CreationTime).toBeInstanceOf(Date);
        expect(typeof created.SizeInBytes?.Value).toBe('number');
      },
    );

    it.skipIf(!can(spec, 'CreateFileSystem') || differs(spec, 'already-exists-id'))(
      'answers a second create with the same CreationToken with FileSystemAlreadyExists and the id',
      async () => {
        const token = unique('idempotent');
        const first = await efs.send(new CreateFileSystemCommand({ CreationToken: token }));
        await expect(efs.send(new CreateFileSystemCommand({ CreationToken: token }))).rejects.toMatchObject({
          name: 'FileSystemAlreadyExists',
          FileSystemId: first.FileSystemId,
          $metadata: { httpStatusCode: 409 },
        });
      },
    );

    it.skipIf(!can(spec, 'CreateFileSystem') || differs(spec, 'managed-kms-key'))(
      'uses the aws/elasticfilesystem key when encrypted without a key',
      async () => {
        const created = await efs.send(
          new CreateFileSystemCommand({ CreationToken: unique('enc'), Encrypted: true }),
        );
        expect(created.Encrypted).toBe(true);
        expect(created.KmsKeyId).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/);
      },
    );

    it.skipIf(!can(spec, 'CreateFileSystem') || differs(spec, 'enum-validation'))(
      'rejects an unknown PerformanceMode with BadRequest',
      async () => {
        await expect(
          efs.send(
            new CreateFileSystemCommand({ CreationToken: unique('bad'), PerformanceMode: 'fast' as 'maxIO' }),
          ),
        ).rejects.toMatchObject({ name: 'BadRequest', $metadata: { httpStatusCode: 400 } });
      },
    );

    it.skipIf(!can(spec, 'CreateFileSystem', 'DescribeFileSystems'))(
      'describes by id and by CreationToken, pages with MaxItems, and reports a missing id',
      async () => {
        const token = unique('describe');
        const created = await efs.send(new CreateFileSystemCommand({ CreationToken: token }));
        await efs.send(new CreateFileSystemCommand({ CreationToken: unique('describe') }));
        const byId = await efs.send(new DescribeFileSystemsCommand({ FileSystemId: created.FileSystemId }));
        expect(byId.FileSystems?.map((fileSystem) => fileSystem.CreationToken)).toEqual([token]);
        const byToken = await efs.send(new DescribeFileSystemsCommand({ CreationToken: token }));
        expect(byToken.FileSystems?.map((fileSystem) => fileSystem.FileSystemId)).toEqual([
          created.FileSystemId,
        ]);

        const first = await efs.send(new DescribeFileSystemsCommand({ MaxItems: 1 }));
        expect(first.FileSystems).toHaveLength(1);
        expect(first.NextMarker).toBeDefined();
        const second = await efs.send(
          new DescribeFileSystemsCommand({ MaxItems: 1, Marker: first.NextMarker }),
        );
        expect(second.FileSystems).toHaveLength(1);
        expect(second.FileSystems?.[0]?.FileSystemId).not.toBe(first.FileSystems?.[0]?.FileSystemId);

        await expect(
          efs.send(new DescribeFileSystemsCommand({ FileSystemId: 'fs-0123456789abcdef0' })),
        ).rejects.toMatchObject({ name: 'FileSystemNotFound', $metadata: { httpStatusCode: 404 } });
      },
    );

    it.skipIf(!can(spec, 'CreateFileSystem', 'UpdateFileSystem'))(
      'updates the throughput mode, requiring a rate for provisioned',
      async () => {
        const id = await availableFileSystem();
        await expect(
          efs.send(new UpdateFileSystemCommand({ FileSystemId: id, ThroughputMode: 'provisioned' })),
        ).rejects.toMatchObject({ name: 'BadRequest' });
        const updated = await efs.send(
          new UpdateFileSystemCommand({
            FileSystemId: id,
            ThroughputMode: 'provisioned',
            ProvisionedThroughputInMibps: 64,
          }),
        );
        expect(updated.$metadata.httpStatusCode).toBe(202);
        expect(updated).toMatchObject({ ThroughputMode: 'provisioned', ProvisionedThroughputInMibps: 64 });
      },
    );

    it.skipIf(!can(spec, 'DeleteFileSystem'))(
      'reports deleting a missing file system as FileSystemNotFound',
      async () => {
        await expect(
          efs.send(new DeleteFileSystemCommand({ FileSystemId: 'fs-0123456789abcdef1' })),
        ).rejects.toMatchObject({ name: 'FileSystemNotFound' });
      },
    );

    it.skipIf(
      !can(
        spec,
        'CreateFileSystem',
        'CreateMountTarget',
        'DescribeMountTargets',
        'DeleteMountTarget',
        'DeleteFileSystem',
      ),
    )('creates one mount target per zone and refuses to delete a file system that has one', async () => {
      const id = await availableFileSystem();
      const [subnet = ''] = await subnetIds(target());
      const mountTarget = await efs.send(
        new CreateMountTargetCommand({ FileSystemId: id, SubnetId: subnet }),
      );
      expect(mountTarget.MountTargetId).toMatch(/^fsmt-[0-9a-f]{8,40}$/);
      expect(mountTarget).toMatchObject({ FileSystemId: id, SubnetId: subnet });
      expect(mountTarget.IpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(mountTarget.NetworkInterfaceId).toMatch(/^eni-[0-9a-f]+$/);
      expect(mountTarget.VpcId).toMatch(/^vpc-[0-9a-f]+$/);
      expect(mountTarget.AvailabilityZoneName).toMatch(new RegExp(`^${target().region}[a-z]$`));
      expect(mountTarget.AvailabilityZoneId).toBeDefined();
      expect(['creating', 'available']).toContain(mountTarget.LifeCycleState);

      await expect(
        efs.send(new CreateMountTargetCommand({ FileSystemId: id, SubnetId: subnet })),
      ).rejects.toMatchObject({ name: 'MountTargetConflict', $metadata: { httpStatusCode: 409 } });

      const byFileSystem = await efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }));
      expect(byFileSystem.MountTargets?.map((each) => each.MountTargetId)).toEqual([
        mountTarget.MountTargetId,
      ]);
      const byId = await efs.send(
        new DescribeMountTargetsCommand({ MountTargetId: mountTarget.MountTargetId }),
      );
      expect(byId.MountTargets?.[0]?.SubnetId).toBe(subnet);
      const fileSystem = await efs.send(new DescribeFileSystemsCommand({ FileSystemId: id }));
      expect(fileSystem.FileSystems?.[0]?.NumberOfMountTargets).toBe(1);

      await expect(efs.send(new DeleteFileSystemCommand({ FileSystemId: id }))).rejects.toMatchObject({
        name: 'FileSystemInUse',
        $metadata: { httpStatusCode: 409 },
      });
      await efs.send(new DeleteMountTargetCommand({ MountTargetId: mountTarget.MountTargetId }));
      await letTimePass(spec, target(), 30_000);
      await efs.send(new DeleteFileSystemCommand({ FileSystemId: id }));
    });

    it.skipIf(!can(spec, 'DescribeMountTargets', 'DeleteMountTarget'))(
      'asks for exactly one filter and reports a missing mount target',
      async () => {
        await expect(efs.send(new DescribeMountTargetsCommand({}))).rejects.toMatchObject({
          name: 'BadRequest',
        });
        await expect(
          efs.send(new DescribeMountTargetsCommand({ MountTargetId: 'fsmt-0123456789abcdef0' })),
        ).rejects.toMatchObject({ name: 'MountTargetNotFound', $metadata: { httpStatusCode: 404 } });
        await expect(
          efs.send(new DeleteMountTargetCommand({ MountTargetId: 'fsmt-0123456789abcdef0' })),
        ).rejects.toMatchObject({ name: 'MountTargetNotFound' });
      },
    );

    it.skipIf(
      !can(
        spec,
        'CreateMountTarget',
        'DescribeMountTargetSecurityGroups',
        'ModifyMountTargetSecurityGroups',
      ) || differs(spec, 'default-security-group'),
    )('gives a mount target the VPC default security group and sets its groups', async () => {
      const id = await availableFileSystem();
      const [subnet = ''] = await subnetIds(target());
      const mountTarget = await efs.send(
        new CreateMountTargetCommand({ FileSystemId: id, SubnetId: subnet }),
      );
      await letTimePass(spec, target(), 60_000);
      const groups = await efs.send(
        new DescribeMountTargetSecurityGroupsCommand({ MountTargetId: mountTarget.MountTargetId }),
      );
      expect(groups.SecurityGroups).toHaveLength(1);
      expect(groups.SecurityGroups?.[0]).toMatch(/^sg-[0-9a-f]+$/);
      const modified = await efs.send(
        new ModifyMountTargetSecurityGroupsCommand({
          MountTargetId: mountTarget.MountTargetId,
          SecurityGroups: groups.SecurityGroups,
        }),
      );
      expect(modified.$metadata.httpStatusCode).toBe(204);
    });

    it.skipIf(
      !can(spec, 'CreateAccessPoint', 'DescribeAccessPoints', 'DeleteAccessPoint') ||
        differs(spec, 'access-point-client-token'),
    )('creates access points with a root of / by default, idempotently by ClientToken', async () => {
      const id = await availableFileSystem();
      const token = unique('ap');
      const created = await efs.send(
        new CreateAccessPointCommand({
          FileSystemId: id,
          ClientToken: token,
          PosixUser: { Uid: 1000, Gid: 1000 },
          Tags: [{ Key: 'Name', Value: 'app' }],
        }),
      );
      expect(created.AccessPointId).toMatch(/^fsap-[0-9a-f]{8,40}$/);
      expect(created.AccessPointArn).toBe(
        `arn:aws:elasticfilesystem:${target().region}:${created.OwnerId}:access-point/${created.AccessPointId}`,
      );
      expect(created).toMatchObject({
        FileSystemId: id,
        ClientToken: token,
        Name: 'app',
        PosixUser: { Uid: 1000, Gid: 1000 },
        RootDirectory: { Path: '/' },
      });
      expect(['creating', 'available']).toContain(created.LifeCycleState);

      const again = await efs.send(new CreateAccessPointCommand({ FileSystemId: id, ClientToken: token }));
      expect(again.AccessPointId).toBe(created.AccessPointId);

      const byFileSystem = await efs.send(new DescribeAccessPointsCommand({ FileSystemId: id }));
      expect(byFileSystem.AccessPoints?.map((each) => each.AccessPointId)).toEqual([created.AccessPointId]);
      const byId = await efs.send(new DescribeAccessPointsCommand({ AccessPointId: created.AccessPointId }));
      expect(byId.AccessPoints?.[0]?.RootDirectory).toEqual({ Path: '/' });

      await efs.send(new DeleteAccessPointCommand({ AccessPointId: created.AccessPointId }));
      await expect(
        efs.send(new DescribeAccessPointsCommand({ AccessPointId: created.AccessPointId })),
      ).rejects.toMatchObject({ name: 'AccessPointNotFound', $metadata: { httpStatusCode: 404 } });
    });

    it.skipIf(!can(spec, 'PutLifecycleConfiguration', 'DescribeLifecycleConfiguration'))(
      'has no lifecycle policies by default and stores one transition per policy',
      async () => {
        const id = await availableFileSystem();
        const empty = await efs.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: id }));
        expect(empty.LifecyclePolicies).toEqual([]);
        const policies = [
          { TransitionToIA: 'AFTER_30_DAYS' as const },
          { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' as const },
        ];
        const put = await efs.send(
          new PutLifecycleConfigurationCommand({ FileSystemId: id, LifecyclePolicies: policies }),
        );
        expect(put.LifecyclePolicies).toEqual(policies);
        const described = await efs.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: id }));
        expect(described.LifecyclePolicies).toEqual(policies);
        await expect(
          efs.send(
            new PutLifecycleConfigurationCommand({
              FileSystemId: 'fs-0123456789abcdef2',
              LifecyclePolicies: policies,
            }),
          ),
        ).rejects.toMatchObject({ name: 'FileSystemNotFound' });
      },
    );

    it.skipIf(!can(spec, 'PutBackupPolicy', 'DescribeBackupPolicy'))(
      'has backups DISABLED by default (ENABLED for One Zone) and sets them',
      async () => {
        const id = await availableFileSystem();
        const initial = await efs.send(new DescribeBackupPolicyCommand({ FileSystemId: id }));
        expect(initial.BackupPolicy?.Status).toBe('DISABLED');
        const put = await efs.send(
          new PutBackupPolicyCommand({ FileSystemId: id, BackupPolicy: { Status: 'ENABLED' } }),
        );
        // AWS answers with the change under way (EFS user guide, awsbackup.html).
        expect(put.BackupPolicy?.Status).toBe('ENABLING');
        // And describes it so until the change is done (how long is not documented).
        const described = await efs.send(new DescribeBackupPolicyCommand({ FileSystemId: id }));
        expect(['ENABLING', 'ENABLED']).toContain(described.BackupPolicy?.Status);

        const oneZone = await efs.send(
          new CreateFileSystemCommand({
            CreationToken: unique('onezone'),
            AvailabilityZoneName: `${target().region}a`,
          }),
        );
        expect(oneZone.AvailabilityZoneName).toBe(`${target().region}a`);
        await letTimePass(spec, target(), 10_000);
        const oneZoneBackup = await efs.send(
          new DescribeBackupPolicyCommand({ FileSystemId: oneZone.FileSystemId }),
        );
        expect(oneZoneBackup.BackupPolicy?.Status).toBe('ENABLED');
      },
    );

    it.skipIf(!can(spec, 'TagResource', 'UntagResource', 'ListTagsForResource'))(
      'tags file systems by id or ARN and reports a missing one',
      async () => {
        const created = await efs.send(
          new CreateFileSystemCommand({ CreationToken: unique('tags'), Tags: [{ Key: 'team', Value: 'a' }] }),
        );
        const id = created.FileSystemId ?? '';
        await efs.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'env', Value: 'dev' }] }));
        const byArn = differs(spec, 'tag-by-arn') ? id : created.FileSystemArn;
        await efs.send(new TagResourceCommand({ ResourceId: byArn, Tags: [{ Key: 'team', Value: 'b' }] }));
        const listed = await efs.send(new ListTagsForResourceCommand({ ResourceId: id }));
        expect(listed.Tags).toEqual(
          expect.arrayContaining([
            { Key: 'team', Value: 'b' },
            { Key: 'env', Value: 'dev' },
          ]),
        );
        expect(listed.Tags).toHaveLength(2);
        await efs.send(new UntagResourceCommand({ ResourceId: id, TagKeys: ['team'] }));
        const after = await efs.send(new ListTagsForResourceCommand({ ResourceId: id }));
        expect(after.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
        if (!differs(spec, 'missing-resource-tags')) {
          await expect(
            efs.send(new ListTagsForResourceCommand({ ResourceId: 'fs-0123456789abcdef3' })),
          ).rejects.toMatchObject({ name: 'FileSystemNotFound' });
        }
      },
    );

    it.skipIf(!can(spec, 'CreateTags', 'DescribeTags', 'DeleteTags'))(
      'keeps the older file system tag calls',
      async () => {
        const created = await efs.send(new CreateFileSystemCommand({ CreationToken: unique('legacy') }));
        const id = created.FileSystemId ?? '';
        await efs.send(new CreateTagsCommand({ FileSystemId: id, Tags: [{ Key: 'Name', Value: 'legacy' }] }));
        const described = await efs.send(new DescribeTagsCommand({ FileSystemId: id }));
        expect(described.Tags).toEqual([{ Key: 'Name', Value: 'legacy' }]);
        const fileSystem = await efs.send(new DescribeFileSystemsCommand({ FileSystemId: id }));
        expect(fileSystem.FileSystems?.[0]?.Name).toBe('legacy');
        await efs.send(new DeleteTagsCommand({ FileSystemId: id, TagKeys: ['Name'] }));
        expect((await efs.send(new DescribeTagsCommand({ FileSystemId: id }))).Tags).toEqual([]);
      },
    );
  });
}
