import { Roles } from './roles.ts';

/** Who signed a request: the account whose state and limits it uses, and its identity there. */
export interface Caller {
  readonly accessKeyId: string | undefined;
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  /** Keys issued by AssumeRole only: the end of the session, in ms on the emulator's clock. */
  readonly expiresAt: number | undefined;
}

/** Temporary credentials issued by the emulator's AssumeRole. */
export interface Session extends Caller {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAt: number;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Maps access keys to accounts: keys issued by AssumeRole belong to the
 * role's account, keys registered through control to theirs, and any other
 * key to the default account, so that clients with made-up keys keep working.
 */
export class Accounts {
  readonly defaultAccountId: string;
  readonly roles = new Roles();
  readonly #registered = new Map<string, string>();
  readonly #sessions = new Map<string, Session>();

  constructor(defaultAccountId: string) {
    this.defaultAccountId = defaultAccountId;
  }

  registerKey(accessKeyId: string, accountId: string): void {
    // A credential scope is split on '/' and ends at ',' or a space.
    if (!/^[^/,\s]{1,128}$/.test(accessKeyId)) {
      throw new RangeError(
        `Expected accessKeyId to be 1-128 characters without '/', ',' or spaces, got ${accessKeyId}`,
      );
    }
    if (!ACCOUNT_ID.test(accountId))
      throw new RangeError(`Expected accountId to be 12 digits, got ${accountId}`);
    this.#registered.set(accessKeyId, accountId);
  }

  addSession(session: Session): void {
    this.#sessions.set(session.accessKeyId, session);
  }

  callerOf(accessKeyId: string | undefined): Caller {
    const session = accessKeyId === undefined ? undefined : this.#sessions.get(accessKeyId);
    if (session !== undefined) {
      // The caller only: the secret and the session token stay with the session.
      const { accountId, arn, userId, expiresAt } = session;
      return { accessKeyId: session.accessKeyId, accountId, arn, userId, expiresAt };
    }
    const accountId =
      (accessKeyId === undefined ? undefined : this.#registered.get(accessKeyId)) ?? this.defaultAccountId;
    return rootOf(accountId, accessKeyId);
  }

  reset(): void {
    this.roles.reset();
    this.#registered.clear();
    this.#sessions.clear();
  }
}

/** The account's root user: who a key that no session names acts as. */
export function rootOf(accountId: string, accessKeyId?: string): Caller {
  return {
    accessKeyId,
    accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
    expiresAt: undefined,
  };
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}
