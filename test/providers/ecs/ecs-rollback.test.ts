import type { Service } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { ecsRollbackOf, ecsRollsBack, sameTaskDefinition } from '../../../src/providers/ecs/ecs-rollback.ts';

const TD = (revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/api:${revision}`;
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, seconds));

/** DescribeServices answers as ECS gives them during and after a circuit-breaker rollback. */
describe('ecsRollbackOf', () => {
  it('sees a failed deployment of another task definition still draining beside the PRIMARY', () => {
    const service: Service = {
      taskDefinition: TD(1),
      deployments: [
        {
          id: 'ecs-svc/2',
          status: 'PRIMARY',
          taskDefinition: TD(1),
          rolloutState: 'IN_PROGRESS',
          createdAt: at(30),
        },
        {
          id: 'ecs-svc/1',
          status: 'ACTIVE',
          taskDefinition: TD(2),
          rolloutState: 'FAILED',
          rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
        },
      ],
    };
    expect(ecsRollbackOf(service, undefined)).toEqual({
      deploymentId: 'ecs-svc/2',
      failedTaskDefinition: TD(2),
      message: `ECS rolled back ${TD(2)} to ${TD(1)}: ECS deployment circuit breaker: tasks failed to start.`,
    });
  });

  it('sees a PRIMARY started by a rollback by its reason while it rolls, naming what was wanted as failed', () => {
    const service: Service = {
      deployments: [
        {
          id: 'ecs-svc/3',
          status: 'PRIMARY',
          taskDefinition: TD(1),
          rolloutState: 'IN_PROGRESS',
          rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.',
          createdAt: at(30),
        },
      ],
    };
    expect(ecsRollbackOf(service, 'api:2')?.failedTaskDefinition).toBe('api:2');
    // The manifest asks for what runs: nothing failed.
    expect(ecsRollbackOf(service, 'api:1')).toBeUndefined();
    expect(ecsRollbackOf(service, undefined)).toBeUndefined();
  });

  it('sees it after the rollback completed by the service event logged when it started, not by an older one', () => {
    const completed = (eventAt: Date): Service => ({
      deployments: [
        {
          id: 'ecs-svc/3',
          status: 'PRIMARY',
          taskDefinition: TD(1),
          rolloutState: 'COMPLETED',
          rolloutStateReason: 'ECS deployment ecs-svc/3 completed.',
          createdAt: at(30),
        },
      ],
      events: [
        { createdAt: at(59), message: '(service api) has reached a steady state.' },
        {
          createdAt: eventAt,
          message: '(service api) (deployment ecs-svc/2) deployment failed: rolling back to ecs-svc/1.',
        },
      ],
    });
    expect(ecsRollbackOf(completed(at(30)), TD(2))?.message).toMatch(/rolling back to ecs-svc\/1/);
    // An older rollback's event, ten minutes before this deployment started, says nothing about it.
    const tenMinutesBefore = new Date(at(30).getTime() - 10 * 60_000);
    expect(ecsRollbackOf(completed(tenMinutesBefore), TD(2))).toBeUndefined();
  });

  it('sees nothing in an ordinary deployment', () => {
    expect(
      ecsRollbackOf(
        { deployments: [{ id: 'd', status: 'PRIMARY', taskDefinition: TD(2), rolloutState: 'IN_PROGRESS' }] },
        TD(2),
      ),
    ).toBeUndefined();
  });
});

describe('ecsRollsBack and sameTaskDefinition', () => {
  it('knows when ECS rolls back itself', () => {
    expect(
      ecsRollsBack({
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    ).toBe(true);
    expect(
      ecsRollsBack({
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
      }),
    ).toBe(false);
    expect(
      ecsRollsBack({
        deploymentConfiguration: { alarms: { alarmNames: ['x'], enable: true, rollback: true } },
      }),
    ).toBe(true);
    expect(ecsRollsBack({})).toBe(false);
  });

  it('matches an ARN with its family:revision', () => {
    expect(sameTaskDefinition(TD(2), 'api:2')).toBe(true);
    expect(sameTaskDefinition('api:2', TD(2))).toBe(true);
    expect(sameTaskDefinition(TD(2), 'api:12')).toBe(false);
  });
});
