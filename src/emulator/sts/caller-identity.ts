import type { RequestContext } from '../core/context.ts';
import type { JsonObject } from '../core/json.ts';

/** GetCallerIdentity: the account and identity of the key that signed the request. */
export function getCallerIdentity(_input: JsonObject, context: RequestContext): JsonObject {
  const { caller } = context;
  return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
}
