import { describe, expect, it } from 'vitest';
import { secretReason } from '../../src/manifest/checks/plaintext-secrets.ts';
import { formatDiagnostic } from '../../src/manifest/diagnostic.ts';
import { loadRevision } from '../../src/manifest/revision.ts';

function taskDefinition(environment: ReadonlyArray<[string, string]>): string {
  const lines = environment.map(
    ([name, value]) => `        - {name: ${name}, value: ${JSON.stringify(value)}}`,
  );
  return [
    'apiVersion: shipshape.dev/v1',
    'kind: TaskDefinition',
    'metadata: {name: runner}',
    'spec:',
    '  containerDefinitions:',
    '    - name: runner',
    '      image: registry.example.com/runner:latest',
    '      environment:',
    ...lines,
  ].join('\n');
}

describe('plaintext secret warnings', () => {
  const SECRET_VALUES = [
    'hunter2-very-secret',
    'postgresql://postgres:s3cr3t-pw@db.internal:5432/app',
    'tok_live_abc',
  ];

  it('warns, without rejecting the revision and without repeating the value', () => {
    const result = loadRevision([
      {
        file: 'runner.yaml',
        content: taskDefinition([
          ['LOG_LEVEL', 'info'],
          ['DB_PASSWORD', SECRET_VALUES[0] as string],
          ['DATABASE_URL', SECRET_VALUES[1] as string],
          ['githubToken', SECRET_VALUES[2] as string],
        ]),
      },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const warnings = result.revision.warnings;
    expect(warnings.map((w) => [w.code, w.severity, w.line, w.path])).toEqual([
      ['SS150', 'warning', 10, 'spec.containerDefinitions[name=runner].environment[name=DB_PASSWORD].value'],
      ['SS150', 'warning', 11, 'spec.containerDefinitions[name=runner].environment[name=DATABASE_URL].value'],
      ['SS150', 'warning', 12, 'spec.containerDefinitions[name=runner].environment[name=githubToken].value'],
    ]);
    const printed = [
      ...warnings.map((w) => w.message),
      ...warnings.map(formatDiagnostic),
      JSON.stringify(warnings),
    ].join('\n');
    for (const secret of [...SECRET_VALUES, 's3cr3t-pw']) expect(printed).not.toContain(secret);
    expect(warnings[0]?.message).toContain('"secrets" with "valueFrom"');
  });

  it.each([
    ['DB_PASSWORD', 'x', true],
    ['db-password', 'x', true],
    ['dbPassword', 'x', true],
    ['SALESFORCE_CLIENT_SECRET', 'x', true],
    ['API_KEY', 'x', true],
    ['STRIPE_API_KEY', 'x', true],
    ['AWS_SECRET_ACCESS_KEY', 'x', true],
    ['PRIVATE_KEY', 'x', true],
    ['GOOGLE_CREDENTIALS', 'x', true],
    ['AUTH_TOKENS', 'x', true],
    ['DB_PASSWORD', '', false],
    ['DB_PASSWORD_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', false],
    ['TOKENIZER_MODEL', 'bert', false],
    ['KEYCLOAK_URL', 'https://auth.example.com', false],
    ['API_KEYSPACE', 'x', false],
    ['LOG_LEVEL', 'info', false],
    ['CALLBACK', 'https://user:pass@example.com/hook', true],
    ['UPSTREAM', 'https://user@example.com/', false],
  ])('%s=%j looks like a secret: %s', (name, value, expected) => {
    expect(secretReason(name, value) !== undefined).toBe(expected);
  });
});
