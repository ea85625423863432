import { randomBytes } from 'node:crypto';
import type { Session } from '../core/accounts.ts';
import type { Role } from '../core/roles.ts';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomKeyChars(length: number): string {
  return [...randomBytes(length)].map((byte) => KEY_ALPHABET[byte % 32]).join('');
}

/** AWS gives session ends to the second. */
function toWholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** New temporary credentials for a session of `role`, ending `durationSeconds` after `now`. */
export function newSession(role: Role, sessionName: string, durationSeconds: number, now: number): Session {
  const accessKeyId = `ASIA${randomKeyChars(16)}`;
  return {
    accessKeyId,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(192).toString('base64'),
    accountId: role.accountId,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
    userId: `${role.roleId}:${sessionName}`,
    expiresAt: toWholeSecond(now + durationSeconds * 1000),
  };
}
