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
