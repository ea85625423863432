import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { Availability, RunningTarget, TargetSpec } from '../target.ts';

const IMAGE = process.env.LOCALSTACK_IMAGE ?? 'localstack/localstack:4';
const SERVICES = ['ecs', 'elbv2', 'efs', 'servicediscovery', 'application-autoscaling'];
const REGION = 'us-east-1';
const EDGE_PORT = 4566;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * LocalStack in Docker through testcontainers. Since March 2026 its image needs an auth token
 * (LOCALSTACK_AUTH_TOKEN), and ECS, ELBv2, EFS, Cloud Map and Application Auto Scaling are in its
 * paid tier. Operations are assumed supported (a failure shows where they are not); no life,
 * control or throttling.
 */
export const localstackTarget: TargetSpec = {
  name: 'localstack',
  available: checkLocalStack,
  supports: (capability) => SERVICES.some((service) => capability.startsWith(`${service}:`)),
  start: async (): Promise<RunningTarget> => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(IMAGE)
      .withExposedPorts(EDGE_PORT)
      .withEnvironment({
        SERVICES: SERVICES.join(','),
        LOCALSTACK_AUTH_TOKEN: process.env.LOCALSTACK_AUTH_TOKEN ?? '',
      })
      .withWaitStrategy(Wait.forHttp('/_localstack/health', EDGE_PORT).forStatusCode(200))
      .start();
    return {
      endpoint: `http://${container.getHost()}:${container.getMappedPort(EDGE_PORT)}`,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      close: async () => {
        await container.stop();
      },
    };
  },
};

async function checkLocalStack(): Promise<Availability> {
  const docker = await probeDocker();
  if (!docker.ok) return docker;
  if (!process.env.LOCALSTACK_AUTH_TOKEN) {
    return { ok: false, reason: 'LOCALSTACK_AUTH_TOKEN is not set (the LocalStack image requires one)' };
  }
  try {
    await import('testcontainers');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `testcontainers cannot be loaded here: ${String(error)}` };
  }
}

/** Asks the Docker daemon named by DOCKER_HOST (or the default socket) for /_ping. */
function probeDocker(): Promise<Availability> {
  const where = dockerAddress();
  if (where === undefined) {
    return Promise.resolve({
      ok: false,
      reason: 'no Docker daemon: DOCKER_HOST is unset and /var/run/docker.sock is absent',
    });
  }
  return new Promise((resolve) => {
    const probe = request({ ...where.options, path: '/_ping', timeout: PROBE_TIMEOUT_MS }, (response) => {
      response.resume();
      resolve(
        response.statusCode === 200
          ? { ok: true }
          : {
              ok: false,
              reason: `the Docker daemon at ${where.label} answered ${String(response.statusCode)}`,
            },
      );
    });
    probe.on('timeout', () => probe.destroy(new Error('no answer')));
    probe.on('error', (error) => {
      resolve({ ok: false, reason: `no Docker daemon answers at ${where.label}: ${error.message}` });
    });
    probe.end();
  });
}

function dockerAddress():
  | { readonly label: string; readonly options: { socketPath: string } | { host: string; port: number } }
  | undefined {
  const configured = process.env.DOCKER_HOST;
  if (configured?.startsWith('unix://')) {
    return { label: configured, options: { socketPath: configured.slice('unix://'.length) } };
  }
  if (configured?.startsWith('tcp://')) {
    const url = new URL(configured.replace(/^tcp:/, 'http:'));
    return { label: configured, options: { host: url.hostname, port: Number(url.port || 2375) } };
  }
  const socketPath = '/var/run/docker.sock';
  return existsSync(socketPath) ? { label: socketPath, options: { socketPath } } : undefined;
}
