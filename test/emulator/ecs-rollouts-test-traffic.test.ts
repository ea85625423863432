import {
  ContinueServiceDeploymentCommand,
  type ECSClient,
  type ServiceDeployment,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { advanceUntil, createFargateService, ecsClient, registerWeb } from './ecs/fixtures.ts';
import { blueGreenStack, latestDeployment } from './ecs-rollouts-fixtures.ts';
import { elbv2Client } from './elbv2/fixtures.ts';
import { type ProxiedAnswer, proxiedRequest } from './elbv2/proxied-request.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;
let elbv2: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ecs = ecsClient(running.endpoint);
  elbv2 = elbv2Client(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

async function until(done: (deployment: ServiceDeployment) => boolean): Promise<ServiceDeployment> {
  let last: ServiceDeployment | undefined;
  const held = await advanceUntil(control, async () => {
    last = await latestDeployment(ecs, 'web');
    return done(last);
  });
  expect(held, `deployment reached ${last?.status} / ${last?.lifecycleStage}`).toBe(true);
  return last as ServiceDeployment;
}

function awaitingHook(deployment: ServiceDeployment): string | undefined {
  return deployment.lifecycleHookDetails?.find((hook) => hook.status === 'AWAITING_ACTION')?.hookId;
}

/** The images and target groups that answered `count` requests on the listener at `origin`. */
async function answers(origin: string, count = 4): Promise<string[]> {
  const seen = new Set<string>();
  for (let sent = 0; sent < count; sent += 1) {
    const answer: ProxiedAnswer = await proxiedRequest(running.port, `${origin}/health`);
    const image = answer.status === 200 ? String(JSON.parse(answer.body).image) : `status ${answer.status}`;
    seen.add(`${answer.headers['x-emulator-target-group']} ${image}`);
  }
  return [...seen].sort();
}

describe('traffic through an ECS blue/green deployment’s listeners', () => {
  it('sends the test listener’s requests to the green tasks while production stays on blue', async () => {
    const stack = await blueGreenStack(elbv2, 'web');
    const described = await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
    const dns = described.LoadBalancers?.[0]?.DNSName ?? '';
    const production = `http://${dns}:80`;
    const test = `http://${dns}:8080`;
    await createFargateService(ecs, {
      serviceName: 'web',
      taskDefinition: await registerWeb(ecs, 'web', 'web:v1'),
      loadBalancers: [
        {
          targetGroupArn: stack.blue,
          containerName: 'web',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: stack.green,
            productionListenerRule: stack.productionRule,
            testListenerRule: stack.testRule,
            roleArn: 'arn:aws:iam::000000000000:role/ecs-infrastructure',
          },
        },
      ],
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 1,
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      },
    });
    await until((deployment) => deployment.status === 'SUCCESSFUL');
    expect(await answers(test)).toEqual(['web-blue web:v1']);
    expect(await answers(production)).toEqual(['web-blue web:v1']);

    const v2 = await registerWeb(ecs, 'web', 'web:v2');
    await ecs.send(new UpdateServiceCommand({ cluster: 'apps', service: 'web', taskDefinition: v2 }));
    const paused = await until((deployment) => awaitingHook(deployment) !== undefined);
    expect(paused.lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT');
    // The green targets finish their first health checks while the hook holds the deployment.
    const greenAnswers = async (): Promise<boolean> =>
      JSON.stringify(await answers(test)) === JSON.stringify(['web-green web:v2']);
    expect(await advanceUntil(control, greenAnswers)).toBe(true);
    expect(awaitingHook(await latestDeployment(ecs, 'web'))).toBe(awaitingHook(paused));
    expect(await answers(production)).toEqual(['web-blue web:v1']);

    // What a rollout gate's http check sees when the new image is broken: only on the test listener.
    await control.setImageHttp('web:v2', { httpStatus: 500, httpBody: 'broken' });
    const broken = await proxiedRequest(running.port, `${test}/health`);
    expect(broken).toMatchObject({ status: 500, body: 'broken' });
    expect(broken.headers['x-emulator-target-group']).toBe('web-green');
    expect((await proxiedRequest(running.port, `${production}/health`)).status).toBe(200);

    await control.setImageHttp('web:v2', { httpStatus: 200, httpBody: 'ok' });
    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId: awaitingHook(paused),
        action: 'CONTINUE',
      }),
    );
    await until((deployment) => deployment.lifecycleStage === 'BAKE_TIME');
    const promoted = await proxiedRequest(running.port, `${production}/health`);
    expect(promoted).toMatchObject({ status: 200, body: 'ok' });
    expect(promoted.headers['x-emulator-target-group']).toBe('web-green');
  });
});
