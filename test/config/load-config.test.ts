import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, loadConfig, SETTING_SOURCES } from '../../src/config/index.ts';

const MINIMAL = {
  SHIPSHAPE_SOURCE: 's3://shipshape-manifests/prod',
  SHIPSHAPE_STATE_TABLE: 'shipshape-state',
  AWS_REGION: 'eu-west-1',
};

function errorsOf(env: Record<string, string>, argv: string[] = []): readonly string[] {
  const result = loadConfig(env, argv);
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.errors;
}

describe('loadConfig', () => {
  it('fills every documented default from the schema', () => {
    const result = loadConfig(MINIMAL, []);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      source: 's3://shipshape-manifests/prod',
      stateTable: 'shipshape-state',
      region: 'eu-west-1',
      instance: 'default',
      apiHost: '0.0.0.0',
      apiPort: 8080,
      pollSeconds: 10,
      resyncSeconds: 60,
      driftScanSeconds: 15,
      workers: 4,
      rateShare: 0.5,
      pruneShare: 0.25,
      pruneOverrideSeconds: 3600,
      crashLoopCount: 3,
      crashLoopWindowSeconds: 600,
      suspend: false,
      logLevel: 'info',
      leaseDurationSeconds: 15,
      leaseRenewDeadlineSeconds: 10,
      leaseRetrySeconds: 2,
    });
    expect(result.config.endpoint).toBeUndefined();
    expect(result.config.apiToken).toBeUndefined();
    expect(result.config.replicaId).toMatch(/-[0-9a-f]{8}$/);
  });

  it('gives every replica its own id by default', () => {
    const first = loadConfig(MINIMAL, []);
    const second = loadConfig(MINIMAL, []);
    expect(first.ok && second.ok && first.config.replicaId !== second.config.replicaId).toBe(true);
  });

  it('reads the environment, and a flag overrides it', () => {
    const result = loadConfig(
      {
        ...MINIMAL,
        SHIPSHAPE_WORKERS: '8',
        SHIPSHAPE_SUSPEND: 'true',
        SHIPSHAPE_RATE_SHARE: '0.3',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
        SHIPSHAPE_API_TOKEN: 'a-token-of-twenty-chars',
      },
      ['--workers', '2', '--region=us-west-2', '--port', '9000'],
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.workers).toBe(2);
    expect(result.config.region).toBe('us-west-2');
    expect(result.config.apiPort).toBe(9000);
    expect(result.config.suspend).toBe(true);
    expect(result.config.rateShare).toBe(0.3);
    expect(result.config.endpoint).toBe('http://127.0.0.1:4566');
    expect(result.config.apiToken).toBe('a-token-of-twenty-chars');
  });

  it('takes AWS_DEFAULT_REGION when AWS_REGION is unset, and treats empty variables as unset', () => {
    const result = loadConfig(
      { ...MINIMAL, AWS_REGION: '', AWS_DEFAULT_REGION: 'ap-southeast-2', SHIPSHAPE_WORKERS: '' },
      [],
    );
    expect(result.ok && result.config.region).toBe('ap-southeast-2');
    expect(result.ok && result.config.workers).toBe(4);
  });

  it('lists every error at once, each naming its variable or flag', () => {
    const errors = errorsOf(
      {
        SHIPSHAPE_WORKERS: 'many',
        SHIPSHAPE_RATE_SHARE: '0',
        SHIPSHAPE_INSTANCE: 'Prod_1',
        SHIPSHAPE_LOG_LEVEL: 'loud',
        SHIPSHAPE_SUSPEND: 'perhaps',
      },
      ['--port', '70000', '--wrokers', '3'],
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--wrokers: unknown option/),
        'source is required: set SHIPSHAPE_SOURCE or --source',
        'stateTable is required: set SHIPSHAPE_STATE_TABLE or --state-table',
        'region is required: set AWS_REGION or AWS_DEFAULT_REGION or --region',
        expect.stringMatching(/^SHIPSHAPE_WORKERS="many": must be integer/),
        expect.stringMatching(/^SHIPSHAPE_RATE_SHARE=0: must be > 0/),
        expect.stringMatching(/^SHIPSHAPE_INSTANCE="Prod_1": must match pattern/),
        expect.stringMatching(/^SHIPSHAPE_LOG_LEVEL="loud": must be one of fatal, error, warn, info/),
        expect.stringMatching(/^SHIPSHAPE_SUSPEND="perhaps": must be boolean/),
        expect.stringMatching(/^--port=70000: must be <= 65535/),
      ]),
    );
  });

  it('rejects a short token without printing it', () => {
    const errors = errorsOf({ ...MINIMAL, SHIPSHAPE_API_TOKEN: 'hunter2' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^SHIPSHAPE_API_TOKEN=\(hidden\): must NOT have fewer than 16 characters/);
    expect(errors.join('\n')).not.toContain('hunter2');
  });

  it('checks the source URL and the nesting of the lease durations', () => {
    const errors = errorsOf({
      ...MINIMAL,
      SHIPSHAPE_SOURCE: 'ftp://bucket/x',
      SHIPSHAPE_LEASE_RETRY_SECONDS: '12',
    });
    expect(errors).toEqual([
      expect.stringMatching(/^SHIPSHAPE_SOURCE: .*unknown scheme "ftp:\/\/"/),
      expect.stringMatching(/^lease: expected .*\(12\) < .*\(10\) < .*\(15\)$/),
    ]);
  });

  it('has no token flag (a flag would show the token in ps)', () => {
    expect(errorsOf(MINIMAL, ['--api-token', 'a-token-of-twenty-chars'])[0]).toMatch(
      /^--api-token: unknown option/,
    );
  });

  it('accepts defaults from the caller (dev mode) below the environment', () => {
    const result = loadConfig({ ...MINIMAL, SHIPSHAPE_API_HOST: '10.0.0.5' }, [], {
      apiHost: '127.0.0.1',
      workers: 2,
    });
    expect(result.ok && result.config.apiHost).toBe('10.0.0.5');
    expect(result.ok && result.config.workers).toBe(2);
  });

  it('returns a deeply frozen config', () => {
    const result = loadConfig(MINIMAL, []);
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(Object.isFrozen(result.config)).toBe(true);
    expect(() => {
      (result.config as { workers: number }).workers = 99;
    }).toThrow(TypeError);
  });

  it('takes a notification queue only with an S3 source', () => {
    const queue = 'https://sqs.eu-west-1.amazonaws.com/123456789012/shipshape-manifests';
    expect(loadConfig({ ...MINIMAL, SHIPSHAPE_SOURCE_QUEUE_URL: queue }, []).ok).toBe(true);
    expect(
      errorsOf({ ...MINIMAL, SHIPSHAPE_SOURCE: 'dynamodb://manifests' }, ['--source-queue-url', queue]),
    ).toEqual(['--source-queue-url: a queue of bucket notifications needs an s3:// source']);
  });

  it('has a variable for every setting of the schema, and no setting without one', () => {
    expect(Object.keys(SETTING_SOURCES).sort()).toEqual(Object.keys(CONFIG_SCHEMA.properties).sort());
  });
});
