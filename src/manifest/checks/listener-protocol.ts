import type { Entry, Finding } from '../revision-context.ts';
import type { ResolvedReference } from './resolve-references.ts';

const FAMILY: ReadonlyMap<string, string> = new Map([
  ['HTTP', 'application'],
  ['HTTPS', 'application'],
  ['TCP', 'network'],
  ['TLS', 'network'],
  ['UDP', 'network'],
  ['TCP_UDP', 'network'],
  ['QUIC', 'network'],
  ['TCP_QUIC', 'network'],
  ['GENEVE', 'gateway'],
]);

/**
 * A listener forwards only to target groups of its load balancer's family: an HTTP/HTTPS listener
 * to HTTP/HTTPS target groups, a TCP/TLS/UDP/QUIC one to those. Checked for listeners'
 * default actions and for listener rules' actions. `own` holds the references made by `entry`.
 */
export function checkListenerProtocol(entry: Entry, own: readonly ResolvedReference[]): Finding[] {
  const { kind } = entry.manifest;
  if (kind !== 'Listener' && kind !== 'ListenerRule') return [];
  const listener = kind === 'Listener' ? entry : own.find((r) => r.key === 'listenerRef')?.to;
  const listenerProtocol = listener?.manifest.spec.protocol;
  if (typeof listenerProtocol !== 'string' || !FAMILY.has(listenerProtocol)) return [];
  const findings: Finding[] = [];
  for (const ref of own) {
    if (ref.key !== 'targetGroupRef') continue;
    const targetProtocol = ref.to.manifest.spec.protocol;
    if (typeof targetProtocol !== 'string' || FAMILY.get(targetProtocol) === FAMILY.get(listenerProtocol))
      continue;
    findings.push({
      entry,
      problem: {
        name: 'PROTOCOL_MISMATCH',
        segments: ref.segments,
        target: 'value',
        params: { listenerProtocol, targetGroup: ref.to.manifest.identity, targetProtocol },
      },
    });
  }
  return findings;
}
