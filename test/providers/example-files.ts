import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The YAML files of one example workload under manifests/examples, keyed by path. */
export function exampleFiles(name: string): Record<string, string> {
  const dir = join('manifests/examples', name);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
      .map((file) => [join(dir, file), readFileSync(join(dir, file), 'utf8')]),
  );
}
