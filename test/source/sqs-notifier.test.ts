import {
  CreateBucketCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/local/client-config.ts';
import { ManualScheduler } from '../../src/reconcile/manual-scheduler.ts';
import { RevisionTracker } from '../../src/source/revision-tracker.ts';
import { S3Source } from '../../src/source/s3-source.ts';
import { SqsNotifier } from '../../src/source/sqs-notifier.ts';
import { clusterYaml, identities } from './manifests.ts';
import { type MotoServer, motoAvailable, startMoto } from './moto-server.ts';

const BUCKET = 'events';
const available = motoAvailable();
if (!available) console.log('[sqs-notifier] skipped: python3 cannot import moto.server');

describe.skipIf(!available)('SqsNotifier against moto (S3 event notifications to SQS)', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let sqs: SQSClient;
  let queueUrl: string;

  beforeAll(async () => {
    moto = await startMoto();
    s3 = new S3Client(localClientConfig(moto.endpoint, 'us-east-1'));
    sqs = new SQSClient(localClientConfig(moto.endpoint, 'us-east-1'));
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'shipshape-events' }))).QueueUrl ?? '';
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: BUCKET,
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              QueueArn: attributes.Attributes?.QueueArn,
              Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'],
            },
          ],
        },
      }),
    );
  }, 60_000);

  afterAll(async () => {
    s3?.destroy();
    sqs?.destroy();
    await moto?.close();
  });

  it('looks at the prefix when a commit lands, with polling never firing', async () => {
    const scheduler = new ManualScheduler();
    const notifier = new SqsNotifier({
      client: sqs,
      queueUrl,
      bucket: BUCKET,
      prefix: 'prod/',
      waitTimeSeconds: 1,
      scheduler,
    });
    const tracker = new RevisionTracker(
      new S3Source({ client: s3, bucket: BUCKET, prefix: 'prod/', scheduler, notifier }),
    );
    const announced: string[][] = [];
    const committed = new Promise<void>((resolve) => {
      tracker.onRevision((t) => {
        announced.push(identities(t.revision.documents));
        if (t.revision.documents.length > 0) resolve();
      });
    });
    await tracker.start();
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'prod/a.yaml', Body: clusterYaml('a') }));
    // Waits for the notification (the test's timeout is the deadline); the scheduler never moves.
    await committed;
    await tracker.stop();
    expect(announced).toEqual([[], ['Cluster/default/a']]);
  }, 30_000);

  it('deletes every message it reads, those about other prefixes too', async () => {
    const notifier = new SqsNotifier({
      client: sqs,
      queueUrl,
      bucket: BUCKET,
      prefix: 'prod/',
      waitTimeSeconds: 1,
    });
    let looks = 0;
    let looked: () => void = () => undefined;
    const firstLook = new Promise<void>((resolve) => {
      looked = resolve;
    });
    const watch = notifier.subscribe(() => {
      looks++;
      looked();
    });
    const other = { Records: [{ s3: { bucket: { name: BUCKET }, object: { key: 'staging/x.yaml' } } }] };
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(other) }));
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ Event: 's3:TestEvent' }) }),
    );
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'prod/b.yaml', Body: clusterYaml('b') }));
    await firstLook;
    await watch.stop();
    expect(looks).toBeGreaterThanOrEqual(1);
    const left = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(left.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  }, 30_000);
});
