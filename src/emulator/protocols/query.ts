import { AwsError } from '../core/aws-error.ts';
import type { RequestContext } from '../core/context.ts';
import type { IncomingRequest, OutgoingResponse } from '../core/http.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import type { ProtocolBinding } from '../core/service.ts';

/** A query-protocol operation: the parsed form in, the members of `<OpResult>` out. */
export type QueryOperation = (input: JsonObject, context: RequestContext) => JsonObject;

export interface QueryServiceSpec {
  /** The API version every request carries, e.g. 2015-12-01. */
  readonly version: string;
  /** The XML namespace of responses and errors. */
  readonly namespace: string;
  /**
   * Names of list members in the service's inputs: the SDK sends an empty
   * list as `Name=` with no `.member.N`, which must read as [] and not as "".
   */
  readonly listMembers: ReadonlySet<string>;
  readonly operations: Readonly<Record<string, QueryOperation>>;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Far above any list limit of the APIs; keeps `member.999999999` from building a huge sparse array. */
const MAX_MEMBERS = 10_000;

function objectAt(parent: JsonObject | JsonValue[], key: string | number): JsonObject {
  const existing = Array.isArray(parent) ? parent[key as number] : parent[key as string];
  if (typeof existing === 'object' && existing !== null && !Array.isArray(existing)) return existing;
  const created: JsonObject = {};
  if (Array.isArray(parent)) parent[key as number] = created;
  else parent[key as string] = created;
  return created;
}

function listAt(parent: JsonObject, key: string): JsonValue[] {
  const existing = parent[key];
  if (Array.isArray(existing)) return existing;
  const created: JsonValue[] = [];
  parent[key] = created;
  return created;
}

/** Drops the holes a sparse `member.N` numbering leaves. */
function compact(value: JsonValue | undefined): JsonValue | undefined {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== undefined).map((item) => compact(item) ?? null);
  }
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) value[key] = compact(value[key]);
  }
  return value;
}

/**
 * Reads a flattened query form (`Tags.member.1.Key=a`) into nested objects
 * and arrays (`{ Tags: [{ Key: 'a' }] }`). Action and Version are left out.
 */
export function parseQueryForm(body: string, listMembers: ReadonlySet<string>): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (key === 'Action' || key === 'Version') continue;
    const segments = key.split('.');
    let container: JsonObject = root;
    for (let i = 0; i < segments.length; ) {
      const name = segments[i] as string;
      const index = segments[i + 1] === 'member' ? Number(segments[i + 2]) - 1 : Number.NaN;
      if (Number.isInteger(index) && index >= 0) {
        if (index >= MAX_MEMBERS) throw new AwsError('ValidationError', `${name} has too many members`);
        const list = listAt(container, name);
        if (i + 3 === segments.length) {
          list[index] = value;
          break;
        }
        container = objectAt(list, index);
        i += 3;
      } else if (i + 1 === segments.length) {
        container[name] = value === '' && listMembers.has(name) ? [] : value;
        break;
      } else {
        container = objectAt(container, name);
        i += 1;
      }
    }
  }
  compact(root);
  return root;
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** One element; lists become `<member>` children, null/undefined members are left out. */
export function xmlElement(name: string, value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return `<${name}>${value.map((item) => xmlElement('member', item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${xmlChildren(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function xmlChildren(members: JsonObject): string {
  return Object.entries(members)
    .map(([key, value]) => xmlElement(key, value))
    .join('');
}

function xmlResponse(status: number, body: string, context: RequestContext): OutgoingResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': context.requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

function formOf(request: IncomingRequest): URLSearchParams | undefined {
  if (request.method !== 'POST') return undefined;
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith(FORM_TYPE)) return undefined;
  return new URLSearchParams(request.body);
}

/**
 * The AWS query protocol (ELBv2): `POST /` with a form body carrying Action,
 * Version and flattened members; XML answers in the service's namespace.
 */
export function queryBinding(spec: QueryServiceSpec): ProtocolBinding {
  return {
    match(request) {
      const form = formOf(request);
      if (form === undefined || form.get('Version') !== spec.version) return undefined;
      const action = form.get('Action');
      return action === null || action === '' ? undefined : action;
    },
    handle(operation, request, context) {
      const handler = spec.operations[operation];
      if (handler === undefined) {
        throw new AwsError('InvalidAction', `The action ${operation} is not valid for this web service.`);
      }
      const output = handler(parseQueryForm(request.body, spec.listMembers), context);
      const body =
        `<${operation}Response xmlns="${spec.namespace}">` +
        `<${operation}Result>${xmlChildren(output)}</${operation}Result>` +
        `<ResponseMetadata><RequestId>${context.requestId}</RequestId></ResponseMetadata>` +
        `</${operation}Response>`;
      return xmlResponse(200, body, context);
    },
    renderError(error, context) {
      const body =
        `<ErrorResponse xmlns="${spec.namespace}"><Error>` +
        `<Type>${error.senderFault ? 'Sender' : 'Receiver'}</Type>` +
        `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
        `</Error><RequestId>${context.requestId}</RequestId></ErrorResponse>`;
      return xmlResponse(error.status, body, context);
    },
  };
}
