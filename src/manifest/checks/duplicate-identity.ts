import type { Entry, Finding } from '../revision-context.ts';

/** kind/namespace/name is unique in a revision; every copy is reported, each naming the others. */
export function checkDuplicateIdentity(entries: readonly Entry[]): Finding[] {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.manifest.identity) ?? [];
    group.push(entry);
    groups.set(entry.manifest.identity, group);
  }
  const findings: Finding[] = [];
  for (const [identity, group] of groups) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const others = group
        .filter((other) => other !== entry)
        .map((other) => `${other.manifest.source.file}:${other.manifest.source.line}`)
        .join(', ');
      findings.push({
        entry,
        problem: {
          name: 'DUPLICATE_IDENTITY',
          segments: ['metadata', 'name'],
          target: 'value',
          params: { identity, others },
        },
      });
    }
  }
  return findings;
}
