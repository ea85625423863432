import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { COLD_SHARE, rateFloorSeconds } from './cold-converge.ts';
import { type FleetShape, fleetFiles } from './fleet.ts';

/** The emulator account target `index` assumes a role in (12 digits, none the emulator's default). */
export const accountOf = (index: number): string => `2000000000${String(index).padStart(2, '0')}`;
export const roleOf = (index: number): string => `arn:aws:iam::${accountOf(index)}:role/shipshape-target`;

const targetManifest = (index: number, namespaces: readonly string[]) =>
  `apiVersion: shipshape.dev/v1
kind: Target
metadata: {name: account-${index}, namespace: platform}
spec:
  region: us-east-1
  roleArn: ${roleOf(index)}
  namespaces: [${namespaces.join(', ')}]
`;

/**
 * `targets` copies of bench/fleet.ts's fleet, each in namespaces of its own (`t<i>-c<n>`, one per
 * cluster as there) bound by a Target to its own account.
 */
export function targetFleetFiles(targets: number, shape: FleetShape): Record<string, string> {
  const one = fleetFiles(shape);
  const files: Record<string, string> = {};
  for (let t = 0; t < targets; t += 1) {
    const namespaces = new Set<string>();
    for (const [file, content] of Object.entries(one)) {
      const namespace = /namespace: (c\d+)\}/.exec(content)?.[1];
      if (namespace === undefined) throw new Error(`${file}: no cluster namespace to move`);
      namespaces.add(`t${t}-${namespace}`);
      files[`t${t}-${file}`] = content.replace(`namespace: ${namespace}}`, `namespace: t${t}-${namespace}}`);
    }
    files[`platform/target-${t}.yaml`] = targetManifest(t, [...namespaces].sort());
  }
  return files;
}

/** The identities of the Targets targetFleetFiles writes. */
export const targetIds = (targets: number): string[] =>
  Array.from({ length: targets }, (_, t) => `Target/platform/account-${t}`);

/** The fleet of `targets` written as a folder the operators' sources read; the caller removes it. */
export async function writeTargetFleet(targets: number, shape: FleetShape): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-targets-'));
  for (const [file, content] of Object.entries(targetFleetFiles(targets, shape))) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return dir;
}

/** Declares each target's role to the emulator's STS, so that AssumeRole answers for it. */
export async function declareTargetRoles(endpoint: string, targets: number): Promise<void> {
  for (let t = 0; t < targets; t += 1) {
    const roleArn = roleOf(t);
    const answer = await fetch(`${endpoint}/_emulator/sts/roles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roleArn }),
    });
    if (!answer.ok) throw new Error(`declaring ${roleArn}: ${answer.status} ${await answer.text()}`);
  }
}

/** One target's rate floor for a cold start of `shape` (its creates at COLD_SHARE of AWS's rates). */
export function oneTargetFloor(shape: FleetShape): { readonly group: string; readonly seconds: number } {
  const floors = rateFloorSeconds(
    {
      'ecs:CreateCluster': shape.clusters,
      'ecs:RegisterTaskDefinition': shape.clusters,
      'ecs:CreateService': shape.services,
    },
    COLD_SHARE,
  );
  return floors[0] ?? { group: 'none', seconds: 0 };
}

/** Resources a replica's API counts Synced (GET /status summary; 0 when it does not answer). */
export async function syncedOn(url: string, token?: string): Promise<number> {
  const answer = await fetch(`${url}/status?limit=1`, {
    ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
  });
  if (!answer.ok) return 0;
  const body = (await answer.json()) as { summary: { bySync: Record<string, number> } };
  return body.summary.bySync.Synced ?? 0;
}
