import { describe, expect, it } from 'vitest';
import { computeDrift } from '../../src/converge/drift.ts';
import { TASK_DEFINITION_COMPARISON } from '../../src/providers/ecs/task-definition-shape.ts';
import { REDACTED } from '../../src/redact/index.ts';

const definition = (password: string, url: string, mode: string) => ({
  containerDefinitions: [
    {
      name: 'app',
      environment: [
        { name: 'DB_PASSWORD', value: password },
        { name: 'DATABASE_URL', value: url },
        { name: 'MODE', value: mode },
      ],
    },
  ],
});

describe('drift redaction', () => {
  it('never carries a secret-looking value, but keeps ordinary ones', () => {
    const { effective } = computeDrift(
      definition('hunter2', 'postgres://app:s3cret@db:5432/app', 'web'),
      definition('letmein', 'postgres://app:other@db:5432/app', 'worker'),
      TASK_DEFINITION_COMPARISON,
      [],
    );
    const text = JSON.stringify(effective);
    for (const secret of ['hunter2', 'letmein', 's3cret', 'other']) expect(text).not.toContain(secret);
    expect(effective).toEqual([
      {
        // Only the password of a URL goes: the user, host and database stay readable.
        path: 'containerDefinitions[name=app].environment[name=DATABASE_URL].value',
        desired: `postgres://app:${REDACTED}@db:5432/app`,
        actual: `postgres://app:${REDACTED}@db:5432/app`,
      },
      {
        path: 'containerDefinitions[name=app].environment[name=DB_PASSWORD].value',
        desired: REDACTED,
        actual: REDACTED,
      },
      {
        path: 'containerDefinitions[name=app].environment[name=MODE].value',
        desired: 'web',
        actual: 'worker',
      },
    ]);
  });

  it('redacts inside a whole variable added by hand', () => {
    const { effective } = computeDrift(
      { containerDefinitions: [{ name: 'app', environment: [] }] },
      { containerDefinitions: [{ name: 'app', environment: [{ name: 'API_KEY', value: 'abc123' }] }] },
      TASK_DEFINITION_COMPARISON,
      [],
    );
    expect(JSON.stringify(effective)).not.toContain('abc123');
    expect(effective[0]?.actual).toEqual({ name: 'API_KEY', value: REDACTED });
  });
});
