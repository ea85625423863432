import {
  CreateAccessPointCommand,
  CreateFileSystemCommand,
  CreateMountTargetCommand,
  DeleteFileSystemCommand,
  DeleteMountTargetCommand,
  DescribeBackupPolicyCommand,
  DescribeFileSystemsCommand,
  DescribeMountTargetsCommand,
  EFSClient,
  PutBackupPolicyCommand,
} from '@aws-sdk/client-efs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { BACKUP_POLICY_CHANGE_MS } from '../../../src/emulator/efs/policies.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let efs: EFSClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  efs = new EFSClient({
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  efs.destroy();
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

async function state(fileSystemId: string): Promise<string | undefined> {
  const answer = await efs.send(new DescribeFileSystemsCommand({ FileSystemId: fileSystemId }));
  return answer.FileSystems?.[0]?.LifeCycleState;
}

async function availableFileSystem(token: string): Promise<string> {
  const created = await efs.send(new CreateFileSystemCommand({ CreationToken: token }));
  await control.advance(10_000);
  return created.FileSystemId ?? '';
}

describe('EFS life on the clock', () => {
  it('creates a file system as creating, then available', async () => {
    const created = await efs.send(new CreateFileSystemCommand({ CreationToken: 'life-1' }));
    expect(created.LifeCycleState).toBe('creating');
    const id = created.FileSystemId ?? '';
    expect(await state(id)).toBe('creating');
    await control.advance(4_000);
    expect(await state(id)).toBe('creating');
    await control.advance(1_000);
    expect(await state(id)).toBe('available');
  });

  it('meters nothing while creating: size 0 without a Timestamp, then 6144 bytes with one', async () => {
    const created = await efs.send(new CreateFileSystemCommand({ CreationToken: 'life-size' }));
    expect(created.SizeInBytes).toEqual({ Value: 0, ValueInIA: 0, ValueInStandard: 0, ValueInArchive: 0 });
    await control.advance(10_000);
    const described = await efs.send(new DescribeFileSystemsCommand({ FileSystemId: created.FileSystemId }));
    expect(described.FileSystems?.[0]?.SizeInBytes).toMatchObject({ Value: 6144, ValueInStandard: 6144 });
    expect(described.FileSystems?.[0]?.SizeInBytes?.Timestamp).toBeInstanceOf(Date);
  });

  it('answers a backup policy change with ENABLING or DISABLING, describes it so until the clock moves, then settled', async () => {
    const id = await availableFileSystem('life-backup');
    const put = (Status: 'ENABLED' | 'DISABLED') =>
      efs.send(new PutBackupPolicyCommand({ FileSystemId: id, BackupPolicy: { Status } }));
    const described = async () =>
      (await efs.send(new DescribeBackupPolicyCommand({ FileSystemId: id }))).BackupPolicy?.Status;
    expect((await put('ENABLED')).BackupPolicy?.Status).toBe('ENABLING');
    expect(await described()).toBe('ENABLING');
    expect((await put('ENABLED')).BackupPolicy?.Status).toBe('ENABLING');
    await control.advance(BACKUP_POLICY_CHANGE_MS);
    expect(await described()).toBe('ENABLED');
    expect((await put('ENABLED')).BackupPolicy?.Status).toBe('ENABLED');
    expect((await put('DISABLED')).BackupPolicy?.Status).toBe('DISABLING');
    expect(await described()).toBe('DISABLING');
    await control.advance(BACKUP_POLICY_CHANGE_MS);
    expect(await described()).toBe('DISABLED');
  });

  it('turns a change under way round: DISABLED while ENABLING answers DISABLING and settles DISABLED', async () => {
    const id = await availableFileSystem('life-backup-turn');
    const put = (Status: 'ENABLED' | 'DISABLED') =>
      efs.send(new PutBackupPolicyCommand({ FileSystemId: id, BackupPolicy: { Status } }));
    expect((await put('ENABLED')).BackupPolicy?.Status).toBe('ENABLING');
    expect((await put('DISABLED')).BackupPolicy?.Status).toBe('DISABLING');
    await control.advance(BACKUP_POLICY_CHANGE_MS);
    const described = await efs.send(new DescribeBackupPolicyCommand({ FileSystemId: id }));
    expect(described.BackupPolicy?.Status).toBe('DISABLED');
  });

  it('refuses a mount target until the file system is available', async () => {
    const created = await efs.send(new CreateFileSystemCommand({ CreationToken: 'life-2' }));
    await expect(
      efs.send(
        new CreateMountTargetCommand({
          FileSystemId: created.FileSystemId,
          SubnetId: 'subnet-0123456789abcdef0',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'IncorrectFileSystemLifeCycleState',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      efs.send(new CreateAccessPointCommand({ FileSystemId: created.FileSystemId, ClientToken: 'ap' })),
    ).rejects.toMatchObject({ name: 'IncorrectFileSystemLifeCycleState' });
  });

  it('moves a mount target from creating to available, and deletes it through deleting', async () => {
    const id = await availableFileSystem('life-3');
    const mountTarget = await efs.send(
      new CreateMountTargetCommand({ FileSystemId: id, SubnetId: 'subnet-0123456789abcdef0' }),
    );
    expect(mountTarget.LifeCycleState).toBe('creating');
    await control.advance(60_000);
    const described = await efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }));
    expect(described.MountTargets?.[0]?.LifeCycleState).toBe('available');

    await efs.send(new DeleteMountTargetCommand({ MountTargetId: mountTarget.MountTargetId }));
    const deleting = await efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }));
    expect(deleting.MountTargets?.[0]?.LifeCycleState).toBe('deleting');
    await expect(efs.send(new DeleteFileSystemCommand({ FileSystemId: id }))).rejects.toMatchObject({
      name: 'FileSystemInUse',
    });
    await control.advance(20_000);
    const gone = await efs.send(new DescribeMountTargetsCommand({ FileSystemId: id }));
    expect(gone.MountTargets).toEqual([]);
    await efs.send(new DeleteFileSystemCommand({ FileSystemId: id }));
    expect(await state(id)).toBe('deleting');
    await control.advance(5_000);
    await expect(efs.send(new DescribeFileSystemsCommand({ FileSystemId: id }))).rejects.toMatchObject({
      name: 'FileSystemNotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers throttling as ThrottlingException with status 429', async () => {
    await control.addFault({ action: 'efs:DescribeFileSystems', throttleRate: 1 });
    await expect(efs.send(new DescribeFileSystemsCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 429 },
    });
  });
});
