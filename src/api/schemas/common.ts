/** Schemas shared by many routes: error bodies, path parameters, filters. */
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

export const bearerSecurity = [{ bearerAuth: [] }];
