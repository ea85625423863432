import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/manifest/diagnostic.ts';
import { folderReader, loadRendering, renderFolder } from '../../src/manifest/overlay/index.ts';
import type { Revision } from '../../src/manifest/revision.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/overlays/', import.meta.url));

/** Renders a fixture folder; files are named from test/fixtures/overlays/. */
async function render(folder: string) {
  return renderFolder(folderReader(`${FIXTURES}${folder}`), {
    display: (path) => posix.normalize(posix.join(folder, path)),
  });
}

async function load(folder: string): Promise<Revision> {
  const result = loadRendering(await render(folder));
  if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
  return result.revision;
}

async function errorsOf(folder: string): Promise<string[]> {
  const result = loadRendering(await render(folder));
  if (result.ok) throw new Error(`${folder} rendered a valid revision`);
  return result.errors.map(formatDiagnostic);
}

function documentOf(revision: Revision, identity: string) {
  const found = revision.documents.find((d) => d.identity === identity);
  if (found === undefined)
    throw new Error(`${identity} is not in ${revision.documents.map((d) => d.identity).join(', ')}`);
  return found;
}

describe('overlay rendering', () => {
  it('dev: moves every manifest to its namespace, prefixes names and the references to them, merges keyed lists', async () => {
    const revision = await load('app/dev');
    expect(revision.documents.map((d) => d.identity)).toEqual([
      'Cluster/dev/dev-main',
      'ScalableTarget/dev/dev-api',
      'Service/dev/dev-api',
      'TaskDefinition/dev/dev-api',
    ]);
    const service = documentOf(revision, 'Service/dev/dev-api');
    expect(service.spec).toMatchObject({
      clusterRef: 'dev-main',
      taskDefinitionRef: 'dev/dev-api',
      desiredCount: 1,
    });
    expect(documentOf(revision, 'ScalableTarget/dev/dev-api').spec.serviceRef).toBe('dev-api');
    expect(documentOf(revision, 'TaskDefinition/dev/dev-api').spec.containerDefinitions).toEqual([
      {
        name: 'api',
        image: 'registry.example.com/api:1.4.2-rc1',
        essential: true,
        portMappings: [{ containerPort: 8080, hostPort: 8080 }],
        environment: [
          { name: 'LOG_LEVEL', value: 'debug' },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an overlay variable, written as the user writes it
          { name: 'GREETING', value: '${HOME} stays' },
          { name: 'FEATURE_X', value: 'on' },
        ],
      },
      { name: 'sidecar', image: 'registry.example.com/sidecar:1', essential: false },
    ]);
    // Where each document was written: the base's files, the overlay's own.
    expect(service.source).toEqual({ file: 'app/base/service.yaml', line: 1, column: 1 });
    expect(documentOf(revision, 'ScalableTarget/dev/dev-api').source.file).toBe('app/dev/scaling.yaml');
  });

  it('prod: a suffix, a number variable typed where it stands, a patch that replaces a plain list and deletes a keyed element', async () => {
    const revision = await load('app/prod');
    const service = documentOf(revision, 'Service/app/api-prod');
    expect(service.spec).toMatchObject({
      clusterRef: 'main-prod',
      taskDefinitionRef: 'app/api-prod',
      desiredCount: 6,
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-0e1f2a3b4c5d60031', 'subnet-0e1f2a3b4c5d60032'] },
      },
    });
    const task = documentOf(revision, 'TaskDefinition/app/api-prod');
    expect(task.spec).toMatchObject({ cpu: '1024', memory: '2048' });
    expect(task.spec.containerDefinitions).toEqual([
      expect.objectContaining({ name: 'api', image: 'registry.example.com/api:1.4.2' }),
    ]);
  });

  it('staging: an overlay of an overlay, its variables winning over the inner ones', async () => {
    const revision = await load('app/staging');
    expect(revision.documents.map((d) => d.identity)).toEqual([
      'Cluster/staging/dev-main',
      'ScalableTarget/staging/dev-api',
      'Service/staging/dev-api',
      'TaskDefinition/staging/dev-api',
    ]);
    expect(documentOf(revision, 'Service/staging/dev-api').spec).toMatchObject({
      desiredCount: 2,
      clusterRef: 'dev-main',
      taskDefinitionRef: 'staging/dev-api',
    });
    const [container] = documentOf(revision, 'TaskDefinition/staging/dev-api').spec
      .containerDefinitions as Array<{
      image: string;
    }>;
    expect(container?.image).toBe('registry.example.com/api:1.4.2-rc2');
  });

  it('the revision id covers the resolved values: dev and staging differ, a second render is the same', async () => {
    const [dev, again, staging] = [await load('app/dev'), await load('app/dev'), await load('app/staging')];
    expect(again.id).toBe(dev.id);
    expect(staging.id).not.toBe(dev.id);
  });

  it('heads each rendered document with where it came from, what patched it and the variables it used', async () => {
    const rendering = await render('app/dev');
    const task = rendering.shown.find((input) => input.file === 'app/base/task-definition.yaml');
    expect(task?.content.split('\n').slice(0, 4)).toEqual([
      '# from app/base/task-definition.yaml, patched by app/dev/overlay.yaml:8',
      '# variables: image_tag (app/dev/overlay.yaml:5)',
      'apiVersion: shipshape.dev/v1',
      'kind: TaskDefinition',
    ]);
    expect(rendering.versions.map(([file]) => file)).toEqual([
      'app/dev/overlay.yaml',
      'app/dev/scaling.yaml',
      'app/base/cluster.yaml',
      'app/base/service.yaml',
      'app/base/task-definition.yaml',
    ]);
  });

  it('a folder without overlay.yaml is read as it is', async () => {
    const rendering = await render('app/base');
    expect(rendering.overlay).toBe(false);
    expect(rendering.inputs.map((input) => input.file)).toEqual([
      'app/base/cluster.yaml',
      'app/base/service.yaml',
      'app/base/task-definition.yaml',
    ]);
  });
});

