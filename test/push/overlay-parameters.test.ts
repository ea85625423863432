import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { LOCAL_CREDENTIALS, localClientConfig } from '../../src/local/client-config.ts';
import { type LocalS3, startLocalS3 } from '../../src/local/s3.ts';
import { formatDiagnostic } from '../../src/manifest/diagnostic.ts';
import { push } from '../../src/push/push.ts';
import { ssmParameterStore } from '../../src/source/ssm-parameter-store.ts';
import { clusterYaml } from '../source/manifests.ts';
import { bucketContents, writeTree } from './bucket.ts';

const BUCKET = 'parameters';
const OVERLAY = 'base: ../base\nnamespace: dev\nparameters:\n  cluster_name: /dev/cluster-name\n';

let s3: LocalS3;
let emulator: RunningEmulator;
let client: S3Client;
let ssm: SSMClient;
let work: string;

beforeAll(async () => {
  [s3, emulator] = await Promise.all([startLocalS3({ buckets: [BUCKET] }), startEmulator()]);
  client = new S3Client(localClientConfig(s3.endpoint, 'us-east-1'));
  ssm = new SSMClient({ ...localClientConfig(emulator.endpoint, 'us-east-1'), maxAttempts: 1 });
  work = await mkdtemp(join(tmpdir(), 'shipshape-push-parameters-'));
});

afterAll(async () => {
  client?.destroy();
  ssm?.destroy();
  await Promise.all([s3?.close(), emulator?.close()]);
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('push validates an overlay with its SSM parameters', () => {
  it('a parameter missing from SSM is an error at the overlay line; once it exists, the push lands', async () => {
    const dir = join(work, 'tree');
    await writeTree(dir, {
      'base/cluster.yaml': clusterYaml('main', `  clusterName: \${cluster_name}`),
      'dev/overlay.yaml': OVERLAY,
    });
    const parameters = ssmParameterStore({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { ...LOCAL_CREDENTIALS },
    });
    try {
      const before = await bucketContents(client, BUCKET);
      const invalid = await push({ client, dir, bucket: BUCKET, prefix: 'envs/', parameters });
      expect(invalid.kind).toBe('invalid');
      expect(invalid.kind === 'invalid' ? invalid.errors.map(formatDiagnostic) : []).toContain(
        `${dir}/dev/overlay.yaml:4:17: parameters.cluster_name: SSM parameter "/dev/cluster-name" does not exist (for \${cluster_name}) [SS119]`,
      );
      expect(await bucketContents(client, BUCKET)).toEqual(before);

      await ssm.send(
        new PutParameterCommand({ Name: '/dev/cluster-name', Value: 'dev-main', Type: 'String' }),
      );
      const pushed = await push({ client, dir, bucket: BUCKET, prefix: 'envs/', parameters });
      expect(pushed.kind).toBe('pushed');
      expect(Object.keys(await bucketContents(client, BUCKET))).toContain('envs/dev/overlay.yaml');
    } finally {
      parameters.destroy();
    }
  });
});
