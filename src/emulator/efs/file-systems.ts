import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { zoneByName } from '../core/network.ts';
import { pageOf } from '../core/pages.ts';
import { badRequest, efsError, fileSystemNotFound } from './errors.ts';
import { fileSystemArn, fileSystemId, idOf, managedKeyArn } from './ids.ts';
import { FILE_SYSTEM_CREATE_MS, FILE_SYSTEM_DELETE_MS, schedule } from './life.ts';
import { EFS, type EfsState, type FileSystem } from './state.ts';
import { mergeTags, readTags, renderTags } from './tags.ts';

export const FILE_SYSTEM_ID =
  /^(arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:file-system\/fs-[0-9a-f]{8,40}|fs-[0-9a-f]{8,40})$/;
const KMS_KEY_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[a-zA-Z0-9/_-]+|(arn:aws[-a-z]*:kms:[a-z0-9-]+:\d{12}:((key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(key\/mrk-[0-9a-f]{32})|(alias\/[a-zA-Z0-9/_-]+))))$/;
/** The metered size of an empty file system, as AWS reports it. */
const EMPTY_SIZE = 6144;

export function findFileSystem(state: EfsState, idOrArn: string): FileSystem {
  const fileSystem = state.fileSystems.get(idOf(idOrArn));
  if (fileSystem === undefined) throw fileSystemNotFound(idOrArn);
  return fileSystem;
}

export function requireAvailable(fileSystem: FileSystem): void {
  if (fileSystem.lifeCycleState !== 'available') {
    throw efsError(
      'IncorrectFileSystemLifeCycleState',
      `File system '${fileSystem.id}' is in '${fileSystem.lifeCycleState}' state, not 'available'.`,
    );
  }
}

/** Nothing is metered while the file system is being created: 0 bytes and no Timestamp, as AWS answers. */
function sizeOf(fileSystem: FileSystem, now: number): JsonObject {
  if (fileSystem.lifeCycleState === 'creating') {
    return { Value: 0, ValueInIA: 0, ValueInStandard: 0, ValueInArchive: 0 };
  }
  return {
    Value: EMPTY_SIZE,
    Timestamp: Math.floor(now / 1000),
    ValueInIA: 0,
    ValueInStandard: EMPTY_SIZE,
    ValueInArchive: 0,
  };
}

export function renderFileSystem(fileSystem: FileSystem, accountId: string, now: number): JsonObject {
  const name = fileSystem.tags.get('Name');
  return {
    OwnerId: accountId,
    CreationToken: fileSystem.creationToken,
    FileSystemId: fileSystem.id,
    FileSystemArn: fileSystem.arn,
    CreationTime: fileSystem.creationTime / 1000,
    LifeCycleState: fileSystem.lifeCycleState,
    ...(name === undefined ? {} : { Name: name }),
    NumberOfMountTargets: fileSystem.mountTargetIds.size,
    SizeInBytes: sizeOf(fileSystem, now),
    PerformanceMode: fileSystem.performanceMode,
    Encrypted: fileSystem.encrypted,
    ...(fileSystem.kmsKeyId === undefined ? {} : { KmsKeyId: fileSystem.kmsKeyId }),
    ThroughputMode: fileSystem.throughputMode,
    ...(fileSystem.provisionedThroughputInMibps === undefined
      ? {}
      : { ProvisionedThroughputInMibps: fileSystem.provisionedThroughputInMibps }),
    ...(fileSystem.availabilityZoneName === undefined
      ? {}
      : {
          AvailabilityZoneName: fileSystem.availabilityZoneName,
          AvailabilityZoneId: fileSystem.availabilityZoneId,
        }),
    Tags: renderTags(fileSystem.tags),
    FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' },
  };
}

function readThroughput(reader: InputReader): { mode: string | undefined; mibps: number | undefined } {
  const mode = reader.string('ThroughputMode', { oneOf: ['bursting', 'provisioned', 'elastic'] });
  const mibps = reader.number('ProvisionedThroughputInMibps', { min: 1 });
  if (mode === 'provisioned' && mibps === undefined) {
    throw badRequest('ProvisionedThroughputInMibps is required when ThroughputMode is provisioned.');
  }
  if (mode !== 'provisioned' && mibps !== undefined) {
    throw badRequest('ProvisionedThroughputInMibps can only be set when ThroughputMode is provisioned.');
  }
  return { mode, mibps };
}

