import type { LoadedManifest } from './manifest.ts';
import { referencesOf } from './references.ts';

/**
 * The forward weights ECS moves between the blue and green target groups while a BLUE_GREEN,
 * LINEAR or CANARY deployment shifts traffic, and leaves on the side it ended on.
 */
export const ECS_SHIFTED_WEIGHTS = 'actions[*].forwardConfig.targetGroups[*].weight';

const SHIFTED_BY = new Set(['productionListenerRuleRef', 'testListenerRuleRef']);

/**
 * The ListenerRules a Service names as its production or test listener rule: ECS owns their
 * forward weights, so self-heal must not move traffic back to the tasks a deployment left.
 */
export function rulesShiftedByEcs(documents: readonly LoadedManifest[]): Set<string> {
  const rules = new Set<string>();
  for (const manifest of documents) {
    if (manifest.kind !== 'Service') continue;
    for (const reference of referencesOf(manifest)) {
      if (SHIFTED_BY.has(reference.key)) rules.add(reference.target);
    }
  }
  return rules;
}

/** What a resource's diff leaves out besides its own ignoreDifferences. */
export function implicitIgnores(identity: string, shifted: ReadonlySet<string>): readonly string[] {
  return shifted.has(identity) ? [ECS_SHIFTED_WEIGHTS] : [];
}
