import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { defaultSecurityGroupId, defaultVpcId, zoneOfSubnet } from '../core/network.ts';
import { pageOf } from '../core/pages.ts';
import { badRequest, efsError } from './errors.ts';
import { FILE_SYSTEM_ID, findFileSystem, requireAvailable } from './file-systems.ts';
import { idOf, mountTargetId, networkInterfaceId } from './ids.ts';
import { MOUNT_TARGET_CREATE_MS, MOUNT_TARGET_DELETE_MS, schedule } from './life.ts';
import { EFS, type EfsState, type MountTarget } from './state.ts';

const SUBNET_ID = /^subnet-[0-9a-f]{8,40}$/;
const MOUNT_TARGET_ID = /^fsmt-[0-9a-f]{8,40}$/;
const IP_ADDRESS = /^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;
const SECURITY_GROUP = /^sg-[0-9a-f]{8,40}$/;
/** AWS allows at most five security groups on a mount target. */
const MAX_SECURITY_GROUPS = 5;

function readSecurityGroups(reader: InputReader): string[] | undefined {
  const groups = reader.stringArray('SecurityGroups', { max: 100 });
  if (groups === undefined) return undefined;
  if (groups.length > MAX_SECURITY_GROUPS) {
    throw efsError(
      'SecurityGroupLimitExceeded',
      `A mount target can have at most ${MAX_SECURITY_GROUPS} security groups.`,
    );
  }
  for (const group of groups) {
    if (!SECURITY_GROUP.test(group))
      throw efsError('SecurityGroupNotFound', `Security group '${group}' does not exist.`);
  }
  return [...new Set(groups)];
}

function findMountTarget(state: EfsState, id: string): MountTarget {
  const mountTarget = state.mountTargets.get(id);
  if (mountTarget === undefined)
    throw efsError('MountTargetNotFound', `Mount target '${id}' does not exist.`);
  return mountTarget;
}

/** An address in the subnet's zone: 10.0.<zone>.<n>. */
function allocateAddress(state: EfsState, zoneIndex: number): string {
  for (;;) {
    const n = state.nextAddress++;
    const address = `10.0.${zoneIndex * 64 + Math.floor(n / 250)}.${(n % 250) + 4}`;
    if (!state.usedIpAddresses.has(address)) return address;
  }
}

function render(mountTarget: MountTarget, accountId: string): JsonObject {
  return {
    OwnerId: accountId,
    MountTargetId: mountTarget.id,
    FileSystemId: mountTarget.fileSystemId,
    SubnetId: mountTarget.subnetId,
    LifeCycleState: mountTarget.lifeCycleState,
    IpAddress: mountTarget.ipAddress,
    NetworkInterfaceId: mountTarget.networkInterfaceId,
    AvailabilityZoneId: mountTarget.availabilityZoneId,
    AvailabilityZoneName: mountTarget.availabilityZoneName,
    VpcId: mountTarget.vpcId,
  };
}

export function createMountTarget(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const state = context.world.get(EFS);
  const fileSystem = findFileSystem(
    state,
    reader.requiredString('FileSystemId', { max: 128, pattern: FILE_SYSTEM_ID }),
  );
  const subnetId = reader.requiredString('SubnetId', { min: 15, max: 47, pattern: SUBNET_ID });
  const requestedAddress = reader.string('IpAddress', { min: 7, max: 15, pattern: IP_ADDRESS });
  reader.string('IpAddressType', { oneOf: ['IPV4_ONLY', 'IPV6_ONLY', 'DUAL_STACK'] });
  const vpcId = defaultVpcId(context.world);
  const securityGroups = readSecurityGroups(reader) ?? [defaultSecurityGroupId(context.world)];
  requireAvailable(fileSystem);
  const zone = zoneOfSubnet(context.world, subnetId);
  if (fileSystem.availabilityZoneName !== undefined && fileSystem.availabilityZoneName !== zone.name) {
    throw efsError(
      'AvailabilityZonesMismatch',
      `Subnet '${subnetId}' is in ${zone.name}; the One Zone file system is in ${fileSystem.availabilityZoneName}.`,
    );
  }
  const inZone = fileSystem.mountTargetByZone.get(zone.name);
  if (inZone !== undefined) {
    throw efsError(
      'MountTargetConflict',
      `File system '${fileSystem.id}' already has a mount target in availability zone ${zone.name} (${inZone}).`,
    );
  }
  if (requestedAddress !== undefined && state.usedIpAddresses.has(requestedAddress)) {
    throw efsError('IpAddressInUse', `IP address ${requestedAddress} is already in use.`);
  }
  const mountTarget: MountTarget = {
    id: mountTargetId(),
    fileSystemId: fileSystem.id,
    subnetId,
    ipAddress: requestedAddress ?? allocateAddress(state, zone.name.charCodeAt(zone.name.length - 1) - 97),
    networkInterfaceId: networkInterfaceId(),
    availabilityZoneName: zone.name,
    availabilityZoneId: zone.id,
    vpcId,
    securityGroups,
    lifeCycleState: 'creating',
  };
  state.mountTargets.set(mountTarget.id, mountTarget);
  state.usedIpAddresses.add(mountTarget.ipAddress);
  fileSystem.mountTargetIds.add(mountTarget.id);
  fileSystem.mountTargetByZone.set(zone.name, mountTarget.id);
  schedule(state, mountTarget.id, context.now() + MOUNT_TARGET_CREATE_MS, () => {
    mountTarget.lifeCycleState = 'available';
  });
  return render(mountTarget, context.accountId);
}

