import { describe, expect, it } from 'vitest';
import { toApiPlan } from '../../src/api/plan-view.ts';
import type { Plan } from '../../src/converge/plan-types.ts';
import type { LoadedManifest } from '../../src/manifest/manifest.ts';
import type { ObservedResource } from '../../src/providers/types.ts';

describe('the plan as GET /plan shows it', () => {
  it('keeps identity, kind, action, drift and message, counts actions, and redacts secret-looking drift', () => {
    const manifest = {} as LoadedManifest;
    const observed = {} as ObservedResource;
    const plan: Plan = {
      changes: [
        {
          action: 'update',
          identity: 'TaskDefinition/shop/web',
          kind: 'TaskDefinition',
          manifest,
          observed,
          desired: {},
          drift: [
            {
              path: 'containerDefinitions[name=web].environment[name=DB_PASSWORD].value',
              desired: 'hunter2',
              actual: 'hunter3',
            },
          ],
        },
        { action: 'create', identity: 'Cluster/shop/main', kind: 'Cluster', manifest, desired: {} },
        {
          action: 'conflict',
          identity: 'TargetGroup/shop/web',
          kind: 'TargetGroup',
          manifest,
          observed,
          message: 'exists without ownership tags',
        },
        { action: 'delete', identity: 'Service/shop/old', kind: 'Service', observed },
      ],
    };
    const view = toApiPlan(plan);
    expect(view.summary).toEqual({
      create: 1,
      update: 1,
      replace: 0,
      delete: 1,
      release: 0,
      noop: 0,
      conflict: 1,
    });
    expect(view.changes.map((change) => Object.keys(change).sort())).toEqual([
      ['action', 'drift', 'identity', 'kind'],
      ['action', 'identity', 'kind'],
      ['action', 'identity', 'kind', 'message'],
      ['action', 'identity', 'kind'],
    ]);
    expect(JSON.stringify(view)).not.toContain('hunter');
    expect(view.changes[2]?.message).toBe('exists without ownership tags');
  });
});
