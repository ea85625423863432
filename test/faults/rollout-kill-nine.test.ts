import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import {
  type BlueGreenStack,
  blueGreenStack,
  serviceDeployments,
  weightsOf,
} from '../emulator/ecs-rollouts-fixtures.ts';
import { type Tools, toolsFor, waitFor } from './cluster-tools.ts';
import { type Replica, startReplica } from './replica-process.ts';

vi.setConfig({ testTimeout: 400_000, hookTimeout: 60_000 });

const BUCKET = 'manifests';
const TABLE = 'rollout-kill-state';
const SERVICE = 'Service/gate/api';
/**
 * Every stage a PAUSE hook may wait at (TEST_ and PRODUCTION_TRAFFIC_SHIFT take Lambda hooks only).
 * A LINEAR deployment enters PRE_PRODUCTION_TRAFFIC_SHIFT again before each traffic step: its hook
 * pauses each time, and the gate decides each time.
 */
const HOOKED = [
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;
/**
 * The stages of a LINEAR deployment in order, each a kill -9 point: the hooked ones while paused, and
 * the ones the emulator's clock moves on (tasks starting, each traffic step's bake, the final bake).
 * TEST_TRAFFIC_SHIFT and CLEAN_UP take no time in the emulator, so no kill can land in them alone.
 */
const STAGES = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
] as const;

let local: LocalAws;
let tools: Tools;
let control: EmulatorControl;
let stack: BlueGreenStack;
let replica: Replica | undefined;

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: gate}\nspec:\n${spec}\n`;

/** A gate at every hooked stage, each on an alarm of its own that does not exist yet: it waits until the test creates it. */
function files(image: string): Record<string, string> {
  const gates = HOOKED.map(
    (stage) => `      - stage: ${stage}\n        checks: [{alarms: {names: [gate-${stage}]}}]`,
  ).join('\n');
  return {
    'cluster.yaml': doc('Cluster', 'apps', '  tags: {team: gate}'),
    'task.yaml': doc(
      'TaskDefinition',
      'api',
      `  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions: [{name: web, image: "${image}", portMappings: [{containerPort: 8080}]}]`,
    ),
    'service.yaml': doc(
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
    strategy: LINEAR
    linearConfiguration: {stepPercent: 50, stepBakeTimeInMinutes: 1}
    bakeTimeInMinutes: 1
    lifecycleHooks:
      - targetType: PAUSE
        lifecycleStages: [${HOOKED.join(', ')}]
        timeoutConfiguration: {timeoutInMinutes: 600, action: ROLLBACK}
  rollout:
    gates:
${gates}`,
    ),
  };
}

// The same replica id, as a restarted task of one deployment: it takes its own lease back at once.
const start = () =>
  startReplica(local, {
    replicaId: 'rolling',
    source: `s3://${BUCKET}/live/`,
    stateTable: TABLE,
    instance: 'rollout-kill',
    leaseDurationSeconds: 3,
    leaseRenewDeadlineSeconds: 2,
    leaseRetrySeconds: 1,
  });

/** The ContinueServiceDeployment calls ECS took, by any replica. */
function continuesTaken(): number {
  return local.emulator.emulator.requests.snapshot()['ecs:ContinueServiceDeployment']?.ok ?? 0;
}

/** The service's newest deployment: v2's once the manifest asked for it. */
async function newest(): Promise<ServiceDeployment | undefined> {
  return (await serviceDeployments(tools.aws.ecs, 'api'))[0];
}

async function gateStatus(): Promise<string> {
  const status = await tools.store(TABLE).getStatus(SERVICE);
  return status?.conditions.find((condition) => condition.type === 'RolloutGate')?.message ?? '';
}

/** Moves the emulator's clock in 5 s steps until the deployment is at `stage` (or done). */
async function driveTo(stage: string): Promise<ServiceDeployment> {
  return waitFor(
    `the deployment at ${stage}`,
    async () => {
      const deployment = await newest();
      if (deployment?.lifecycleStage === stage) return deployment;
      if (deployment?.status !== 'IN_PROGRESS' && deployment?.status !== 'PENDING')
        throw new Error(
          `the deployment ended at ${deployment?.lifecycleStage}: ${deployment?.status} ${deployment?.statusReason}`,
        );
      await control.advance(5_000);
      return undefined;
    },
    120_000,
  );
}

