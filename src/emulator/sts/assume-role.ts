import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import { newSession } from './credentials.ts';
import { accessDenied, validationError } from './errors.ts';

const DEFAULT_DURATION_SECONDS = 3600;
/** A session started from another role's session lasts one hour at most. */
const ROLE_CHAINING_MAX_SECONDS = 3600;

/** AssumeRole of a role declared through POST /_emulator/sts/roles. */
export function assumeRole(input: JsonObject, context: RequestContext): JsonObject {
  const reader = new InputReader(input, validationError);
  const roleArn = reader.requiredString('RoleArn', { min: 20, max: 2048 });
  const sessionName = reader.requiredString('RoleSessionName', { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/ });
  const externalId = reader.string('ExternalId', { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/ });
  const durationSeconds =
    reader.number('DurationSeconds', { min: 900, max: 43_200 }) ?? DEFAULT_DURATION_SECONDS;

  const role = context.accounts.roles.get(roleArn);
  if (role === undefined || (role.externalId !== undefined && role.externalId !== externalId)) {
    throw accessDenied(context.caller, roleArn);
  }
  if (durationSeconds > role.maxSessionSeconds) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  if (context.caller.expiresAt !== undefined && durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }

  const session = newSession(role, sessionName, durationSeconds, context.now());
  context.accounts.addSession(session);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt).toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
  };
}
