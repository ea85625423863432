import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  readonly devDependencies: Record<string, string>;
};
const pinned = manifest.devDependencies.node;

describe('the pinned Node', () => {
  it('is the one the tests run on (npm scripts put node_modules/.bin first on PATH)', () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    expect(process.versions.node).toBe(pinned);
  });

  it('is the one the image runs on', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    expect(/^ARG NODE_IMAGE=node:(\S+)-slim$/m.exec(dockerfile)?.[1]).toBe(pinned);
  });
});
