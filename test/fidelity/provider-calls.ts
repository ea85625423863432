import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FidelityService } from './case.ts';

const PACKAGES: Readonly<Record<string, FidelityService>> = {
  ecs: 'ecs',
  'elastic-load-balancing-v2': 'elbv2',
  efs: 'efs',
  servicediscovery: 'servicediscovery',
  'application-autoscaling': 'application-autoscaling',
  'application-auto-scaling': 'application-autoscaling',
};

const IMPORT = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g;

/** Every `service:Operation` whose command the providers import, read from their source. */
export function providerCalls(root = join(import.meta.dirname, '..', '..', 'src', 'providers')): Set<string> {
  const calls = new Set<string>();
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && entry.name.endsWith('.ts'),
  );
  for (const entry of files) {
    const source = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const [, names = '', pkg = ''] of source.matchAll(IMPORT)) {
      const service = PACKAGES[pkg];
      if (service === undefined) continue;
      for (const name of names.split(',').map((part) => part.trim().replace(/^type\s+/, ''))) {
        const operation = /^([A-Z][A-Za-z0-9]+)Command$/.exec(name)?.[1];
        if (operation !== undefined) calls.add(`${service}:${operation}`);
      }
    }
  }
  return calls;
}
