import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs the image's build (`npm run build`: tsc -p tsconfig.build.json) into a fresh temporary
 * folder and returns that folder, which holds `dist/` as the image's /app does; the caller removes it.
 */
export function buildDistIntoTemp(root: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'shipshape-image-'));
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      join(folder, 'dist'),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return folder;
}
