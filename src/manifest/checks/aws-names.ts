import type { Kind } from '../kinds.ts';
import type { Entry, Finding } from '../revision-context.ts';

/** One rule AWS states for a resource name: what a name that breaks it is told, or undefined. */
export type NameRule = (name: string) => string | undefined;

/** The spec field that names a kind's AWS resource, what the resource is called, and its rules. */
export interface AwsName {
  readonly field: string;
  readonly noun: string;
  /** Some rules depend on other settings (a DNS namespace's `type`); undefined when they cannot be known. */
  readonly rules: (spec: Readonly<Record<string, unknown>>) => readonly NameRule[] | undefined;
}

const length =
  (min: number, max: number): NameRule =>
  (name) =>
    name.length > max
      ? `must have at most ${max} characters (it has ${name.length})`
      : name.length < min
        ? `must have at least ${min} character${min === 1 ? '' : 's'}`
        : undefined;
const matches =
  (says: string, pattern: RegExp): NameRule =>
  (name) =>
    pattern.test(name) ? undefined : says;
const notStarting =
  (prefix: string): NameRule =>
  (name) =>
    name.startsWith(prefix) ? `must not begin with "${prefix}"` : undefined;

// ECS CreateCluster clusterName, RegisterTaskDefinition family, CreateService serviceName (model
// documentation): "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens".
const ECS_NAME = [
  length(1, 255),
  matches('must have only letters, digits, underscores and hyphens', /^[a-zA-Z0-9_-]*$/),
];

// ELBv2 CreateTargetGroup and CreateLoadBalancer Name (model documentation, ELBv2 API reference):
// "a maximum of 32 characters, must contain only alphanumeric characters or hyphens, and must not
// begin or end with a hyphen"; a load balancer's also "must not begin with "internal-"".
const ELB_NAME = [
  length(1, 32),
  matches('must have only letters, digits and hyphens', /^[a-zA-Z0-9-]*$/),
  matches('must not begin or end with a hyphen', /^(?!-)(?:.*[^-])?$/),
];
const LOAD_BALANCER_NAME = [...ELB_NAME, notStarting('internal-')];

// Cloud Map NamespaceNamePrivate (max 253), NamespaceNameHttp (max 1024): ^(?!arn:)[!-~]{1,n}$.
const printableNamespace = (max: number) => [
  length(1, max),
  matches('must have only printable ASCII characters other than space', /^[!-~]*$/),
  notStarting('arn:'),
];
// Cloud Map NamespaceNamePublic: max 253, dot-separated DNS labels.
const PUBLIC_NAMESPACE = [
  length(1, 253),
  matches(
    'must be, for a DNS_PUBLIC namespace, a domain name of two or more dot-separated labels (e.g. example.com) of letters, digits and hyphens',
    /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/,
  ),
];
const NAMESPACE_RULES: ReadonlyMap<unknown, readonly NameRule[]> = new Map([
  ['DNS_PRIVATE', printableNamespace(253)],
  ['DNS_PUBLIC', PUBLIC_NAMESPACE],
  ['HTTP', printableNamespace(1024)],
]);

// Cloud Map CreateService Name (ServiceName pattern): "." or dot-separated labels, 127 characters in all.
const DISCOVERY_SERVICE_NAME = [
  length(1, 127),
  matches(
    'must be "." or dot-separated labels of 1 to 63 letters, digits, underscores and hyphens, no label beginning or ending with a hyphen',
    /^(?:(?:[a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*|\.)$/,
  ),
];

// Application Auto Scaling PutScalingPolicy PolicyName: min 1, max 256, \p{Print}+.
const POLICY_NAME = [length(1, 256), matches('must have only printable ASCII characters', /^[ -~]*$/)];

const always =
  (rules: readonly NameRule[]): AwsName['rules'] =>
  () =>
    rules;

/**
 * Each kind's AWS name field (docs/MANIFESTS.md: optional, defaults to metadata.name) and its rules:
 * the rules the schemas state for that field, in words; test/manifest/aws-names.test.ts keeps the
 * two in step.
 */
export const AWS_NAMES: ReadonlyMap<Kind, AwsName> = new Map<Kind, AwsName>([
  ['Cluster', { field: 'clusterName', noun: 'cluster', rules: always(ECS_NAME) }],
  ['TaskDefinition', { field: 'family', noun: 'task definition family', rules: always(ECS_NAME) }],
  ['Service', { field: 'serviceName', noun: 'service', rules: always(ECS_NAME) }],
  ['LoadBalancer', { field: 'name', noun: 'load balancer', rules: always(LOAD_BALANCER_NAME) }],
  ['TargetGroup', { field: 'name', noun: 'target group', rules: always(ELB_NAME) }],
  ['DnsNamespace', { field: 'name', noun: 'namespace', rules: (spec) => NAMESPACE_RULES.get(spec.type) }],
  ['DiscoveryService', { field: 'name', noun: 'Cloud Map service', rules: always(DISCOVERY_SERVICE_NAME) }],
  ['ScalingPolicy', { field: 'policyName', noun: 'scaling policy', rules: always(POLICY_NAME) }],
]);

/** metadata.name's own rule (common.schema.json#/$defs/name): a name that breaks it is reported there. */
export const METADATA_NAME = { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, maxLength: 63 } as const;

/**
 * A manifest without its AWS name field is named after metadata.name, which must then follow
 * AWS's rules for that name too: a target group or load balancer name has at most 32 characters
 * where metadata.name may have 63, a load balancer's must not begin with "internal-", a public DNS
 * namespace's must be a domain name. (The schemas check the field itself when it is set.)
 */
export function checkAwsNames(entry: Entry): Finding[] {
  const { kind, spec, metadata } = entry.manifest;
  const awsName = AWS_NAMES.get(kind);
  if (awsName === undefined || Object.hasOwn(spec, awsName.field)) return [];
  const { name } = metadata;
  if (!METADATA_NAME.pattern.test(name) || name.length > METADATA_NAME.maxLength) return [];
  const broken = (awsName.rules(spec) ?? []).flatMap((rule) => rule(name) ?? []);
  if (broken.length === 0) return [];
  return [
    {
      entry,
      problem: {
        name: 'INVALID_DEFAULT_NAME',
        segments: ['metadata', 'name'],
        target: 'value',
        params: {
          field: `spec.${awsName.field}`,
          name,
          noun: awsName.noun,
          rules: broken.join(', and '),
        },
      },
    },
  ];
}