const DEFAULT_MAX_ITEMS = 10;

export function describeMountTargets(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const max = reader.number('MaxItems', { min: 1 }) ?? DEFAULT_MAX_ITEMS;
  const marker = reader.string('Marker', { min: 1, max: 128 });
  const fileSystemRef = reader.string('FileSystemId', { max: 128, pattern: FILE_SYSTEM_ID });
  const mountTargetRef = reader.string('MountTargetId', { min: 13, max: 45, pattern: MOUNT_TARGET_ID });
  const accessPointRef = reader.string('AccessPointId', { max: 128 });
  const given = [fileSystemRef, mountTargetRef, accessPointRef].filter((value) => value !== undefined);
  if (given.length !== 1) {
    throw badRequest('Specify exactly one of FileSystemId, MountTargetId or AccessPointId.');
  }
  const state = context.world.get(EFS);
  let mountTargets: MountTarget[];
  if (mountTargetRef !== undefined) mountTargets = [findMountTarget(state, mountTargetRef)];
  else {
    let fileSystemId = fileSystemRef;
    if (accessPointRef !== undefined) {
      const accessPoint = state.accessPoints.get(idOf(accessPointRef));
      if (accessPoint === undefined) {
        throw efsError('AccessPointNotFound', `Access point '${accessPointRef}' does not exist.`);
      }
      fileSystemId = accessPoint.fileSystemId;
    }
    const fileSystem = findFileSystem(state, fileSystemId ?? '');
    mountTargets = [...fileSystem.mountTargetIds].flatMap((id) => state.mountTargets.get(id) ?? []);
  }
  const page = pageOf(mountTargets, marker, Math.min(max, 100), badRequest);
  return {
    ...(marker === undefined ? {} : { Marker: marker }),
    MountTargets: page.items.map((mountTarget) => render(mountTarget, context.accountId)),
    ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }),
  };
}

export function deleteMountTarget(input: JsonObject, context: RequestContext): JsonValue | undefined {
  const reader = new InputReader(input, badRequest);
  const state = context.world.get(EFS);
  const mountTarget = findMountTarget(state, reader.requiredString('MountTargetId', { min: 13, max: 45 }));
  if (mountTarget.lifeCycleState === 'deleting') return undefined;
  mountTarget.lifeCycleState = 'deleting';
  schedule(state, mountTarget.id, context.now() + MOUNT_TARGET_DELETE_MS, () => {
    state.mountTargets.delete(mountTarget.id);
    state.usedIpAddresses.delete(mountTarget.ipAddress);
    const fileSystem = state.fileSystems.get(mountTarget.fileSystemId);
    fileSystem?.mountTargetIds.delete(mountTarget.id);
    fileSystem?.mountTargetByZone.delete(mountTarget.availabilityZoneName);
  });
  return undefined;
}

export function describeMountTargetSecurityGroups(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const mountTarget = findMountTarget(context.world.get(EFS), reader.requiredString('MountTargetId'));
  return { SecurityGroups: [...mountTarget.securityGroups] };
}

export function modifyMountTargetSecurityGroups(
  input: JsonObject,
  context: RequestContext,
): JsonValue | undefined {
  const reader = new InputReader(input, badRequest);
  const mountTarget = findMountTarget(context.world.get(EFS), reader.requiredString('MountTargetId'));
  const groups = readSecurityGroups(reader) ?? [];
  if (mountTarget.lifeCycleState !== 'available') {
    throw efsError('IncorrectMountTargetState', `Mount target '${mountTarget.id}' is not available.`);
  }
  mountTarget.securityGroups = groups;
  return undefined;
}
