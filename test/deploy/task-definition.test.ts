import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../deploy/${path}`, import.meta.url), 'utf8'));
}

interface Container {
  name: string;
  command: string[];
  user: string;
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
  healthCheck: { command: string[] };
  portMappings: { containerPort: number }[];
}

const taskDefinition = readJson('task-definition.json') as {
  family: string;
  requiresCompatibilities: string[];
  networkMode: string;
  containerDefinitions: Container[];
};
const container = taskDefinition.containerDefinitions[0] as Container;

describe('deploy/task-definition.json', () => {
  it('is a Fargate task logging to CloudWatch through awslogs', () => {
    expect(taskDefinition.requiresCompatibilities).toEqual(['FARGATE']);
    expect(taskDefinition.networkMode).toBe('awsvpc');
    expect(container.logConfiguration.logDriver).toBe('awslogs');
    expect(Object.keys(container.logConfiguration.options)).toEqual(
      expect.arrayContaining(['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix']),
    );
    expect(container.command).toEqual(['serve']);
    expect(container.user).not.toMatch(/^(root|0)$/);
  });

  it('has an environment that configures serve, with the token from Secrets Manager', () => {
    expect(container.environment.map((variable) => variable.name)).not.toContain('SHIPSHAPE_API_TOKEN');
    expect(container.secrets).toEqual([
      { name: 'SHIPSHAPE_API_TOKEN', valueFrom: expect.stringMatching(/^arn:aws:secretsmanager:/) },
    ]);
    const env = Object.fromEntries(container.environment.map((variable) => [variable.name, variable.value]));
    const result = loadConfig(
      { ...env, SHIPSHAPE_API_TOKEN: 'from-secrets-manager-0123' },
      container.command.slice(1),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.config.apiPort).toBe(container.portMappings[0]?.containerPort);
  });
});

describe('deploy/service.json', () => {
  it('runs that task definition on Fargate without a public address', () => {
    const service = readJson('service.json') as {
      taskDefinition: string;
      launchType: string;
      desiredCount: number;
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: string } };
    };
    expect(service.taskDefinition).toBe(taskDefinition.family);
    expect(service.launchType).toBe('FARGATE');
    expect(service.desiredCount).toBeGreaterThanOrEqual(1);
    expect(service.networkConfiguration.awsvpcConfiguration.assignPublicIp).toBe('DISABLED');
  });
});
