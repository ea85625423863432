import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOCKERFILE = fileURLToPath(new URL('../Dockerfile', import.meta.url));

/**
 * The ENV of the Dockerfile's `runtime` stage (`KEY=value` pairs, continued lines joined), so a
 * bench starts the build with the very settings the image runs it with.
 */
export function imageRuntimeEnv(dockerfile = readFileSync(DOCKERFILE, 'utf8')): Record<string, string> {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const start = lines.findIndex((line) => /^FROM\s+\S+\s+AS\s+runtime\s*$/i.test(line));
  if (start < 0) throw new Error('the Dockerfile has no `FROM ... AS runtime` stage');
  const env: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^FROM\s/i.test(line)) break;
    const body = /^ENV\s+(.*)$/i.exec(line)?.[1];
    if (body === undefined) continue;
    for (const [, key = '', value = ''] of body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
      env[key] = value.replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}