describe('invalid overlays: every error at the file:line:col its value was written', () => {
  const cases: ReadonlyArray<readonly [string, readonly string[]]> = [
    [
      'invalid/unknown-variable/env',
      [
        'app/base/service.yaml:9:17: unknown variable "replicas" (defined: image_tag); set it under variables or parameters of an overlay, or write $${ for a literal "${" [SS119]',
      ],
    ],
    [
      'invalid/bad-overlay/env',
      [
        'invalid/bad-overlay/env/overlay.yaml:2:13: namePrefix: must match the pattern ^([a-z0-9][-a-z0-9]*)?$ [SS114]',
        'invalid/bad-overlay/env/overlay.yaml:4:3: variables.image-tag: must match the pattern ^[A-Za-z_][A-Za-z0-9_]*$ [SS114]',
        'invalid/bad-overlay/env/overlay.yaml:6:5: patches[0].target.name: missing required field "name" [SS116]',
        'invalid/bad-overlay/env/overlay.yaml:8:1: colour: unknown field "colour" [SS110]',
      ],
    ],
    [
      'invalid/no-target/env',
      [
        'invalid/no-target/env/overlay.yaml:4:5: patches[].target: patch target Service/web matches no manifest of the base or this overlay (its Service manifests: app/api) [SS119]',
      ],
    ],
    [
      'invalid/cycle/a',
      [
        'invalid/cycle/b/overlay.yaml:1:7: base: base "../a" leads back to an overlay already rendered: invalid/cycle/a/overlay.yaml -> invalid/cycle/b/overlay.yaml -> invalid/cycle/a/overlay.yaml [SS119]',
      ],
    ],
    [
      'invalid/patched-schema/env',
      [
        'invalid/patched-schema/env/overlay.yaml:7:23 Service/app/api: spec.desiredCount: must be an integer, not a string [SS111]',
      ],
    ],
    [
      'invalid/missing-base/env',
      [
        'invalid/missing-base/env/overlay.yaml:1:7: base: base "../nowhere" (invalid/missing-base/nowhere) holds no manifests [SS119]',
      ],
    ],
    [
      'invalid/duplicate/env',
      [
        'app/base/cluster.yaml:4:9 Cluster/app/main: metadata.name: Cluster/app/main is defined more than once (also at invalid/duplicate/env/cluster.yaml:1) [SS140]',
        'invalid/duplicate/env/cluster.yaml:4:9 Cluster/app/main: metadata.name: Cluster/app/main is defined more than once (also at app/base/cluster.yaml:1) [SS140]',
      ],
    ],
    [
      'invalid/contains/env',
      [
        'invalid/contains/env/overlay.yaml:1:7: base: base ".." contains the overlay\'s own folder; give a sibling folder such as ../base [SS119]',
      ],
    ],
    [
      'invalid/keyless/env',
      [
        'invalid/keyless/env/overlay.yaml:8:13: each element patching spec.containerDefinitions needs "name": the list is merged by name [SS119]',
      ],
    ],
    [
      'invalid/origins/env',
      [
        'invalid/origins/base/task-definition.yaml:13:26 TaskDefinition/default/worker: spec.containerDefinitions[name=worker].memoryReservation: must be an integer, not a string [SS111]',
        'invalid/origins/base/task-definition.yaml:15:49: unknown variable "queue" (defined: queue_prefix); set it under variables or parameters of an overlay, or write $${ for a literal "${" [SS119]',
        'invalid/origins/env/overlay.yaml:11:40 TaskDefinition/default/worker: spec.containerDefinitions[name=worker].environment[name=THREADS].value: must be a string, not an integer [SS111]',
      ],
    ],
  ];

  it.each(cases)('%s', async (folder, expected) => {
    expect(await errorsOf(folder)).toEqual(expected);
  });

  it('a folder holding overlays, read as plain manifests, names each overlay.yaml and its folder', async () => {
    expect(await errorsOf('app')).toEqual([
      // Not rendered, so the base's ${replicas} stays a string.
      'app/base/service.yaml:9:17 Service/app/api: spec.desiredCount: must be an integer, not a string [SS111]',
      "app/dev/overlay.yaml:1:1: an overlay's overlay.yaml, not a manifest: validate or read its folder app/dev on its own (docs/OVERLAYS.md) [SS119]",
      "app/prod/overlay.yaml:1:1: an overlay's overlay.yaml, not a manifest: validate or read its folder app/prod on its own (docs/OVERLAYS.md) [SS119]",
      "app/staging/overlay.yaml:1:1: an overlay's overlay.yaml, not a manifest: validate or read its folder app/staging on its own (docs/OVERLAYS.md) [SS119]",
    ]);
  });
});