export function createFileSystem(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const creationToken = reader.requiredString('CreationToken', { min: 1, max: 64 });
  const performanceMode =
    reader.string('PerformanceMode', { oneOf: ['generalPurpose', 'maxIO'] }) ?? 'generalPurpose';
  const encrypted = reader.boolean('Encrypted') ?? false;
  const kmsKeyId = reader.string('KmsKeyId', { max: 2048, pattern: KMS_KEY_ID });
  if (kmsKeyId !== undefined && !encrypted)
    throw badRequest('KmsKeyId can only be set when Encrypted is true.');
  const throughput = readThroughput(reader);
  const zoneName = reader.string('AvailabilityZoneName', { min: 1, max: 64 });
  const zone = zoneName === undefined ? undefined : zoneByName(context.region, zoneName);
  if (zoneName !== undefined && zone === undefined) {
    throw efsError('UnsupportedAvailabilityZone', `Availability zone '${zoneName}' is not supported.`);
  }
  if (zone !== undefined && performanceMode === 'maxIO') {
    throw badRequest('One Zone file systems do not support the maxIO performance mode.');
  }
  const backup = reader.boolean('Backup');
  const tags = readTags(reader, 'Tags');
  const state = context.world.get(EFS);

  const existing = state.byCreationToken.get(creationToken);
  if (existing !== undefined) {
    throw efsError(
      'FileSystemAlreadyExists',
      `File system '${existing}' already exists with creation token '${creationToken}'`,
      {
        FileSystemId: existing,
      },
    );
  }
  const id = fileSystemId();
  const fileSystem: FileSystem = {
    id,
    arn: fileSystemArn(context.region, context.accountId, id),
    creationToken,
    creationTime: Math.floor(context.now() / 1000) * 1000,
    lifeCycleState: 'creating',
    performanceMode,
    encrypted,
    kmsKeyId: encrypted ? (kmsKeyId ?? managedKeyArn(context.region, context.accountId)) : undefined,
    throughputMode: throughput.mode ?? 'bursting',
    provisionedThroughputInMibps: throughput.mibps,
    availabilityZoneName: zone?.name,
    availabilityZoneId: zone?.id,
    tags: new Map(),
    // Automatic backups are on by default for One Zone file systems only.
    backupStatus: (backup ?? zone !== undefined) ? 'ENABLED' : 'DISABLED',
    lifecyclePolicies: [],
    mountTargetIds: new Set(),
    mountTargetByZone: new Map(),
    accessPointIds: new Set(),
  };
  mergeTags(fileSystem.tags, tags);
  state.fileSystems.set(id, fileSystem);
  state.byCreationToken.set(creationToken, id);
  schedule(state, id, context.now() + FILE_SYSTEM_CREATE_MS, () => {
    fileSystem.lifeCycleState = 'available';
  });
  return renderFileSystem(fileSystem, context.accountId, context.now());
}

const DEFAULT_MAX_ITEMS = 100;

export function describeFileSystems(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const max = reader.number('MaxItems', { min: 1 }) ?? DEFAULT_MAX_ITEMS;
  const marker = reader.string('Marker', { min: 1, max: 128 });
  const token = reader.string('CreationToken', { min: 1, max: 64 });
  const id = reader.string('FileSystemId', { max: 128, pattern: FILE_SYSTEM_ID });
  if (token !== undefined && id !== undefined) {
    throw badRequest('Specify either CreationToken or FileSystemId, not both.');
  }
  const state = context.world.get(EFS);
  let fileSystems: FileSystem[];
  if (id !== undefined) fileSystems = [findFileSystem(state, id)];
  else if (token !== undefined) {
    const found = state.fileSystems.get(state.byCreationToken.get(token) ?? '');
    fileSystems = found === undefined ? [] : [found];
  } else fileSystems = [...state.fileSystems.values()];
  const page = pageOf(fileSystems, marker, Math.min(max, DEFAULT_MAX_ITEMS), badRequest);
  return {
    ...(marker === undefined ? {} : { Marker: marker }),
    FileSystems: page.items.map((fileSystem) =>
      renderFileSystem(fileSystem, context.accountId, context.now()),
    ),
    ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }),
  };
}

export function updateFileSystem(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const fileSystem = findFileSystem(
    context.world.get(EFS),
    reader.requiredString('FileSystemId', { max: 128 }),
  );
  const throughput = readThroughput(reader);
  requireAvailable(fileSystem);
  if (throughput.mode !== undefined) fileSystem.throughputMode = throughput.mode;
  if (fileSystem.throughputMode === 'provisioned') {
    fileSystem.provisionedThroughputInMibps = throughput.mibps ?? fileSystem.provisionedThroughputInMibps;
  } else fileSystem.provisionedThroughputInMibps = undefined;
  return renderFileSystem(fileSystem, context.accountId, context.now());
}

export function deleteFileSystem(input: JsonObject, context: RequestContext): JsonValue | undefined {
  const reader = new InputReader(input, badRequest);
  const state = context.world.get(EFS);
  const fileSystem = findFileSystem(state, reader.requiredString('FileSystemId', { max: 128 }));
  if (fileSystem.mountTargetIds.size > 0) {
    throw efsError(
      'FileSystemInUse',
      `File system '${fileSystem.id}' has mount targets and cannot be deleted.`,
    );
  }
  if (fileSystem.lifeCycleState === 'deleting') return undefined;
  fileSystem.lifeCycleState = 'deleting';
  for (const accessPointId of fileSystem.accessPointIds) {
    const accessPoint = state.accessPoints.get(accessPointId);
    if (accessPoint !== undefined) state.byClientToken.delete(accessPoint.clientToken);
    state.accessPoints.delete(accessPointId);
  }
  schedule(state, fileSystem.id, context.now() + FILE_SYSTEM_DELETE_MS, () => {
    state.fileSystems.delete(fileSystem.id);
    state.byCreationToken.delete(fileSystem.creationToken);
  });
  return undefined;
}
