import { describe, expect, expectTypeOf, it } from 'vitest';
import { CONFIG_SCHEMA, type Config } from '../../src/config/index.ts';

describe('Config type derived from the schema', () => {
  it('types each member as its schema says', () => {
    expectTypeOf<Config['workers']>().toEqualTypeOf<number>();
    expectTypeOf<Config['suspend']>().toEqualTypeOf<boolean>();
    expectTypeOf<Config['source']>().toEqualTypeOf<string>();
    expectTypeOf<Config['logLevel']>().toEqualTypeOf<
      'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
    >();
    expectTypeOf<Config['apiToken']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Config['endpoint']>().toEqualTypeOf<string | undefined>();
  });

  it('makes optional exactly the settings that are neither required nor defaulted', () => {
    const optional = Object.keys(CONFIG_SCHEMA.properties).filter(
      (key) => !(CONFIG_SCHEMA.required as readonly string[]).includes(key),
    );
    expect(optional.sort()).toEqual(['apiToken', 'endpoint', 'probeProxy', 'sourceQueueUrl']);
  });
});
