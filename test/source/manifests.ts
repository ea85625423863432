/** Small valid manifests for source tests: a Cluster needs nothing else. */
export function clusterYaml(name: string, settings = ''): string {
  return `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:${settings === '' ? ' {}' : `\n${settings}`}\n`;
}

/** A Cluster whose clusterName is a number: SS111 (WRONG_TYPE) at line 6, column 16. */
export function badClusterYaml(name: string): string {
  return `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  clusterName: 42\n`;
}

export const BAD_CLUSTER_ERROR = { code: 'SS111', line: 6, column: 16, path: 'spec.clusterName' } as const;

export function identities(documents: readonly { readonly identity: string }[]): string[] {
  return documents.map((d) => d.identity);
}
