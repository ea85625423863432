import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Config, loadConfig, type ReceiverConfig } from '../../src/config/index.ts';

const BASE = { SHIPSHAPE_SOURCE: 'file:///m', SHIPSHAPE_STATE_TABLE: 'state', AWS_REGION: 'eu-west-1' };
const SECRET = 'a-webhook-secret-0123456789';
const SLACK = 'https://hooks.slack.com/services/T000/B000/verySecretSlackPart';

function load(notifications: unknown) {
  return loadConfig(
    {
      ...BASE,
      SHIPSHAPE_NOTIFICATIONS:
        typeof notifications === 'string' ? notifications : JSON.stringify(notifications),
    },
    [],
  );
}

function errorsOf(notifications: unknown): readonly string[] {
  const result = load(notifications);
  return result.ok ? [] : result.errors;
}

describe('notifications in the configuration', () => {
  it('types receivers from the schema, one shape per type', () => {
    expectTypeOf<Config['notifications']>().toEqualTypeOf<readonly ReceiverConfig[]>();
    expectTypeOf<Extract<ReceiverConfig, { type: 'webhook' }>['secret']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<ReceiverConfig, { type: 'sns' }>['topicArn']>().toEqualTypeOf<string>();
    expectTypeOf<ReceiverConfig['reasons']>().toEqualTypeOf<
      | readonly (
          | 'DriftDetected'
          | 'Healed'
          | 'Degraded'
          | 'Recovered'
          | 'RolledBack'
          | 'RevisionApplied'
          | 'RevisionRejected'
          | 'PruneHeld'
        )[]
      | undefined
    >();
  });

  it('is empty unless set, and reads every receiver type', () => {
    const none = loadConfig(BASE, []);
    expect(none.ok && none.config.notifications).toEqual([]);
    const receivers = [
      {
        type: 'webhook',
        name: 'ops',
        url: 'https://hooks.example.com/x',
        secret: SECRET,
        reasons: ['RolledBack'],
      },
      { type: 'slack', name: 'chat', url: SLACK, namespaces: ['shop'], kinds: ['Service'], maxPerMinute: 5 },
      { type: 'sns', name: 'pager', topicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', maxAttempts: 3 },
    ];
    const result = load(receivers);
    expect(result.ok && result.config.notifications).toEqual(receivers);
  });

  it('names the receiver and the field, never the value', () => {
    const errors = errorsOf([
      { type: 'webhook', name: 'ops', url: 'https://h.example.com', secret: 'short' },
      { type: 'slack', name: 'chat', url: SLACK, reasons: ['Exploded'], colour: 'red' },
      { type: 'pigeon', name: 'bird' },
      { type: 'sns', name: 'pager' },
    ]);
    expect(errors).toEqual([
      'SHIPSHAPE_NOTIFICATIONS: notifications[0] ("ops").secret: must NOT have fewer than 16 characters',
      'SHIPSHAPE_NOTIFICATIONS: notifications[1] ("chat"): unknown field "colour"',
      'SHIPSHAPE_NOTIFICATIONS: notifications[1] ("chat").reasons[0]: must be one of DriftDetected, Healed, Degraded, Recovered, RolledBack, RevisionApplied, RevisionRejected, PruneHeld',
      'SHIPSHAPE_NOTIFICATIONS: notifications[2] ("bird"): "type" must be one of webhook, slack, sns',
      'SHIPSHAPE_NOTIFICATIONS: notifications[3] ("pager"): missing "topicArn"',
    ]);
    expect(errors.join('\n')).not.toContain('verySecretSlackPart');
  });

  it('rejects text that is not a JSON array, without echoing it', () => {
    for (const text of [`[{"type":"slack","url":"${SLACK}"`, '{"type":"slack"}']) {
      const errors = errorsOf(text);
      expect(errors).toEqual([
        'SHIPSHAPE_NOTIFICATIONS: must be a JSON array of receivers (it is not JSON, or not an array)',
      ]);
    }
  });

  it('rejects two receivers of one name', () => {
    expect(
      errorsOf([
        { type: 'slack', name: 'chat', url: SLACK },
        { type: 'slack', name: 'chat', url: SLACK },
      ]),
    ).toEqual([
      'SHIPSHAPE_NOTIFICATIONS: notifications[1].name: "chat" is already the name of another receiver',
    ]);
  });
});
