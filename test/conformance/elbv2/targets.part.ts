import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { type Elbv2Suite, expectAwsError } from './context.ts';
import { differs, type MotoDifference } from './differences.ts';
import { createWebStack } from './stack.ts';

const STATES = ['initial', 'healthy', 'unhealthy', 'unhealthy.draining', 'unused', 'draining', 'unavailable'];

export function targetConformance(suite: Elbv2Suite): void {
  const { spec } = suite;
  const supports = (operation: string, difference?: MotoDifference) =>
    spec.supports(`elbv2:${operation}`) && (difference === undefined || !differs(spec, difference));

  describe('targets', () => {
    it.skipIf(!supports('RegisterTargets') || !supports('DescribeTargetHealth'))(
      'registers ip targets on the target group port and describes their health',
      async () => {
        const { targetGroupArn } = await createWebStack(suite);
        await suite.client().send(
          new RegisterTargetsCommand({
            TargetGroupArn: targetGroupArn,
            Targets: [{ Id: '10.0.0.10' }, { Id: '10.0.0.11', Port: 9000 }],
          }),
        );
        const answer = await suite
          .client()
          .send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
        const rows = answer.TargetHealthDescriptions ?? [];
        expect(rows.map((row) => `${row.Target?.Id}:${row.Target?.Port}`).sort()).toEqual([
          '10.0.0.10:8080',
          '10.0.0.11:9000',
        ]);
        for (const row of rows) {
          expect(STATES).toContain(row.TargetHealth?.State);
          if (!differs(spec, 'health-check-port')) expect(row.HealthCheckPort).toBe(String(row.Target?.Port));
        }
      },
    );

    it.skipIf(!supports('DescribeTargetHealth') || !spec.supports('life:target-health'))(
      'starts a new target in initial with a registration reason',
      async () => {
        const { targetGroupArn } = await createWebStack(suite);
        await suite
          .client()
          .send(
            new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.0.12' }] }),
          );
        const answer = await suite
          .client()
          .send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
        expect(answer.TargetHealthDescriptions?.[0]?.TargetHealth).toMatchObject({
          State: 'initial',
          Reason: 'Elb.RegistrationInProgress',
        });
      },
    );

    it.skipIf(!supports('DeregisterTargets', 'target-draining'))(
      'deregisters a target, which then drains',
      async () => {
        const { targetGroupArn } = await createWebStack(suite);
        await suite
          .client()
          .send(
            new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.0.13' }] }),
          );
        await suite
          .client()
          .send(
            new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '10.0.0.13' }] }),
          );
        const answer = await suite.client().send(
          new DescribeTargetHealthCommand({
            TargetGroupArn: targetGroupArn,
            Targets: [{ Id: '10.0.0.13', Port: 8080 }],
          }),
        );
        expect(answer.TargetHealthDescriptions?.[0]?.TargetHealth).toMatchObject({
          State: 'draining',
          Reason: 'Target.DeregistrationInProgress',
        });
      },
    );

    it.skipIf(!supports('RegisterTargets'))(
      'says TargetGroupNotFound for an unknown target group',
      async () => {
        const { targetGroupArn } = await createWebStack(suite);
        await expectAwsError(
          suite.client().send(
            new RegisterTargetsCommand({
              TargetGroupArn: `${targetGroupArn.slice(0, -16)}0000000000000000`,
              Targets: [{ Id: '10.0.0.14' }],
            }),
          ),
          'TargetGroupNotFoundException',
        );
      },
    );
  });
}
