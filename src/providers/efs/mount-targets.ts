import {
  CreateMountTargetCommand,
  DeleteMountTargetCommand,
  DescribeMountTargetSecurityGroupsCommand,
  DescribeMountTargetsCommand,
  ModifyMountTargetSecurityGroupsCommand,
  type MountTargetDescription,
} from '@aws-sdk/client-efs';
import {
  type DriftEntry,
  differentAt,
  type JsonObject,
  type JsonValue,
  member,
  select,
} from '../../diff/index.ts';
import { isErrorCode } from '../aws-error.ts';
import { paged } from '../batch.ts';
import { NotReadyError, type ProviderContext } from '../types.ts';
import type { LiveMountTarget } from './file-system-shape.ts';

const GONE = new Set(['deleting', 'deleted']);

/** The file system's mount targets that are not on their way out, with their security groups. */
export async function liveMountTargets(
  fileSystemId: string,
  context: ProviderContext,
): Promise<LiveMountTarget[]> {
  const all = await allMountTargets(fileSystemId, context);
  const live: LiveMountTarget[] = [];
  for (const description of all) {
    if (GONE.has(description.LifeCycleState ?? '')) continue;
    const groups = await context.aws.efs.send(
      new DescribeMountTargetSecurityGroupsCommand({ MountTargetId: description.MountTargetId }),
    );
    live.push({ description, securityGroups: groups.SecurityGroups ?? [] });
  }
  return live;
}

export async function allMountTargets(
  fileSystemId: string,
  context: ProviderContext,
): Promise<MountTargetDescription[]> {
  return paged(async (marker) => {
    const page = await context.aws.efs.send(
      new DescribeMountTargetsCommand({ FileSystemId: fileSystemId, MaxItems: 100, Marker: marker }),
    );
    return { items: page.MountTargets ?? [], next: page.NextMarker };
  });
}

interface WantedMountTarget {
  readonly subnetId: string;
  readonly securityGroups?: readonly string[];
  readonly ipAddress?: string;
}

function wanted(desired: JsonValue | undefined): WantedMountTarget[] {
  return Array.isArray(desired)
    ? (desired as JsonObject[]).map((entry) => entry as unknown as WantedMountTarget)
    : [];
}

/** Whether the delta says the mount target in `subnetId` (or one of its members) differs. */
function differsIn(delta: readonly DriftEntry[], subnetId: string, ...members: string[]): boolean {
  return differentAt(delta, [
    member('mountTargets'),
    select(['subnetId', subnetId]),
    ...members.map((name) => member(name)),
  ]);
}

/**
 * Makes the mount targets the delta names match, keyed by subnet: creates missing ones, deletes
 * extra ones, changes security groups in place; a changed fixed address needs the mount target
 * made again (deleted now, created on a later pass).
 */
export async function convergeMountTargets(
  fileSystemId: string,
  desired: JsonValue | undefined,
  live: readonly LiveMountTarget[],
  delta: readonly DriftEntry[],
  context: ProviderContext,
): Promise<void> {
  if (!differentAt(delta, 'mountTargets')) return;
  const targets = wanted(desired);
  const bySubnet = new Map(live.map((target) => [target.description.SubnetId ?? '', target]));
  const wantedSubnets = new Set(targets.map((target) => target.subnetId));
  for (const target of live) {
    const subnetId = target.description.SubnetId ?? '';
    if (!wantedSubnets.has(subnetId) && differsIn(delta, subnetId)) {
      await context.aws.efs.send(
        new DeleteMountTargetCommand({ MountTargetId: target.description.MountTargetId }),
      );
    }
  }
  let notReady: string | undefined;
  for (const target of targets) {
    const current = bySubnet.get(target.subnetId);
    if (current === undefined) {
      if (differsIn(delta, target.subnetId)) await createMountTarget(fileSystemId, target, context);
      continue;
    }
    const id = current.description.MountTargetId;
    // Deleting is disruptive: the address is checked too, in case the delta names the whole list
    // (a repeated subnet leaves the list unkeyed).
    const moved = target.ipAddress !== undefined && target.ipAddress !== current.description.IpAddress;
    if (moved && differsIn(delta, target.subnetId, 'ipAddress')) {
      await context.aws.efs.send(new DeleteMountTargetCommand({ MountTargetId: id }));
      continue;
    }
    if (target.securityGroups === undefined || !differsIn(delta, target.subnetId, 'securityGroups')) continue;
    if (current.description.LifeCycleState !== 'available') {
      notReady ??= `mount target ${id} is ${current.description.LifeCycleState}`;
      continue;
    }
    await context.aws.efs.send(
      new ModifyMountTargetSecurityGroupsCommand({
        MountTargetId: id,
        SecurityGroups: [...target.securityGroups],
      }),
    );
  }
  if (notReady !== undefined) throw new NotReadyError(notReady);
}

async function createMountTarget(
  fileSystemId: string,
  target: WantedMountTarget,
  context: ProviderContext,
): Promise<void> {
  try {
    await context.aws.efs.send(
      new CreateMountTargetCommand({
        FileSystemId: fileSystemId,
        SubnetId: target.subnetId,
        ...(target.securityGroups === undefined ? {} : { SecurityGroups: [...target.securityGroups] }),
        ...(target.ipAddress === undefined ? {} : { IpAddress: target.ipAddress }),
      }),
    );
  } catch (error) {
    if (isErrorCode(error, 'IncorrectFileSystemLifeCycleState')) {
      throw new NotReadyError(`file system ${fileSystemId} is not available yet`);
    }
    throw error;
  }
}

/** Deletes every mount target; true once none is left. */
export async function removeMountTargets(fileSystemId: string, context: ProviderContext): Promise<boolean> {
  const all = await allMountTargets(fileSystemId, context);
  for (const target of all) {
    if (GONE.has(target.LifeCycleState ?? '')) continue;
    try {
      await context.aws.efs.send(new DeleteMountTargetCommand({ MountTargetId: target.MountTargetId }));
    } catch (error) {
      if (!isErrorCode(error, 'MountTargetNotFound')) throw error;
    }
  }
  return all.length === 0;
}
