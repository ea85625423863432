import type { ReceiverConfig } from '../config/index.ts';
import type { NotificationReason } from './reasons.ts';

/**
 * Whether a receiver wants a notification about `identity` (`Kind/namespace/name`, or `operator`).
 * A namespace or kind filter leaves out what is about the operator itself (revisions).
 */
export function wants(receiver: ReceiverConfig, identity: string, reason: NotificationReason): boolean {
  if (receiver.reasons !== undefined && !receiver.reasons.includes(reason)) return false;
  const [kind, namespace] = identity.split('/');
  const resource = namespace !== undefined;
  if (receiver.namespaces !== undefined && !(resource && receiver.namespaces.includes(namespace)))
    return false;
  if (
    receiver.kinds !== undefined &&
    !(resource && (receiver.kinds as readonly string[]).includes(kind ?? ''))
  )
    return false;
  return true;
}
