import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { describeResources, statusClient } from './status-client.ts';

vi.setConfig({ testTimeout: 90_000 });

const EXAMPLES = join(import.meta.dirname, '../../manifests/examples');

function exampleFiles(example: string): Record<string, string> {
  const folder = join(EXAMPLES, example);
  const files = readdirSync(folder).filter((file) => file.endsWith('.yaml'));
  return Object.fromEntries(
    files.map((file) => [`${example}/${file}`, readFileSync(join(folder, file), 'utf8')]),
  );
}

const EXAMPLE_NAMES = ['runner', 'finfocus', 'bssmagic', 'farsight', 'runlayer'];

let h: RuntimeHarness;
beforeAll(async () => {
  // The whole of AWS's published rates, not the default half: the CI budget, not a different behaviour.
  h = await startRuntimeHarness({ config: { rateShare: 1 } });
  // All five at once, as one commit of five folders: each test waits for its own namespace.
  await h.commit(Object.fromEntries(EXAMPLE_NAMES.flatMap((name) => Object.entries(exampleFiles(name)))));
});
afterAll(async () => {
  await h?.close();
});

describe('the five example workloads, from empty', () => {
  for (const example of EXAMPLE_NAMES) {
    it(`${example} converges to Synced and Healthy`, async () => {
      const files = exampleFiles(example);
      const api = statusClient(h);
      let last = '';
      const resources = await h
        .waitFor(
          `${example} Synced and Healthy`,
          async () => {
            // Fast-forward simulated life: load balancers provisioning, tasks starting, file systems.
            h.local.emulator.emulator.clock.advance(30_000);
            const mine = (await api.status(example)).resources;
            last = describeResources(mine);
            return mine.length > 0 && mine.every((r) => r.sync === 'Synced' && r.health === 'Healthy')
              ? mine
              : undefined;
          },
          60_000,
        )
        .catch((error: unknown) => {
          throw new Error(`${String(error)}\n${last}`);
        });
      expect(resources.length).toBe(
        Object.values(files)
          .join('\n')
          .match(/^kind:/gm)?.length,
      );
    });
  }
});
