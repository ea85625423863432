import { createHash } from 'node:crypto';

/** An IAM role that may be assumed through the emulator's STS, declared through control. */
export interface Role {
  readonly arn: string;
  readonly accountId: string;
  /** The last part of the ARN's path: `role/path/name` → name. */
  readonly name: string;
  /** AWS's unique id of a role: AROA and 17 characters (stable per ARN here). */
  readonly roleId: string;
  /** When set, AssumeRole must pass the same ExternalId. */
  readonly externalId: string | undefined;
  /** IAM's MaxSessionDuration, in seconds: 3600 unless declared (3600-43200). */
  readonly maxSessionSeconds: number;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const DEFAULT_MAX_SESSION_SECONDS = 3600;
const MAX_SESSION_SECONDS = 43_200;

function roleIdOf(arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AROA${[...digest.subarray(0, 17)].map((byte) => alphabet[byte % 32]).join('')}`;
}

export interface RoleDeclaration {
  readonly roleArn: string;
  readonly externalId?: string | undefined;
  readonly maxSessionSeconds?: number | undefined;
}

/** The declared roles, by ARN. */
export class Roles {
  readonly #byArn = new Map<string, Role>();

  declare(declaration: RoleDeclaration): Role {
    const match = ROLE_ARN.exec(declaration.roleArn);
    if (match === null) {
      throw new RangeError(
        `Expected roleArn to be an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>), got ${declaration.roleArn}`,
      );
    }
    const maxSessionSeconds = declaration.maxSessionSeconds ?? DEFAULT_MAX_SESSION_SECONDS;
    if (
      !Number.isInteger(maxSessionSeconds) ||
      maxSessionSeconds < DEFAULT_MAX_SESSION_SECONDS ||
      maxSessionSeconds > MAX_SESSION_SECONDS
    ) {
      throw new RangeError(
        `Expected maxSessionSeconds to be an integer 3600-43200, got ${maxSessionSeconds}`,
      );
    }
    const role: Role = {
      arn: declaration.roleArn,
      accountId: match[1] ?? '',
      name: match[2] ?? '',
      roleId: roleIdOf(declaration.roleArn),
      externalId: declaration.externalId,
      maxSessionSeconds,
    };
    this.#byArn.set(role.arn, role);
    return role;
  }

  get(arn: string): Role | undefined {
    return this.#byArn.get(arn);
  }

  reset(): void {
    this.#byArn.clear();
  }
}
