import { describe, expect, it } from 'vitest';
import { leaseTimingsOf, loadConfig, operatorSettingsOf } from '../../src/config/index.ts';
import { DEFAULT_SETTINGS } from '../../src/converge/settings.ts';

const env = {
  SHIPSHAPE_SOURCE: 'file:///srv/manifests',
  SHIPSHAPE_STATE_TABLE: 'shipshape-state',
  AWS_REGION: 'us-east-1',
};

describe('settings derived from the configuration', () => {
  it('matches the reconciler defaults when nothing is set', () => {
    const result = loadConfig(env, []);
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(operatorSettingsOf(result.config)).toEqual(DEFAULT_SETTINGS);
    expect(leaseTimingsOf(result.config)).toEqual({
      durationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
    });
  });

  it('turns seconds into milliseconds', () => {
    const result = loadConfig({ ...env, SHIPSHAPE_RESYNC_SECONDS: '1.5' }, ['--suspend', '--workers', '9']);
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(operatorSettingsOf(result.config)).toMatchObject({ resyncMs: 1500, workers: 9, suspend: true });
  });
});
