import { ownValue } from '../../own.ts';
import { isRecord } from '../field-path.ts';
import { LITERAL_OF_REFERENCE } from '../kinds.ts';
import type { Segment } from '../positions.ts';
import type { Entry, Finding } from '../revision-context.ts';

/** A reference and the literal id or ARN it replaces, set together anywhere in the spec. */
export function checkRefAndLiteral(entry: Entry): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: unknown, at: readonly Segment[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, [...at, i]);
      });
      return;
    }
    if (!isRecord(node)) return;
    for (const [ref, literal] of Object.entries(LITERAL_OF_REFERENCE)) {
      if (ownValue(node, ref) !== undefined && ownValue(node, literal) !== undefined) {
        findings.push({
          entry,
          problem: {
            name: 'REF_AND_LITERAL',
            segments: [...at, ref],
            target: 'key',
            params: { ref, literal },
          },
        });
      }
    }
    for (const [key, value] of Object.entries(node)) visit(value, [...at, key]);
  };
  visit(entry.manifest.spec, ['spec']);
  return findings;
}
