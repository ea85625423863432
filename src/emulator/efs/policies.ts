import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import { badRequest, efsError } from './errors.ts';
import { findFileSystem, requireAvailable } from './file-systems.ts';
import { schedule } from './life.ts';
import { EFS } from './state.ts';

const DAYS = [
  'AFTER_1_DAY',
  'AFTER_7_DAYS',
  'AFTER_14_DAYS',
  'AFTER_30_DAYS',
  'AFTER_60_DAYS',
  'AFTER_90_DAYS',
];
const LONG_DAYS = ['AFTER_180_DAYS', 'AFTER_270_DAYS', 'AFTER_365_DAYS'];
const RULES: Readonly<Record<string, readonly string[]>> = {
  TransitionToIA: [...DAYS, ...LONG_DAYS],
  TransitionToPrimaryStorageClass: ['AFTER_1_ACCESS'],
  TransitionToArchive: [...DAYS, ...LONG_DAYS],
};

/** Each policy names exactly one transition, and each transition appears once at most. */
function readLifecyclePolicies(reader: InputReader): Array<Record<string, string>> {
  const policies = reader.array('LifecyclePolicies', { max: 3 });
  if (policies === undefined) throw badRequest('LifecyclePolicies is required');
  const seen = new Set<string>();
  return policies.map((raw) => {
    if (!isJsonObject(raw)) throw badRequest('LifecyclePolicies must be a list of objects');
    const policy = new InputReader(raw, badRequest);
    const present = Object.keys(RULES).filter((key) => policy.has(key));
    const [key] = present;
    if (key === undefined || present.length !== 1) {
      throw badRequest('Each lifecycle policy must name exactly one transition.');
    }
    if (seen.has(key)) throw badRequest(`${key} appears in more than one lifecycle policy.`);
    seen.add(key);
    return { [key]: policy.requiredString(key, { oneOf: RULES[key] ?? [] }) };
  });
}

export function putLifecycleConfiguration(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const fileSystem = findFileSystem(
    context.world.get(EFS),
    reader.requiredString('FileSystemId', { max: 128 }),
  );
  const policies = readLifecyclePolicies(reader);
  requireAvailable(fileSystem);
  fileSystem.lifecyclePolicies = policies;
  return { LifecyclePolicies: policies.map((policy) => ({ ...policy })) };
}

export function describeLifecycleConfiguration(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const fileSystem = findFileSystem(
    context.world.get(EFS),
    reader.requiredString('FileSystemId', { max: 128 }),
  );
  return { LifecyclePolicies: fileSystem.lifecyclePolicies.map((policy) => ({ ...policy })) };
}

/** How long a backup policy change reads ENABLING or DISABLING (not documented; seconds here). */
export const BACKUP_POLICY_CHANGE_MS = 1_000;

export function putBackupPolicy(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const state = context.world.get(EFS);
  const fileSystem = findFileSystem(state, reader.requiredString('FileSystemId', { max: 128 }));
  if (!reader.has('BackupPolicy')) throw badRequest('BackupPolicy is required');
  const status = reader.nested('BackupPolicy').requiredString('Status', {
    oneOf: ['ENABLED', 'ENABLING', 'DISABLED', 'DISABLING'],
  });
  if (status !== 'ENABLED' && status !== 'DISABLED') {
    throw efsError('ValidationException', `Backup policy status must be ENABLED or DISABLED, not ${status}.`);
  }
  requireAvailable(fileSystem);
  const changing = status === 'ENABLED' ? 'ENABLING' : 'DISABLING';
  if (fileSystem.backupStatus === status || fileSystem.backupStatus === changing) {
    return { BackupPolicy: { Status: fileSystem.backupStatus } };
  }
  // AWS answers with the state of the change (ENABLING, DISABLING: EFS user guide, awsbackup.html)
  // and describes it so until the change is done; how long that takes is not documented.
  fileSystem.backupStatus = changing;
  schedule(state, `${fileSystem.id}/backup-policy`, context.now() + BACKUP_POLICY_CHANGE_MS, () => {
    fileSystem.backupStatus = status;
  });
  return { BackupPolicy: { Status: changing } };
}

export function describeBackupPolicy(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, badRequest);
  const fileSystem = findFileSystem(
    context.world.get(EFS),
    reader.requiredString('FileSystemId', { max: 128 }),
  );
  return { BackupPolicy: { Status: fileSystem.backupStatus } };
}
