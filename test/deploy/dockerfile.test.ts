import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DROPPED_SUFFIXES } from '../../scripts/image/dropped-files.ts';
import { at, readTemplate } from './cloudformation-tags.ts';
import { argsOf, instructions, stagesOf } from './dockerfile-instructions.ts';

const run = promisify(execFile);
const text = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const ignored = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8');

const all = instructions(text);
const stages = stagesOf(all);
const final = stages.at(-1) ?? [];

/** The exec form of HEALTHCHECK's CMD, as the JSON array it is. */
function healthcheckCommand(): string[] {
  const [healthcheck = ''] = argsOf(final, 'HEALTHCHECK');
  const json = healthcheck.slice(healthcheck.indexOf('CMD ') + 4);
  return JSON.parse(json) as string[];
}

describe('Dockerfile', () => {
  it('builds in one stage and runs from another, on the current Node LTS', () => {
    const image = '$' + '{NODE_IMAGE}';
    expect(stages.map((stage) => stage[0]?.args)).toEqual([`${image} AS build`, `${image} AS runtime`]);
    expect(argsOf(all, 'ARG')[0]).toMatch(/^NODE_IMAGE=node:(22|24)(\.\d+\.\d+)?-slim$/);
    expect(argsOf(stages[0] ?? [], 'RUN')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^npm ci/), 'npm run build']),
    );
    expect(argsOf(final, 'RUN')).toEqual([expect.stringMatching(/^npm ci --omit=dev/)]);
    // The files the size budget leaves out are the ones the image deletes.
    for (const suffix of DROPPED_SUFFIXES) expect(argsOf(final, 'RUN')[0]).toContain(`-name '*${suffix}'`);
    expect(argsOf(final, 'COPY')).toContain('--from=build /app/dist ./dist');
  });

  it('runs as a non-root user, with a health check and the serve command', () => {
    const users = argsOf(final, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    const userAt = final.findIndex((instruction) => instruction.keyword === 'USER');
    const lastRun = final.findLastIndex((instruction) => instruction.keyword === 'RUN');
    expect(userAt).toBeGreaterThan(lastRun);
    expect(argsOf(final, 'ENTRYPOINT')).toEqual(['["node", "bin/shipshape.js"]']);
    expect(argsOf(final, 'CMD')).toEqual(['["serve"]']);
    expect(healthcheckCommand().slice(0, 2)).toEqual(['node', '-e']);
  });

  it('runs the same health check as the task definitions', () => {
    const script = healthcheckCommand()[2];
    const task = JSON.parse(
      readFileSync(new URL('../../deploy/task-definition.json', import.meta.url), 'utf8'),
    );
    expect(at(task, 'containerDefinitions', 0, 'healthCheck', 'command')).toEqual([
      'CMD',
      'node',
      '-e',
      script,
    ]);
    const template = readTemplate();
    expect(
      at(
        template,
        'Resources',
        'TaskDefinition',
        'Properties',
        'ContainerDefinitions',
        0,
        'HealthCheck',
        'Command',
      ),
    ).toEqual(['CMD', 'node', '-e', script]);
  });

  it('sends every path it copies to the build context', () => {
    const sources = argsOf(all, 'COPY')
      .filter((copy) => !copy.startsWith('--from'))
      .flatMap((copy) => copy.split(/\s+/).slice(0, -1));
    const allowed = ignored
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/\/\*\*$/, ''));
    expect(ignored.split('\n')[1]).toBe('**');
    expect(sources.filter((source) => !allowed.includes(source))).toEqual([]);
  });
});

describe('the health check command', () => {
  let healthy: Server;
  let failing: Server;
  const portOf = (server: Server) => String((server.address() as AddressInfo).port);
  const listen = (server: Server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

  beforeAll(async () => {
    healthy = createServer((request, response) => {
      response.writeHead(request.url === '/healthz' ? 200 : 404).end('{"status":"ok"}');
    });
    failing = createServer((_request, response) => response.writeHead(503).end());
    await Promise.all([listen(healthy), listen(failing)]);
  });

  afterAll(async () => {
    await Promise.all([healthy, failing].map((server) => new Promise((done) => server.close(done))));
  });

  async function exitCode(port: string): Promise<number> {
    const [command = '', ...rest] = healthcheckCommand();
    try {
      await run(command === 'node' ? process.execPath : command, rest, {
        env: { ...process.env, SHIPSHAPE_API_PORT: port },
      });
      return 0;
    } catch (error) {
      return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
        ? error.code
        : -1;
    }
  }

  it('passes when GET /healthz answers 200', async () => {
    expect(await exitCode(portOf(healthy))).toBe(0);
  });

  it('fails when the API answers an error', async () => {
    expect(await exitCode(portOf(failing))).toBe(1);
  });
});
