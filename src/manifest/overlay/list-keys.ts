/**
 * Lists a patch merges element by element, by these members (the keys the diff compares them by,
 * where one fits a person's patch); any other list a patch gives replaces the base's whole.
 * Paths are from the document root, `[]` for "any element".
 */
const LIST_KEYS: Readonly<Record<string, readonly string[]>> = {
  'spec.containerDefinitions': ['name'],
  'spec.containerDefinitions[].environment': ['name'],
  'spec.containerDefinitions[].secrets': ['name'],
  'spec.containerDefinitions[].portMappings': ['containerPort'],
  'spec.containerDefinitions[].mountPoints': ['sourceVolume', 'containerPath'],
  'spec.containerDefinitions[].volumesFrom': ['sourceContainer'],
  'spec.containerDefinitions[].dependsOn': ['containerName'],
  'spec.containerDefinitions[].ulimits': ['name'],
  'spec.containerDefinitions[].extraHosts': ['hostname'],
  'spec.containerDefinitions[].resourceRequirements': ['type'],
  'spec.volumes': ['name'],
  'spec.overrides.containerOverrides': ['name'],
  'spec.overrides.containerOverrides[].environment': ['name'],
  'spec.capacityProviderStrategy': ['capacityProvider'],
  'spec.defaultCapacityProviderStrategy': ['capacityProvider'],
  'spec.settings': ['name'],
  'spec.mountTargets': ['subnetId'],
  'spec.conditions': ['field'],
  'spec.certificates': ['certificateArn'],
  'spec.dnsConfig.dnsRecords': ['type'],
};

export function listKeysAt(path: string): readonly string[] | undefined {
  return Object.hasOwn(LIST_KEYS, path) ? LIST_KEYS[path] : undefined;
}

/** Every keyed list, for the docs and the tests. */
export function keyedLists(): ReadonlyArray<readonly [string, readonly string[]]> {
  return Object.entries(LIST_KEYS);
}
