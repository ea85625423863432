import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runNode } from '../support/run-node.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Layout {
  /** src/cli/main.ts, in TypeScript, printing SOURCE. */
  readonly source?: boolean;
  /** dist/cli/main.js printing BUILD. */
  readonly build?: boolean;
  /** node_modules: a link to the repository's, so tsx can be loaded. */
  readonly devDependencies?: boolean;
}

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A folder with the repository's bin/ and the given parts, laid out as a checkout or the image is. */
async function layout(parts: Layout): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'shipshape-bin-'));
  folders.push(root);
  await cp(join(REPO, 'bin'), join(root, 'bin'), { recursive: true });
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
  if (parts.source) {
    await writeIn(root, 'src/cli/main.ts', "const ran: string = 'SOURCE';\nconsole.log(ran);\n");
  }
  if (parts.build) await writeIn(root, 'dist/cli/main.js', "console.log('BUILD');\n");
  if (parts.devDependencies) await symlink(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

async function writeIn(root: string, file: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), content);
}

const shipshapeIn = (root: string) => runNode([join(root, 'bin/shipshape.js')], { cwd: root });

describe('bin/shipshape.js', () => {
  it('runs the source in a checkout, even when a stale build is there', async () => {
    const run = await shipshapeIn(await layout({ source: true, build: true, devDependencies: true }));
    expect(run).toMatchObject({ code: 0, stdout: 'SOURCE\n' });
  });

  it('runs the build where there is no source, as in the image', async () => {
    const run = await shipshapeIn(await layout({ build: true }));
    expect(run).toMatchObject({ code: 0, stdout: 'BUILD\n' });
  });

  it('says in one line that it finds neither the source nor the build, and exits 1', async () => {
    const run = await shipshapeIn(await layout({}));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^shipshape: neither the source \(.*\) nor the build \(.*\) is here;[^\n]*\n$/,
    );
  });

  it('tells a checkout installed without dev dependencies to run npm ci, without a stack trace', async () => {
    const run = await shipshapeIn(await layout({ source: true, build: true }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^shipshape: [^\n]*needs tsx[^\n]*run `npm ci`[^\n]*the built image\n$/);
  });
});
