import { describe, expect, it } from 'vitest';
import {
  ranTaskDefinitions,
  recordRan,
  revisionRunning,
  taskDefinitionAt,
} from '../../src/converge/revision-task-definitions.ts';

const R = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('the task definitions a Service ran, by revision', () => {
  it('records a task definition once, by the revision that first ran it, newest first, the last 10', () => {
    let record = recordRan(undefined, R(1), 'api:1');
    record = recordRan(record, R(2), 'api:1');
    record = recordRan(record, R(3), 'api:2');
    expect(ranTaskDefinitions(record)).toEqual([
      { revision: R(3), taskDefinition: 'api:2' },
      { revision: R(1), taskDefinition: 'api:1' },
    ]);
    for (let n = 3; n <= 14; n += 1) record = recordRan(record, `sha256:${n}`, `api:${n}`);
    const kept = ranTaskDefinitions(record);
    expect(kept).toHaveLength(10);
    expect(kept[0]).toEqual({ revision: 'sha256:14', taskDefinition: 'api:14' });
  });

  it('finds what a revision ran: recorded, by a short digest, or through the history before it', () => {
    const record = recordRan(recordRan(undefined, R(1), 'api:1'), R(3), 'api:2');
    const entries = ranTaskDefinitions(record);
    const history = [R(4), R(3), R(2), R(1)];
    expect(taskDefinitionAt(entries, R(3), history)).toBe('api:2');
    expect(taskDefinitionAt(entries, R(3).slice(7, 17), history)).toBe('api:2');
    // R(2) deployed no new task definition: it ran R(1)'s.
    expect(taskDefinitionAt(entries, R(2), history)).toBe('api:1');
    expect(taskDefinitionAt(entries, R(4), history)).toBe('api:2');
    expect(taskDefinitionAt(entries, R(5), history)).toBeUndefined();
    expect(revisionRunning(entries, 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1')).toBe(R(1));
  });
});
