import { isThrottlingError } from '../aws/call-stats.ts';
import { NotReadyError } from '../providers/types.ts';
import type { ErrorClass } from '../reconcile/index.ts';

/** AWS answers that no retry can fix: the manifest or the account must change first. */
const TERMINAL = new Set([
  'InvalidParameterException',
  'ClientException',
  'ValidationError',
  'ValidationException',
  'InvalidInput',
  'BadRequest',
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'DuplicateTargetGroupName',
  'DuplicateLoadBalancerName',
  'DuplicateListener',
  'PriorityInUse',
  'InvalidConfigurationRequest',
  'CertificateNotFound',
  'NamespaceAlreadyExists',
  'ServiceAlreadyExists',
  'IncorrectMountTargetState',
  'MountTargetConflict',
  'ForeignServicesError',
  'ForeignChildrenError',
]);

/** Decides what the loop does after an error: never retry, retry with backoff, or look again later. */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof NotReadyError) return { retryAfterMs: error.afterMs };
  if (isThrottlingError(error)) return 'retry';
  const name = error instanceof Error ? error.name : '';
  return TERMINAL.has(name) ? 'terminal' : 'retry';
}

export function errorCode(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
