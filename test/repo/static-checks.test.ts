import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function check(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The whole tree type-checks strictly and passes the linter and formatter: CI holds everyone to it. */
describe('static checks', () => {
  it('TypeScript strict: tsc --noEmit finds nothing', { timeout: 180_000 }, async () => {
    const result = await check('npx', ['tsc', '--noEmit']);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('biome: lint and format are clean', { timeout: 120_000 }, async () => {
    const result = await check('npx', ['biome', 'check', '.']);
    expect(result.code, result.output).toBe(0);
  });
});
