/** Schemas shared by many routes: error bodies, path parameters, filters. */
import type { SwaggerTransform } from '@fastify/swagger';
import { healthSchema, syncSchema } from './state.ts';

export const errorBodySchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

/** Error answers every route may give. */
export const commonErrors = { 400: errorBodySchema, 500: errorBodySchema, 503: errorBodySchema } as const;

/** What a route behind the bearer token may answer besides its own: no token, or a wrong one. */
export const tokenRefusals = { 401: errorBodySchema, 403: errorBodySchema } as const;

export const identityParamsSchema = {
  type: 'object',
  required: ['kind', 'namespace', 'name'],
  properties: {
    kind: { type: 'string', minLength: 1 },
    namespace: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
  },
} as const;

export interface IdentityParams {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export function identityOf(params: IdentityParams): string {
  return `${params.kind}/${params.namespace}/${params.name}`;
}

export const statusFilterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    namespace: { type: 'string', minLength: 1 },
    kind: { type: 'string', minLength: 1 },
    sync: syncSchema,
    health: healthSchema,
  },
} as const;

/** GET /status: the filters, and a page of at most `limit` resources after `continue`. */
export function statusQuerySchema(defaultLimit: number, maxLimit: number) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...statusFilterSchema.properties,
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: maxLimit,
        default: defaultLimit,
        description: 'How many resources one page holds at most.',
      },
      continue: {
        type: 'string',
        minLength: 1,
        description:
          'The `continue` of the page before, to get the next one (same filters). Resources are in namespace, kind, name order; the token names the last one given, so a page starts after it even if resources came or went in between.',
      },
    },
  } as const;
}

/** The If-None-Match header of conditional GETs. */
const conditionalHeadersSchema = {
  type: 'object',
  properties: {
    'if-none-match': {
      type: 'string',
      description: 'An ETag this route gave: 304 without a body while it still holds.',
    },
  },
} as const;

/**
 * Route config that documents If-None-Match in the OpenAPI without validating it: a headers
 * schema would validate every request's headers, about a quarter of GET /status's throughput.
 */
export const documentsIfNoneMatch: { readonly swaggerTransform: SwaggerTransform } = {
  swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, headers: conditionalHeadersSchema }, url }),
};

const etagHeader = {
  etag: { type: 'string', description: 'Changes when the answer does; send it back in If-None-Match.' },
} as const;

/** A 200 of a conditional GET: `schema` with the ETag response header documented. */
export function withEtag<T extends object>(schema: T) {
  return { ...schema, headers: etagHeader } as const;
}

/** 304 of a conditional GET. */
export const notModifiedSchema = {
  description: 'Not Modified: the ETag in If-None-Match is still current.',
  type: 'null',
  headers: etagHeader,
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];
