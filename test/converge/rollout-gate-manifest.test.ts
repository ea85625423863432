import { describe, expect, it } from 'vitest';
import { awsSpecOf } from '../../src/manifest/controls.ts';
import { formatDiagnostic, loadRevision } from '../../src/manifest/index.ts';

const service = (hooks: string, rollout: string) => `apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: api, namespace: gate}
spec:
  cluster: apps
  taskDefinition: api:1
  deploymentConfiguration:
    strategy: BLUE_GREEN
${hooks}
  rollout:
${rollout}
`;
const pauseAt = (stage: string) => `    lifecycleHooks: [{targetType: PAUSE, lifecycleStages: [${stage}]}]`;

function load(content: string) {
  return loadRevision([{ file: 'svc.yaml', content }]);
}

describe('the rollout control of a Service', () => {
  it('is accepted with a gate at a stage with a PAUSE hook, and is not sent to AWS', () => {
    const result = load(
      service(
        pauseAt('POST_TEST_TRAFFIC_SHIFT'),
        '    gates:\n      - stage: POST_TEST_TRAFFIC_SHIFT\n        checks: [{manual: {}}, {job: {name: migrate}}, {alarms: {names: [api-5xx]}}, {http: {url: "http://api.test:8080/health"}}]',
      ),
    );
    if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
    const [manifest] = result.revision.documents;
    expect(manifest?.spec.rollout).toBeDefined();
    expect(manifest === undefined ? {} : awsSpecOf(manifest)).not.toHaveProperty('rollout');
  });

  it('refuses a gate whose stage has no PAUSE hook, naming the file, line and field', () => {
    const result = load(
      service(
        pauseAt('POST_SCALE_UP'),
        '    gates:\n      - stage: POST_TEST_TRAFFIC_SHIFT\n        checks: [{manual: {}}]',
      ),
    );
    expect(result.ok).toBe(false);
    const said = result.ok ? '' : result.errors.map(formatDiagnostic).join('\n');
    expect(said).toMatch(/svc\.yaml:12:\d+/);
    expect(said).toContain('spec.rollout.gates[0].stage');
    expect(said).toContain('needs a PAUSE hook at that stage');
  });

  it('refuses a check with two kinds, and a stage that is not a lifecycle stage', () => {
    const two = load(
      service(
        pauseAt('POST_TEST_TRAFFIC_SHIFT'),
        '    gates:\n      - stage: POST_TEST_TRAFFIC_SHIFT\n        checks: [{manual: {}, job: {name: m}}]',
      ),
    );
    expect(two.ok).toBe(false);
    expect(two.ok ? '' : two.errors.map(formatDiagnostic).join('\n')).toContain(
      'spec.rollout.gates[0].checks[0]',
    );
    const stage = load(
      service(
        pauseAt('POST_TEST_TRAFFIC_SHIFT'),
        '    gates:\n      - stage: SOMETIME\n        checks: [{manual: {}}]',
      ),
    );
    expect(stage.ok).toBe(false);
    expect(stage.ok ? '' : stage.errors.map(formatDiagnostic).join('\n')).toContain(
      'spec.rollout.gates[0].stage',
    );
  });

  it('accepts a gate at PRE_PRODUCTION_TRAFFIC_SHIFT, and refuses a PAUSE hook where ECS runs only Lambda hooks', () => {
    const before = load(
      service(
        pauseAt('PRE_PRODUCTION_TRAFFIC_SHIFT'),
        '    gates:\n      - stage: PRE_PRODUCTION_TRAFFIC_SHIFT\n        checks: [{manual: {}}]',
      ),
    );
    expect(before.ok ? '' : before.errors.map(formatDiagnostic).join('\n')).toBe('');
    const during = load(service(pauseAt('PRODUCTION_TRAFFIC_SHIFT'), '    gates: []'));
    expect(during.ok ? [] : during.errors.map(formatDiagnostic)).toContain(
      'svc.yaml:9:60 Service/gate/api: spec.deploymentConfiguration.lifecycleHooks[0].lifecycleStages[0]: a PAUSE hook cannot wait at PRODUCTION_TRAFFIC_SHIFT: ECS runs only AWS_LAMBDA hooks there [SS130]',
    );
  });

  it('refuses an http check with neither url nor path, with both, or with a path and no test listener', () => {
    const said = (check: string) => {
      const result = load(
        service(
          pauseAt('POST_TEST_TRAFFIC_SHIFT'),
          `    gates:\n      - stage: POST_TEST_TRAFFIC_SHIFT\n        checks: [{http: ${check}}]`,
        ),
      );
      return result.ok ? '' : result.errors.map(formatDiagnostic).join('\n');
    };
    expect(said('{successes: 2}')).toContain('an http check needs url, or path (through the test listener)');
    expect(said('{url: "http://a:1/", path: /health}')).toContain(
      'an http check takes url or path, not both',
    );
    expect(said('{path: /health}')).toContain(
      'an http check by path goes through the test listener: set loadBalancers[].advancedConfiguration.testListenerRuleRef (or testListenerRule)',
    );
    expect(said('{path: /health}')).toContain('spec.rollout.gates[0].checks[0].http');
  });
});
