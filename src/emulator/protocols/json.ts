import { AwsError } from '../core/aws-error.ts';
import type { RequestContext } from '../core/context.ts';
import type { OutgoingResponse } from '../core/http.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import type { ProtocolBinding } from '../core/service.ts';

/** An awsJson1_1 operation: the parsed request body in, the response body out. */
export type JsonOperation = (input: JsonObject, context: RequestContext) => JsonValue;

const CONTENT_TYPE = 'application/x-amz-json-1.1';

function respond(
  status: number,
  body: JsonValue,
  context: RequestContext,
  extra: Record<string, string> = {},
) {
  return {
    status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': context.requestId, ...extra },
    body: JSON.stringify(body),
  } satisfies OutgoingResponse;
}

/**
 * The awsJson1_1 protocol (ECS, Cloud Map, Application Auto Scaling):
 * `POST /` with `X-Amz-Target: <prefix>.<Operation>` and a JSON body.
 */
export function jsonBinding(
  targetPrefix: string,
  operations: Readonly<Record<string, JsonOperation>>,
): ProtocolBinding {
  return {
    match(request) {
      const target = request.headers['x-amz-target'];
      if (target === undefined || !target.startsWith(`${targetPrefix}.`)) return undefined;
      return target.slice(targetPrefix.length + 1);
    },
    handle(operation, request, context) {
      const handler = operations[operation];
      if (handler === undefined) {
        throw new AwsError(
          'UnknownOperationException',
          `Operation ${operation} is not supported by this emulator`,
        );
      }
      let input: unknown;
      try {
        input = request.body.trim() === '' ? {} : JSON.parse(request.body);
      } catch {
        throw new AwsError('SerializationException', 'Request body is not valid JSON');
      }
      if (!isJsonObject(input))
        throw new AwsError('SerializationException', 'Request body must be a JSON object');
      return respond(200, handler(input, context), context);
    },
    renderError(error, context) {
      return respond(error.status, { __type: error.code, message: error.message }, context, {
        'x-amzn-errortype': error.code,
      });
    },
  };
}
