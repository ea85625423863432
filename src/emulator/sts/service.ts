import { apiGroupOf } from '../../aws/rates.ts';
import type { EmulatedService } from '../core/service.ts';
import { queryBinding } from '../protocols/query.ts';
import { assumeRole } from './assume-role.ts';
import { getCallerIdentity } from './caller-identity.ts';

/**
 * STS over the query protocol (`POST /`, Action=...&Version=2011-06-15, signing
 * name sts). Its roles and sessions are the emulator's accounts (core/accounts.ts),
 * not a region's state: a session's key decides the account of every later call.
 */
export const stsService: EmulatedService = {
  name: 'sts',
  signingName: 'sts',
  binding: queryBinding({
    version: '2011-06-15',
    namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    listMembers: new Set(['PolicyArns', 'Tags', 'TransitiveTagKeys', 'ProvidedContexts']),
    operations: {
      AssumeRole: assumeRole,
      GetCallerIdentity: getCallerIdentity,
    },
  }),
  throttling: { code: 'Throttling', status: 400 },
  throttleGroup: (operation) => apiGroupOf('sts', operation),
};
