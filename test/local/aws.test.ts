import { createServer } from 'node:http';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { startLocalAws } from '../../src/local/aws.ts';
import { localClientConfig } from '../../src/local/client-config.ts';
import { closeServer, listen } from '../../src/local/listen.ts';
import { freePort, isListening } from './listening.ts';

describe('startLocalAws', () => {
  it('starts the emulator, DynamoDB and S3 with one call, each answering its SDK client', async () => {
    const local = await startLocalAws({ region: 'eu-west-1', buckets: ['manifests'] });
    const ecs = new ECSClient(local.clientConfig('ecs'));
    const dynamodb = new DynamoDBClient(local.clientConfig('dynamodb'));
    const s3 = new S3Client(local.clientConfig('s3'));
    try {
      expect(local.region).toBe('eu-west-1');
      expect(new Set([local.endpoints.aws, local.endpoints.dynamodb, local.endpoints.s3]).size).toBe(3);
      expect(local.clientConfig('elbv2').endpoint).toBe(local.endpoints.aws);
      expect(local.clientConfig('application-autoscaling').endpoint).toBe(local.endpoints.aws);

      const clusters = await ecs.send(new ListClustersCommand({}));
      expect(clusters.clusterArns).toEqual([]);
      const tables = await dynamodb.send(new ListTablesCommand({}));
      expect(tables.TableNames).toEqual([]);
      const buckets = await s3.send(new ListBucketsCommand({}));
      expect(buckets.Buckets?.map((bucket) => bucket.Name)).toEqual(['manifests']);
    } finally {
      for (const client of [ecs, dynamodb, s3]) client.destroy();
      await local.close();
    }
    for (const endpoint of Object.values(local.endpoints)) {
      expect(await isListening(endpoint)).toBe(false);
    }
    await local.close();
  });

  it('stops what did start when one part cannot start, and says why', async () => {
    const occupied = createServer();
    const dynamodbPort = await listen(occupied, '127.0.0.1', 0);
    const [emulatorPort, s3Port] = [await freePort(), await freePort()];
    try {
      const failing = startLocalAws({
        ports: { emulator: emulatorPort, dynamodb: dynamodbPort, s3: s3Port },
      });
      await expect(failing).rejects.toThrow(/local AWS did not start: .*EADDRINUSE/);
      expect(await isListening(`http://127.0.0.1:${emulatorPort}`)).toBe(false);
      expect(await isListening(`http://127.0.0.1:${s3Port}`)).toBe(false);
    } finally {
      await closeServer(occupied);
    }
  });

  it('gives any SDK client the local endpoint, region and test credentials', () => {
    const config = localClientConfig('http://127.0.0.1:4566', 'us-east-1');
    expect(config).toMatchObject({
      endpoint: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      forcePathStyle: true,
    });
    expect(localClientConfig('x', 'y').credentials).not.toBe(config.credentials);
  });
});
