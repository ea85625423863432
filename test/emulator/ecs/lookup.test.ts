import type { ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../../src/emulator/control-client.ts';
import { ecsServiceExists, setServiceDesiredCount } from '../../../src/emulator/ecs/lookup.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import {
  advance,
  createFargateService,
  describeService,
  ecsClient,
  registerWeb,
  tasksOf,
} from './fixtures.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ecs: ECSClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ecs = ecsClient(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

describe('the ECS lookup used by Application Auto Scaling', () => {
  it('knows ACTIVE services only', async () => {
    const world = running.emulator.worlds.region('us-east-1');
    expect(ecsServiceExists(world, 'apps', 'api')).toBe(false);
    await createFargateService(ecs, {
      serviceName: 'api',
      taskDefinition: await registerWeb(ecs, 'api', 'api:1'),
    });
    expect(ecsServiceExists(world, 'apps', 'api')).toBe(true);
    expect(ecsServiceExists(running.emulator.worlds.region('eu-west-1'), 'apps', 'api')).toBe(false);
  });

  it('scales a service as Application Auto Scaling does, with an event', async () => {
    await createFargateService(ecs, {
      serviceName: 'api',
      taskDefinition: await registerWeb(ecs, 'api', 'api:1'),
    });
    await advance(control, 30_000);
    const world = running.emulator.worlds.region('us-east-1');
    setServiceDesiredCount(world, 'apps', 'api', 4, running.emulator.clock.now());
    const service = await describeService(ecs, 'api');
    expect(service.desiredCount).toBe(4);
    expect(service.deployments?.[0]?.desiredCount).toBe(4);
    expect(service.events?.map((event) => event.message)).toContain(
      '(service api) desired count changed to 4 by Application Auto Scaling.',
    );
    await advance(control, 30_000);
    expect(await tasksOf(ecs, 'api', 'RUNNING')).toHaveLength(4);
  });
});
