import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { ResourceStatus } from '../../src/state/index.ts';
import {
  type BlueGreenStack,
  blueGreenStack,
  serviceDeployments,
} from '../emulator/ecs-rollouts-fixtures.ts';
import type { OperatorHarness } from '../support/operator-harness.ts';
import { settled, workUntil } from '../support/work-until.ts';

export const SERVICE = 'Service/gate/api';

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: gate}\nspec:\n${spec}\n`;

export const cluster = doc('Cluster', 'apps', '  tags: {team: gate}');

export const task = (image: string) =>
  doc(
    'TaskDefinition',
    'api',
    `  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions: [{name: web, image: "${image}", portMappings: [{containerPort: 8080}]}]`,
  );

/**
 * A Service with a PAUSE hook at POST_TEST_TRAFFIC_SHIFT and `gate` as its rollout gate; BLUE_GREEN
 * unless `strategy` gives other deploymentConfiguration lines (strategy and its own settings).
 */
export function service(
  stack: BlueGreenStack,
  gate: string,
  hook = '{targetType: PAUSE, lifecycleStages: [POST_TEST_TRAFFIC_SHIFT]}',
  strategy = 'strategy: BLUE_GREEN',
): string {
  return doc(
    'Service',
    'api',
    `  clusterRef: apps
  taskDefinitionRef: api
  desiredCount: 2
  launchType: FARGATE
  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}
  loadBalancers:
    - targetGroupArn: ${stack.blue}
      containerName: web
      containerPort: 8080
      advancedConfiguration:
        alternateTargetGroupArn: ${stack.green}
        productionListenerRule: ${stack.productionRule}
        testListenerRule: ${stack.testRule}
        roleArn: arn:aws:iam::000000000000:role/ecs-infrastructure
  deploymentConfiguration:
    ${strategy.split('\n').join('\n    ')}
    bakeTimeInMinutes: 1
    lifecycleHooks: [${hook}]
  rollout:
    gates:
      - stage: POST_TEST_TRAFFIC_SHIFT
${gate
  .split('\n')
  .map((line) => `        ${line}`)
  .join('\n')}`,
  );
}

export function stackOf(h: OperatorHarness): Promise<BlueGreenStack> {
  return blueGreenStack(h.aws.elbv2, 'gate');
}

/** Lets the workers finish what is queued now. */
export const work = (h: OperatorHarness): Promise<void> => settled(h.operator);

/** Works and lets simulated time pass (five seconds a step) until `done` holds or `limitMs` has passed. */
export const until = (
  h: OperatorHarness,
  done: () => Promise<boolean>,
  limitMs = 900_000,
): Promise<boolean> => workUntil(h, done, { limitMs });

export async function latest(h: OperatorHarness): Promise<ServiceDeployment | undefined> {
  return (await serviceDeployments(h.aws.ecs, 'api'))[0];
}

export function gateCondition(status: ResourceStatus | undefined) {
  return status?.conditions.find((condition) => condition.type === 'RolloutGate');
}

/** The operator's ContinueServiceDeployment calls so far, by action not known: count only. */
export const continues = (h: OperatorHarness) =>
  h.calls.filter((call) => call === 'ecs:ContinueServiceDeployment').length;

/** The Service on image v1, synced; then the manifest moves to v2 and its deployment pauses at the gate. */
export async function pausedAtGate(h: OperatorHarness, files: (image: string) => Record<string, string>) {
  h.revisions.set(files('api:v1'));
  await h.converge(0);
  const first = await until(h, async () => (await latest(h))?.status === 'SUCCESSFUL');
  if (!first) throw new Error(`first deployment: ${JSON.stringify(await latest(h))}`);
  h.revisions.set(files('api:v2'));
  await h.operator.onRevision();
  const paused = await until(h, async () => {
    const condition = gateCondition(await h.store.getStatus(SERVICE));
    return condition?.status === 'True';
  });
  if (!paused) throw new Error(`not paused: ${JSON.stringify(await latest(h))}`);
}
