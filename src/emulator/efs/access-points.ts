import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import { badRequest, efsError } from './errors.ts';
import { FILE_SYSTEM_ID, findFileSystem, requireAvailable } from './file-systems.ts';
import { accessPointArn, accessPointId, idOf } from './ids.ts';
import { ACCESS_POINT_CREATE_MS, schedule } from './life.ts';
import { type AccessPoint, EFS, type EfsState } from './state.ts';
import { mergeTags, readTags, renderTags } from './tags.ts';

const ACCESS_POINT_ID =
  /^(arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:access-point\/fsap-[0-9a-f]{8,40}|fsap-[0-9a-f]{8,40})$/;
const PATH = /^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$/;
const ID_RANGE = { min: 0, max: 4294967295 };
/** AWS's quota of access points per file system. */
const MAX_ACCESS_POINTS = 10_000;

function readPosixUser(reader: InputReader): JsonObject | undefined {
  if (!reader.has('PosixUser')) return undefined;
  const user = reader.nested('PosixUser');
  const secondary = user.array('SecondaryGids', { max: 16 });
  const gids = (secondary ?? []).map((gid) => {
    if (typeof gid !== 'number' || !Number.isInteger(gid) || gid < 0 || gid > ID_RANGE.max) {
      throw badRequest('SecondaryGids must be integers between 0 and 4294967295');
    }
    return gid;
  });
  return {
    Uid: user.requiredNumber('Uid', ID_RANGE),
    Gid: user.requiredNumber('Gid', ID_RANGE),
    ...(secondary === undefined ? {} : { SecondaryGids: gids }),
  };
}

function readRootDirectory(reader: InputReader): JsonObject {
  const root = reader.nested('RootDirectory');
  const path = root.string('Path', { min: 1, max: 100, pattern: PATH }) ?? '/';
  if (!root.has('CreationInfo')) return { Path: path };
  const info = root.nested('CreationInfo');
  return {
    Path: path,
    CreationInfo: {
      OwnerUid: info.requiredNumber('OwnerUid', ID_RANGE),
      OwnerGid: info.requiredNumber('OwnerGid', ID_RANGE),
      Permissions: info.requiredString('Permissions', { min: 3, max: 4, pattern: /^[0-7]{3,4}$/ }),
    },
  };
}

function render(accessPoint: AccessPoint, accountId: string): JsonObject {
  const name = accessPoint.tags.get('Name');
  return {
    ClientToken: accessPoint.clientToken,
    ...(name === undefined ? {} : { Name: name }),
    Tags: renderTags(accessPoint.tags),
    AccessPointId: accessPoint.id,
    AccessPointArn: accessPoint.arn,
    FileSystemId: accessPoint.fileSystemId,
    ...(accessPoint.posixUser === undefined ? {} : { PosixUser: accessPoint.posixUser }),
    RootDirectory: accessPoint.rootDirectory,
    OwnerId: accountId,
    LifeCycleState: accessPoint.lifeCycleState,
  };
}

export function findAccessPoint(state: EfsState, idOrArn: string): AccessPoint {
  const accessPoint = state.accessPoints.get(idOf(idOrArn));
  if (accessPoint === undefined)
    throw efsError('AccessPointNotFound', `Access point '${idOrArn}' does not exist.`);
  return accessPoint;
}

export function createAccessPoint(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const clientToken = reader.requiredString('ClientToken', { min: 1, max: 64 });
  const tags = readTags(reader, 'Tags');
  const state = context.world.get(EFS);
  const fileSystem = findFileSystem(
    state,
    reader.requiredString('FileSystemId', { max: 128, pattern: FILE_SYSTEM_ID }),
  );
  const posixUser = readPosixUser(reader);
  const rootDirectory = readRootDirectory(reader);

  const earlierId = state.byClientToken.get(clientToken);
  const earlier = earlierId === undefined ? undefined : state.accessPoints.get(earlierId);
  if (earlier !== undefined) {
    if (earlier.fileSystemId === fileSystem.id) return render(earlier, context.accountId);
    throw efsError(
      'AccessPointAlreadyExists',
      `Access point '${earlier.id}' already exists with client token '${clientToken}'.`,
      {
        AccessPointId: earlier.id,
      },
    );
  }
  requireAvailable(fileSystem);
  if (fileSystem.accessPointIds.size >= MAX_ACCESS_POINTS) {
    throw efsError(
      'AccessPointLimitExceeded',
      `File system '${fileSystem.id}' has ${MAX_ACCESS_POINTS} access points.`,
    );
  }
  const id = accessPointId();
  const accessPoint: AccessPoint = {
    id,
    arn: accessPointArn(context.region, context.accountId, id),
    clientToken,
    fileSystemId: fileSystem.id,
    posixUser,
    rootDirectory,
    tags: new Map(),
    lifeCycleState: 'creating',
  };
  mergeTags(accessPoint.tags, tags);
  state.accessPoints.set(id, accessPoint);
  state.byClientToken.set(clientToken, id);
  fileSystem.accessPointIds.add(id);
  schedule(state, id, context.now() + ACCESS_POINT_CREATE_MS, () => {
    accessPoint.lifeCycleState = 'available';
  });
  return render(accessPoint, context.accountId);
}

const DEFAULT_MAX_RESULTS = 100;

export function describeAccessPoints(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const max = reader.number('MaxResults', { min: 1 }) ?? DEFAULT_MAX_RESULTS;
  const token = reader.string('NextToken', { min: 1, max: 128 });
  const accessPointRef = reader.string('AccessPointId', { max: 128, pattern: ACCESS_POINT_ID });
  const fileSystemRef = reader.string('FileSystemId', { max: 128, pattern: FILE_SYSTEM_ID });
  if (accessPointRef !== undefined && fileSystemRef !== undefined) {
    throw badRequest('Specify either AccessPointId or FileSystemId, not both.');
  }
  const state = context.world.get(EFS);
  let accessPoints: AccessPoint[];
  if (accessPointRef !== undefined) accessPoints = [findAccessPoint(state, accessPointRef)];
  else if (fileSystemRef !== undefined) {
    const fileSystem = findFileSystem(state, fileSystemRef);
    accessPoints = [...fileSystem.accessPointIds].flatMap((id) => state.accessPoints.get(id) ?? []);
  } else accessPoints = [...state.accessPoints.values()];
  const page = pageOf(accessPoints, token, Math.min(max, DEFAULT_MAX_RESULTS), badRequest);
  return {
    AccessPoints: page.items.map((accessPoint) => render(accessPoint, context.accountId)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

export function deleteAccessPoint(input: JsonObject, context: RequestContext): JsonValue | undefined {
  const reader = new InputReader(input, badRequest);
  const state = context.world.get(EFS);
  const accessPoint = findAccessPoint(state, reader.requiredString('AccessPointId', { max: 128 }));
  state.accessPoints.delete(accessPoint.id);
  state.byClientToken.delete(accessPoint.clientToken);
  state.transitions.delete(accessPoint.id);
  state.fileSystems.get(accessPoint.fileSystemId)?.accessPointIds.delete(accessPoint.id);
  return undefined;
}
