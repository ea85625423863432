import { AwsError } from '../core/aws-error.ts';
import type { RequestContext } from '../core/context.ts';
import type { IncomingRequest, OutgoingResponse } from '../core/http.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import type { ProtocolBinding } from '../core/service.ts';

/** A rest-json operation: path, query and body members merged into one input. */
export type RestJsonOperation = (input: JsonObject, context: RequestContext) => JsonValue | undefined;

export interface RestJsonRoute {
  readonly operation: string;
  readonly method: string;
  /**
   * The model's requestUri, e.g. `/2015-02-01/file-systems/{FileSystemId}`. A label
   * written `{Name+}` takes the rest of the path, slashes included (ARNs).
   */
  readonly uri: string;
  /** The model's responseCode (200 when the model has none). */
  readonly status: number;
  /** Members bound to the query string: member name → query name; `[]` after the name for lists. */
  readonly query?: Readonly<Record<string, string>>;
  readonly handler: RestJsonOperation;
}

/** An error whose model shape has members besides the code and message (FileSystemId, ...). */
export class RestJsonError extends AwsError {
  readonly fields: JsonObject;
  constructor(code: string, message: string, status: number, fields: JsonObject = {}) {
    super(code, message, status);
    this.fields = fields;
  }
}

interface CompiledRoute {
  readonly route: RestJsonRoute;
  readonly pattern: RegExp;
  readonly labels: readonly string[];
}

function compile(route: RestJsonRoute): CompiledRoute {
  const labels: string[] = [];
  const source = route.uri
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (label === null) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      labels.push(label[1] ?? '');
      return label[2] === '+' ? '(.+)' : '([^/]+)';
    })
    .join('');
  // The SDK drops a trailing slash the model's URI has (DescribeTags): accept both.
  return { route, pattern: new RegExp(`^${source.replace(/\/$/, '')}/?$`), labels };
}

function queryMembers(route: RestJsonRoute, query: URLSearchParams): JsonObject {
  const members: JsonObject = {};
  for (const [member, name] of Object.entries(route.query ?? {})) {
    if (name.endsWith('[]')) {
      const values = query.getAll(name.slice(0, -2));
      if (values.length > 0) members[member] = values;
    } else {
      const value = query.get(name);
      if (value !== null) members[member] = value;
    }
  }
  return members;
}

/**
 * The rest-json protocol (EFS): the operation is chosen by method and path;
 * errors are `{"ErrorCode", "Message", ...}` with `x-amzn-errortype`.
 */
export function restJsonBinding(routes: readonly RestJsonRoute[]): ProtocolBinding {
  const compiled = routes.map(compile);
  const find = (request: IncomingRequest): { route: CompiledRoute; match: RegExpExecArray } | undefined => {
    for (const route of compiled) {
      if (route.route.method !== request.method) continue;
      const match = route.pattern.exec(request.path);
      if (match !== null) return { route, match };
    }
    return undefined;
  };
  const headers = (context: RequestContext, extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    'x-amzn-requestid': context.requestId,
    ...extra,
  });

  return {
    match: (request) => find(request)?.route.route.operation,
    handle(_operation, request, context): OutgoingResponse {
      const found = find(request);
      if (found === undefined) throw new AwsError('UnknownOperationException', 'No route', 404);
      let body: unknown = {};
      if (request.body.trim() !== '') {
        try {
          body = JSON.parse(request.body);
        } catch {
          throw new RestJsonError('BadRequest', 'Request body is not valid JSON', 400);
        }
      }
      if (!isJsonObject(body))
        throw new RestJsonError('BadRequest', 'Request body must be a JSON object', 400);
      const input: JsonObject = { ...body, ...queryMembers(found.route.route, request.query) };
      found.route.labels.forEach((label, index) => {
        input[label] = found.match[index + 1] ?? '';
      });
      const output = found.route.route.handler(input, context);
      return {
        status: found.route.route.status,
        headers: headers(context),
        body: output === undefined ? '' : JSON.stringify(output),
      };
    },
    renderError(error, context) {
      const fields = error instanceof RestJsonError ? error.fields : {};
      return {
        status: error.status,
        headers: headers(context, { 'x-amzn-errortype': error.code }),
        body: JSON.stringify({ ErrorCode: error.code, Message: error.message, ...fields }),
      };
    },
  };
}
