import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadRevision } from '../../src/manifest/index.ts';

const CLUSTER = 'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: shop}\nspec: {}\n';
const TASK = `apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: migrate}
spec:
  containerDefinitions: [{name: migrate, image: "migrate:1", memory: 256}]
`;

function errorsOf(files: Record<string, string>): string[] {
  const result = loadRevision(Object.entries(files).map(([file, content]) => ({ file, content })));
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}

describe('Job manifests', () => {
  it('accept a task definition reference, overrides and a network configuration', () => {
    const job = `apiVersion: shipshape.dev/v1
kind: Job
metadata: {name: migrate}
spec:
  clusterRef: shop
  taskDefinitionRef: migrate
  launchType: FARGATE
  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-0a2b3c4d5e6f70001]}}
  overrides: {containerOverrides: [{name: migrate, command: [up], environment: [{name: A, value: b}]}]}
`;
    expect(errorsOf({ 'c.yaml': CLUSTER, 't.yaml': TASK, 'j.yaml': job })).toEqual([]);
  });

  it('name the field when the task definition is missing or the cluster is given twice', () => {
    const job = `apiVersion: shipshape.dev/v1
kind: Job
metadata: {name: migrate}
spec:
  clusterRef: shop
  cluster: shop
`;
    const errors = errorsOf({ 'c.yaml': CLUSTER, 'j.yaml': job });
    expect(errors).toContainEqual(
      expect.stringMatching(/^j\.yaml:4:1 .*missing required field "taskDefinitionRef" or "taskDefinition"/),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/^j\.yaml:5:3 .*spec\.clusterRef: set either "clusterRef"/),
    );
  });

  it('can be named by the depends-on annotation, which must find it', () => {
    const dependent = (target: string) =>
      `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata:\n  name: other\n  annotations: {shipshape.dev/depends-on: ${target}}\nspec: {}\n`;
    const job =
      'apiVersion: shipshape.dev/v1\nkind: Job\nmetadata: {name: migrate}\nspec: {taskDefinition: "migrate:1"}\n';
    expect(errorsOf({ 'j.yaml': job, 's.yaml': dependent('Job/migrate') })).toEqual([]);
    expect(errorsOf({ 'j.yaml': job, 's.yaml': dependent('Job/nothere') })).toContainEqual(
      expect.stringContaining('names Job/default/nothere, which is not in the revision'),
    );
  });
});
