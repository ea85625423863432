import type { Entry, Finding } from '../revision-context.ts';

/** A rollout gate waits at a PAUSE hook: its stage must have one in deploymentConfiguration.lifecycleHooks. */
export function checkRolloutGates(entry: Entry): Finding[] {
  const { kind, spec } = entry.manifest;
  const rollout = spec.rollout;
  if (kind !== 'Service' || typeof rollout !== 'object' || rollout === null || !('gates' in rollout))
    return [];
  const gates = rollout.gates;
  if (!Array.isArray(gates)) return [];
  const paused = pausedStagesOf(spec);
  const findings: Finding[] = [];
  const testListener = hasTestListener(spec);
  gates.forEach((gate: unknown, index) => {
    if (isObject(gate) && Array.isArray(gate.checks))
      findings.push(...httpCheckFindings(entry, gate.checks, index, testListener));
    if (typeof gate !== 'object' || gate === null || !('stage' in gate)) return;
    const stage = gate.stage;
    if (typeof stage !== 'string' || paused.has(stage)) return;
    findings.push({
      entry,
      problem: {
        name: 'CONFLICTING_SETTINGS',
        segments: ['spec', 'rollout', 'gates', index, 'stage'],
        target: 'value',
        params: {
          reason: `the gate at ${stage} needs a PAUSE hook at that stage in deploymentConfiguration.lifecycleHooks`,
        },
      },
    });
  });
  return findings;
}

/** An http check names exactly one of url and path; a path needs the Service's test listener. */
function httpCheckFindings(
  entry: Entry,
  checks: unknown[],
  gateIndex: number,
  testListener: boolean,
): Finding[] {
  const findings: Finding[] = [];
  checks.forEach((check, index) => {
    if (!isObject(check) || !isObject(check.http)) return;
    const { url, path } = check.http;
    const segments = ['spec', 'rollout', 'gates', gateIndex, 'checks', index, 'http'];
    const reason =
      url === undefined && path === undefined
        ? 'an http check needs url, or path (through the test listener)'
        : url !== undefined && path !== undefined
          ? 'an http check takes url or path, not both'
          : path !== undefined && !testListener
            ? 'an http check by path goes through the test listener: set loadBalancers[].advancedConfiguration.testListenerRuleRef (or testListenerRule)'
            : undefined;
    if (reason !== undefined)
      findings.push({
        entry,
        problem: { name: 'CONFLICTING_SETTINGS', segments, target: 'value', params: { reason } },
      });
  });
  return findings;
}

function hasTestListener(spec: Readonly<Record<string, unknown>>): boolean {
  const balancers = spec.loadBalancers;
  return (
    Array.isArray(balancers) &&
    balancers.some(
      (each) =>
        isObject(each) &&
        isObject(each.advancedConfiguration) &&
        (each.advancedConfiguration.testListenerRule !== undefined ||
          each.advancedConfiguration.testListenerRuleRef !== undefined),
    )
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ECS runs only AWS_LAMBDA hooks at the traffic shifts themselves; a PAUSE hook there is refused. */
const LAMBDA_ONLY_STAGES = new Set(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']);

/** A PAUSE hook at a stage that takes AWS_LAMBDA hooks only: CreateService would refuse it. */
export function checkPauseHookStages(entry: Entry): Finding[] {
  const { kind, spec } = entry.manifest;
  const configuration = spec.deploymentConfiguration;
  if (kind !== 'Service' || !isObject(configuration) || !Array.isArray(configuration.lifecycleHooks))
    return [];
  const findings: Finding[] = [];
  configuration.lifecycleHooks.forEach((hook, index) => {
    if (!isObject(hook) || hook.targetType !== 'PAUSE' || !Array.isArray(hook.lifecycleStages)) return;
    hook.lifecycleStages.forEach((stage, at) => {
      if (typeof stage !== 'string' || !LAMBDA_ONLY_STAGES.has(stage)) return;
      findings.push({
        entry,
        problem: {
          name: 'CONFLICTING_SETTINGS',
          segments: ['spec', 'deploymentConfiguration', 'lifecycleHooks', index, 'lifecycleStages', at],
          target: 'value',
          params: { reason: `a PAUSE hook cannot wait at ${stage}: ECS runs only AWS_LAMBDA hooks there` },
        },
      });
    });
  });
  return findings;
}

/** The stages a Service's deploymentConfiguration has PAUSE hooks at. */
function pausedStagesOf(spec: Readonly<Record<string, unknown>>): Set<string> {
  const stages = new Set<string>();
  const configuration = spec.deploymentConfiguration;
  if (!isObject(configuration) || !Array.isArray(configuration.lifecycleHooks)) return stages;
  for (const hook of configuration.lifecycleHooks) {
    if (!isObject(hook) || hook.targetType !== 'PAUSE' || !Array.isArray(hook.lifecycleStages)) continue;
    for (const stage of hook.lifecycleStages) if (typeof stage === 'string') stages.add(stage);
  }
  return stages;
}
