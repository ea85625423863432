import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUDGET_BYTES } from '../../scripts/image/budget.ts';
import { buildDistIntoTemp } from '../../scripts/image/build-dist.ts';
import { type ImageContents, imageBytes, imageContents } from '../../scripts/image/contents.ts';
import { packageNameOf } from '../../scripts/image/production-packages.ts';
import { isTypeOnlyModule } from '../../scripts/image/reached-files.ts';
import { argsOf, instructions, stagesOf } from '../deploy/dockerfile-instructions.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY_SCRIPT = 'bin/shipshape.js';
/** Copied for `npm ci --omit=dev`, which reads both. */
const INSTALL_INPUTS = ['package.json', 'package-lock.json'];

/** The sources of the runtime stage's COPY instructions from the build context (not `--from`). */
function runtimeCopies(): string[] {
  const stages = stagesOf(instructions(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')));
  return argsOf(stages.at(-1) ?? [], 'COPY')
    .filter((copy) => !copy.startsWith('--from'))
    .flatMap((copy) => copy.split(/\s+/).slice(0, -1));
}

/**
 * The image is `npm ci --omit=dev`, the build's dist/ and a few copied files. Everything in it
 * must be reachable from what `serve` runs: the CLI's entry and the imports it follows.
 */
describe('the image holds only what the CLI reaches', () => {
  let imageRoot = '';
  let contents: ImageContents;
  const inDist = (file: string) => relative(join(imageRoot, 'dist'), file);

  beforeAll(() => {
    imageRoot = buildDistIntoTemp(ROOT);
    contents = imageContents(ROOT, imageRoot);
  }, 180_000);

  afterAll(() => {
    if (imageRoot !== '') rmSync(imageRoot, { recursive: true, force: true });
  });

  it('builds no emulator, no local AWS and no dev command', () => {
    const devOnly = contents.distFiles
      .map(inDist)
      .filter((file) => /^(emulator|local)\//.test(file) || file === 'cli/dev.js');
    expect(devOnly).toEqual([]);
  });

  it('builds only files that dist/cli/main.js loads, besides the empty modules of types', () => {
    const unreached = contents.distFiles
      .filter((file) => !contents.reach.files.has(file) && !isTypeOnlyModule(file))
      .map(inDist);
    expect(unreached).toEqual([]);
  });

  it('installs every package the CLI imports, and no package it cannot reach', () => {
    const missing = [...contents.reachablePackages].filter((path) => !contents.packages.has(path));
    expect(missing, 'imported, but not in npm ci --omit=dev').toEqual([]);
    const unreached = [...contents.packages]
      .filter((path) => !contents.reachablePackages.has(path))
      .map(packageNameOf);
    expect(unreached, 'installed by npm ci --omit=dev, but nothing imports them').toEqual([]);
  });

  it('copies the data the CLI reads, the entry script and the install inputs, nothing else', () => {
    const data = [...contents.reach.data].map((path) => path.replace(/\/$/, ''));
    expect(runtimeCopies().sort()).toEqual([...new Set([...data, ENTRY_SCRIPT, ...INSTALL_INPUTS])].sort());
  });

  it('answers `shipshape dev` with one line saying it needs the development install, and exit 1', () => {
    const run = spawnSync(process.execPath, [join(imageRoot, 'dist/cli/main.js'), 'dev'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe(
      'shipshape dev needs the development install: run `npm ci` in a checkout (it is not part of the production image)\n',
    );
    expect(run.status).toBe(1);
  });

  it(`stays within the size budget (${IMAGE_BUDGET_BYTES / 1e6} MB of packages and dist/)`, () => {
    const { packageBytes, distBytes } = imageBytes(ROOT, imageRoot, contents.packages);
    expect(packageBytes + distBytes).toBeLessThanOrEqual(IMAGE_BUDGET_BYTES);
  });
});
