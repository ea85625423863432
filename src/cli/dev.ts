import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../config/index.ts';
import { startLocalAws } from '../local/aws.ts';
import { localClientConfig } from '../local/client-config.ts';
import { createLogger } from '../log.ts';
import { formatDiagnostic } from '../manifest/diagnostic.ts';
import { push } from '../push/push.ts';
import { startShipshape } from '../runtime/shipshape.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { waitForShutdown } from './shutdown.ts';

const USAGE = `usage: shipshape dev [--port N] [flags of serve]

The embedded default: starts the AWS emulator (ECS, ELBv2, EFS, Cloud Map, Application Auto
Scaling), a local DynamoDB and a local S3 bucket, loads the example manifests into the bucket,
and runs the operator with its API and dashboard. No AWS account needed.`;

const BUCKET = 'shipshape-manifests';
const PREFIX = 'examples/';
const EXAMPLES = fileURLToPath(new URL('../../manifests/examples/', import.meta.url));

export const devCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const local = await startLocalAws({ clock: 'real', buckets: [BUCKET] });
    // As a user would: one commit, its record written last (docs/SOURCES.md, "Push").
    const s3 = new S3Client(localClientConfig(local.endpoints.s3, local.region));
    try {
      const pushed = await push({ client: s3, dir: EXAMPLES, bucket: BUCKET, prefix: PREFIX });
      if (pushed.kind === 'invalid') {
        throw new Error(
          `the example manifests are invalid: ${pushed.errors.map(formatDiagnostic).join('; ')}`,
        );
      }
    } catch (error) {
      await local.close();
      throw error;
    } finally {
      s3.destroy();
    }
    const token = randomBytes(24).toString('hex');
    const loaded = loadConfig(process.env, args, {
      source: `s3://${BUCKET}/${PREFIX}`,
      stateTable: 'shipshape-state',
      region: local.region,
      endpoint: local.endpoints.aws,
      // The emulator answers HTTP for its load balancers' listeners: the rollout gate's http checks go through it.
      probeProxy: local.endpoints.aws,
      instance: 'dev',
      replicaId: 'dev',
      apiHost: '127.0.0.1',
      apiPort: 8080,
      apiToken: token,
      pollSeconds: 5,
      resyncSeconds: 30,
      driftScanSeconds: 10,
    });
    if (!loaded.ok) {
      await local.close();
      io.stderr(
        `shipshape dev: the configuration is invalid:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`,
      );
      return USAGE_ERROR;
    }
    const { config } = loaded;
    await mkdir('.shipshape', { recursive: true });
    await writeFile('.shipshape/dev-token', `${config.apiToken ?? token}\n`, { mode: 0o600 });
    const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
    const running = await startShipshape(config, logger, {
      dynamodb: local.endpoints.dynamodb,
      s3: local.endpoints.s3,
      credentials: {
        accessKeyId: local.credentials.accessKeyId,
        secretAccessKey: local.credentials.secretAccessKey,
      },
      fenceMode: 'check-then-write',
    });
    io.stdout(
      [
        '',
        'Shipshape dev is running (emulated AWS, local DynamoDB and S3, the five example workloads).',
        '',
        `  Dashboard   ${running.url}/`,
        `  Status      curl ${running.url}/status`,
        `  API docs    ${running.url}/docs`,
        `  Emulator    ${local.endpoints.aws}  (aws --endpoint-url ${local.endpoints.aws} --region ${local.region} ecs list-clusters)`,
        `  Manifests   s3://${BUCKET}/${PREFIX} at ${local.endpoints.s3}`,
        '  API token   in .shipshape/dev-token (for POST /sync and friends)',
        '',
        'Break something and watch it heal, for example scale a service by hand:',
        `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${local.endpoints.aws} --region ${local.region} \\`,
        '    ecs update-service --cluster uoc-tfm-cluster --service uoc-tfm-worker-service --desired-count 5',
        `then watch ${running.url}/drift: it shows desiredCount drift, and within a scan it is put back.`,
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
    await waitForShutdown(async () => {
      await running.close();
      await local.close();
    });
    return 0;
  },
};
