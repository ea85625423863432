import {
  CreateAccessPointCommand,
  DescribeAccessPointsCommand,
  DescribeFileSystemsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-efs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const fileSystem = `
apiVersion: shipshape.dev/v1
kind: FileSystem
metadata: {name: shared, namespace: files}
spec: {encrypted: true}
`;

const accessPoint = (options: { path?: string; gids?: string; annotations?: string } = {}) => `
apiVersion: shipshape.dev/v1
kind: AccessPoint
metadata:
  name: app-data
  namespace: files
${options.annotations ?? ''}
spec:
  fileSystemRef: shared
  posixUser: {uid: 1000, gid: 1000, secondaryGids: [${options.gids ?? '20, 10'}]}
  ${options.path === undefined ? '' : `rootDirectory: {path: ${options.path}, creationInfo: {ownerUid: 1000, ownerGid: 1000, permissions: "755"}}`}
  tags: {Name: app-data}
`;

let h: ProviderHarness;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control.reset();
});

async function accessPoints() {
  return (await h.aws.efs.send(new DescribeAccessPointsCommand({}))).AccessPoints ?? [];
}

describe('AccessPoint provider', () => {
  it('creates the access point once its file system is available, then plans no change', async () => {
    const manifests = h.load({ 'fs.yaml': fileSystem, 'ap.yaml': accessPoint() });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 2 });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const [created] = await accessPoints();
    const fsId = (await h.aws.efs.send(new DescribeFileSystemsCommand({}))).FileSystems?.[0]?.FileSystemId;
    expect(created).toMatchObject({
      FileSystemId: fsId,
      RootDirectory: { Path: '/' },
      PosixUser: { Uid: 1000, Gid: 1000 },
    });
    // Secondary gids in another order and the omitted root directory ("/") are no drift.
    expect(countByAction(await h.plan(manifests))).toMatchObject({
      create: 0,
      update: 0,
      replace: 0,
      noop: 2,
    });
    expect(
      countByAction(
        await h.plan(h.load({ 'fs.yaml': fileSystem, 'ap.yaml': accessPoint({ gids: '10, 20' }) })),
      ),
    ).toMatchObject({
      noop: 2,
    });
  });

  it('reports a tag added by hand and puts it back', async () => {
    const manifests = h.load({ 'fs.yaml': fileSystem, 'ap.yaml': accessPoint() });
    await h.apply(manifests);
    const [created] = await accessPoints();
    await h.aws.efs.send(
      new TagResourceCommand({ ResourceId: created?.AccessPointId, Tags: [{ Key: 'owner', Value: 'me' }] }),
    );
    const plan = await h.plan(manifests);
    expect(plan.changes[1]).toMatchObject({
      action: 'update',
      drift: [{ path: 'tags.owner', desired: undefined, actual: 'me' }],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect((await accessPoints())[0]?.Tags?.some((tag) => tag.Key === 'owner')).toBe(false);
  });

  it('replaces the access point when its root directory changes (EFS cannot update one)', async () => {
    const manifests = h.load({ 'fs.yaml': fileSystem, 'ap.yaml': accessPoint() });
    await h.apply(manifests);
    const [before] = await accessPoints();
    const changed = h.load({ 'fs.yaml': fileSystem, 'ap.yaml': accessPoint({ path: '/app' }) });
    expect((await h.plan(changed)).changes[1]).toMatchObject({
      action: 'replace',
      drift: [
        {
          path: 'rootDirectory.creationInfo',
          desired: { ownerGid: 1000, ownerUid: 1000, permissions: '755' },
          actual: undefined,
        },
        { path: 'rootDirectory.path', desired: '/app', actual: '/' },
      ],
    });
    expect(await h.apply(changed)).toMatchObject({ converged: true, failures: [] });
    const after = await accessPoints();
    expect(after).toHaveLength(1);
    expect(after[0]?.AccessPointId).not.toBe(before?.AccessPointId);
    expect(after[0]?.RootDirectory?.Path).toBe('/app');
  });

  it('never touches an access point it does not own, unless asked to adopt it', async () => {
    await h.apply(h.load({ 'fs.yaml': fileSystem }));
    await h.control.advance(10_000);
    const fsId = (await h.aws.efs.send(new DescribeFileSystemsCommand({}))).FileSystems?.[0]?.FileSystemId;
    await h.aws.efs.send(
      new CreateAccessPointCommand({
        ClientToken: 'by-hand',
        FileSystemId: fsId,
        PosixUser: { Uid: 1000, Gid: 1000, SecondaryGids: [10, 20] },
        Tags: [{ Key: 'Name', Value: 'app-data' }],
      }),
    );
    const plain = h.load({ 'fs.yaml': fileSystem, 'ap.yaml': accessPoint() });
    expect((await h.plan(plain)).changes[1]).toMatchObject({
      action: 'conflict',
      identity: 'AccessPoint/files/app-data',
    });
    expect((await h.apply(plain)).converged).toBe(false);
    expect(await accessPoints()).toHaveLength(1);

    const adopting = h.load({
      'fs.yaml': fileSystem,
      'ap.yaml': accessPoint({ annotations: '  annotations: {shipshape.dev/adopt: "true"}' }),
    });
    expect((await h.apply(adopting)).converged).toBe(true);
    expect(await accessPoints()).toHaveLength(1);
    expect(countByAction(await h.plan(adopting))).toMatchObject({ noop: 2 });
  });

  it('prunes the access point before its file system', async () => {
    await h.apply(h.load({ 'fs.yaml': fileSystem, 'ap.yaml': accessPoint() }));
    const plan = await h.plan([], true);
    expect(plan.changes.map((change) => `${change.action} ${change.identity}`)).toEqual([
      'delete AccessPoint/files/app-data',
      'delete FileSystem/files/shared',
    ]);
    expect(await h.apply([], true)).toMatchObject({ converged: true, failures: [] });
    expect(await accessPoints()).toEqual([]);
  });
});
