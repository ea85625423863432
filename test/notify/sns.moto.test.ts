import { type ChildProcess, spawn } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, ListTopicsCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, localClientConfig } from '../../src/local/client-config.ts';
import { Notifier, transportFor } from '../../src/notify/index.ts';
import { ensureTable, FencedState, isFencedOut, StateStore } from '../../src/state/index.ts';
import { waitFor } from '../faults/cluster-tools.ts';
import { freePort } from '../local/listening.ts';
import { createTable, leadingToken, startDynamo, type TestDynamo, tableName } from '../state/dynamo.ts';
import { motoAvailable } from '../state/moto.ts';

const REGION = 'us-east-1';

async function startMotoServer(): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const sns = new SNSClient(localClientConfig(endpoint, REGION));
  try {
    await waitFor(
      'moto to answer',
      async () => {
        if (child.exitCode !== null) throw new Error(`moto.server exited with ${child.exitCode}`);
        return sns
          .send(new ListTopicsCommand({}))
          .then(() => true)
          .catch(() => false);
      },
      30_000,
    );
  } finally {
    sns.destroy();
  }
  return { endpoint, child };
}

if (!motoAvailable()) {
  describe('SNS notifications (moto)', () => {
    it.skip('needs python3 with moto (pip install "moto[server]"); skipped', () => {});
  });
} else {
  describe('SNS notifications (moto)', () => {
    let moto: { endpoint: string; child: ChildProcess };
    let dynamo: TestDynamo;

    beforeAll(async () => {
      [moto, dynamo] = await Promise.all([startMotoServer(), startDynamo()]);
    }, 60_000);
    afterAll(async () => {
      moto?.child.kill('SIGTERM');
      await dynamo?.close();
    });

    async function setUp(topicArn: string) {
      const table = await createTable(dynamo);
      const store = new StateStore({ client: dynamo.client, table, fenceMode: 'check-then-write' });
      const { token } = await leadingToken(dynamo.client, table);
      const notifier = new Notifier({
        receivers: [{ type: 'sns', name: 'topic', topicArn, endpoint: moto.endpoint, maxAttempts: 2 }],
        transportFor: (receiver) =>
          transportFor(receiver, { region: REGION, credentials: { ...LOCAL_CREDENTIALS } }),
        store,
        fenced: new FencedState({ isLeader: () => true, fencingToken: () => token }),
        pacing: { windowMs: 50, backoffBaseMs: 5, backoffCapMs: 20 },
      });
      store.tapEvents(notifier.tap);
      await notifier.startLeading();
      const record = (identity: string, reason: string) =>
        store.recordEvent(
          { identity, at: new Date().toISOString(), type: 'Warning', reason, message: reason },
          token,
        );
      const drained = () =>
        waitFor('the outbox to empty', async () => (await store.listOutbox()).length === 0);
      return { store, notifier, record, drained };
    }

    it('publishes each notification to the topic, the JSON as the message', async () => {
      const sns = new SNSClient(localClientConfig(moto.endpoint, REGION));
      const sqs = new SQSClient(localClientConfig(moto.endpoint, REGION));
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'shipshape-alerts' }));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'alerts-copy' }));
      const attributes = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      await sns.send(
        new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: attributes.Attributes?.QueueArn ?? '' }),
      );
      const { record, drained, notifier } = await setUp(TopicArn ?? '');
      await record('Service/shop/web', 'DriftDetected');
      await record('Service/shop/web', 'Degraded');
      await drained();
      const received: { Subject: string; Message: string }[] = [];
      await waitFor('two messages in the queue', async () => {
        const page = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
        for (const message of page.Messages ?? []) {
          received.push(JSON.parse(message.Body ?? '{}'));
          await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
        }
        return received.length >= 2;
      });
      expect(received.map((message) => message.Subject).sort()).toEqual([
        'Degraded: Service/shop/web',
        'DriftDetected: Service/shop/web',
      ]);
      expect(received.map((message) => JSON.parse(message.Message).reason).sort()).toEqual([
        'Degraded',
        'DriftDetected',
      ]);
      await notifier.close();
      sns.destroy();
      sqs.destroy();
    });

    it("writes the outbox item in the event's transaction: both or neither (DynamoDB transactions)", async () => {
      const client = new DynamoDBClient(localClientConfig(moto.endpoint, REGION));
      const table = tableName('outbox');
      await ensureTable(client, table);
      const store = new StateStore({ client, table, fenceMode: 'transaction' });
      const { token } = await leadingToken(client, table);
      store.tapEvents({
        entryFor: (event, id) => ({ ...event, id, pending: ['topic'] }),
        recorded: () => {},
      });
      const event = { identity: 'Service/shop/web', at: new Date().toISOString(), type: 'Warning' as const };
      await store.recordEvent({ ...event, reason: 'DriftDetected', message: 'kept' }, token);
      const refused = await store
        .recordEvent({ ...event, reason: 'Degraded', message: 'fenced' }, token - 1)
        .catch((error: unknown) => error);
      expect(isFencedOut(refused)).toBe(true);
      expect((await store.listOutbox()).map((entry) => entry.message)).toEqual(['kept']);
      expect((await store.listEvents(undefined, 10)).map((entry) => entry.message)).toEqual(['kept']);
      client.destroy();
    });

    it('logs a topic that does not exist as failed, by its error name', async () => {
      const { record, drained, store, notifier } = await setUp('arn:aws:sns:us-east-1:123456789012:nowhere');
      await record('Service/shop/web', 'DriftDetected');
      await drained();
      const [logged] = await store.listDeliveries();
      expect(logged).toMatchObject({ outcome: 'failed', receiver: 'topic' });
      expect(logged?.error).toMatch(/^NotFound\w* \(HTTP 404\)$/);
      await notifier.close();
    });
  });
}