async function restart(): Promise<void> {
  await replica?.kill('SIGKILL');
  replica = await start();
  const current = replica;
  await waitFor('the restarted replica to lead', () => current.isLeader(), 30_000);
}

beforeAll(async () => {
  local = await startLocalAws({ clock: 'manual', buckets: [BUCKET] });
  tools = toolsFor(local);
  control = new EmulatorControl(local.endpoints.aws);
  stack = await blueGreenStack(tools.aws.elbv2, 'gate');
});
afterAll(async () => {
  await replica?.kill('SIGKILL');
  tools?.close();
  await local?.close();
});

describe('kill -9 of the operator at every stage of a gated linear rollout', () => {
  it('each gate decides exactly once across the restarts, and the rollout completes on the green side', async () => {
    await tools.commit(BUCKET, 'live/', files('api:v1'));
    replica = await start();
    // The first deployment creates the service on the blue side (no hooks for a new service).
    await waitFor(
      'the first deployment to complete',
      async () => {
        const [first] = await serviceDeployments(tools.aws.ecs, 'api').catch(() => []);
        if (first?.status === 'SUCCESSFUL') return true;
        await control.advance(5_000);
        return false;
      },
      120_000,
    );
    const before = continuesTaken();

    await tools.commit(BUCKET, 'live/', files('api:v2'));
    const killedAt: string[] = [];
    for (const stage of STAGES) {
      const deployment = await driveTo(stage);
      const hooked = (HOOKED as readonly string[]).includes(stage);
      if (hooked) {
        // The gate has seen the paused hook and waits on its alarm, which does not exist yet.
        await waitFor(`the gate waiting at ${stage}`, async () => {
          const message = await gateStatus();
          return (
            message.includes(`at ${stage} `) && message.includes(`no such CloudWatch alarm: gate-${stage}`)
          );
        });
      }
      await restart();
      killedAt.push(`${stage}${hooked ? ' (paused)' : ''}`);
      if (hooked) {
        const taken = continuesTaken();
        await control.action('ecs', 'alarm-state', { alarmName: `gate-${stage}`, state: 'OK' });
        await waitFor(`CONTINUE at ${stage}`, async () => continuesTaken() > taken);
        expect(deployment.serviceDeploymentArn).toBe((await newest())?.serviceDeploymentArn);
      }
    }
    expect(killedAt).toHaveLength(STAGES.length);

    const done = await waitFor(
      'the deployment to complete',
      async () => {
        const deployment = await newest();
        if (deployment?.status === 'SUCCESSFUL') return deployment;
        if (deployment?.status !== 'IN_PROGRESS')
          throw new Error(`ended ${deployment?.status}: ${deployment?.statusReason}`);
        await control.advance(5_000);
        return undefined;
      },
      120_000,
    );
    expect(done.status).toBe('SUCCESSFUL');
    // One decision per paused hook, none twice, however many restarts came between; the hook
    // before the second traffic step paused too.
    const hooks = (done.lifecycleHookDetails ?? []).filter((hook) => hook.targetType === 'PAUSE');
    expect(hooks.map((hook) => hook.status)).toEqual(hooks.map(() => 'SUCCEEDED'));
    expect(hooks.length).toBe(HOOKED.length + 1);
    expect(continuesTaken() - before).toBe(hooks.length);
    expect(local.emulator.emulator.requests.snapshot()['ecs:ContinueServiceDeployment']?.error ?? 0).toBe(0);
    // One deployment for v2: no restart deployed it again.
    const all = await serviceDeployments(tools.aws.ecs, 'api');
    expect(all).toHaveLength(2);
    expect(await weightsOf(tools.aws.elbv2, stack.productionRule)).toEqual({
      [stack.green]: 100,
      [stack.blue]: 0,
    });
    const status = await waitFor('the Service synced on v2', async () => {
      const found = await tools.store(TABLE).getStatus(SERVICE);
      return found?.sync === 'Synced' && found.health === 'Healthy' ? found : undefined;
    });
    expect(status.conditions.find((condition) => condition.type === 'RolloutGate')?.reason).toBe('Continued');
  });
});
