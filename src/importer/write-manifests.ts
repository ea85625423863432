import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { API_VERSION, schemaFileOf } from '../manifest/kinds.ts';
import type { ImportedManifest } from './to-manifests.ts';

const SCHEMA_BASE = 'https://shipshape.dev/schemas/';

/** One manifest as YAML, with the schema header editors use. */
export function renderManifest(manifest: ImportedManifest): string {
  const metadata = {
    name: manifest.name,
    namespace: manifest.namespace,
    ...(Object.keys(manifest.annotations).length > 0 ? { annotations: manifest.annotations } : {}),
  };
  const document = { apiVersion: API_VERSION, kind: manifest.kind, metadata, spec: manifest.spec };
  return `# yaml-language-server: $schema=${SCHEMA_BASE}${schemaFileOf(manifest.kind)}\n${stringify(document, { lineWidth: 0 })}`;
}

/** `<dir>/<namespace>/<kind>-<name>.yaml`, one resource a file; returns the paths written. */
export async function writeManifests(dir: string, manifests: readonly ImportedManifest[]): Promise<string[]> {
  const written: string[] = [];
  for (const manifest of manifests) {
    const folder = join(dir, manifest.namespace);
    await mkdir(folder, { recursive: true });
    const path = join(
      folder,
      `${schemaFileOf(manifest.kind).replace('.schema.json', '')}-${manifest.name}.yaml`,
    );
    await writeFile(path, renderManifest(manifest), 'utf8');
    written.push(path);
  }
  return written;
}
