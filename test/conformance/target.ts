/**
 * A conformance target: one implementation of the AWS APIs that the conformance suites
 * (test/conformance/<service>.suite.ts) run against through the real SDK clients.
 *
 * Capabilities are strings:
 * - `<service>:<Operation>`, an API operation by its name in the AWS model, with the service named
 *   as its folder in ../shared/aws-models: `ecs:CreateService`, `elbv2:CreateTargetGroup`,
 *   `efs:CreateFileSystem`, `servicediscovery:CreateHttpNamespace`,
 *   `application-autoscaling:RegisterScalableTarget`;
 * - `life:<behaviour>`, simulated life only the emulator has (see LIFE_CAPABILITIES);
 * - `control`, the emulator's /_emulator/ control endpoint;
 * - `throttling`, answers with AWS's throttling errors at AWS's request rates.
 */
export interface TargetSpec {
  readonly name: 'emulator' | 'moto' | 'localstack';
  available(): Promise<Availability>;
  supports(capability: string): boolean;
  start(): Promise<RunningTarget>;
}

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface RunningTarget {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  close(): Promise<void>;
}

export const LIFE_CAPABILITIES = [
  /** services start tasks up to desiredCount; deployments roll */
  'life:ecs-tasks',
  /** tasks of a service with loadBalancers become targets whose health changes */
  'life:target-health',
  /** tasks registered as Cloud Map instances */
  'life:cloudmap-instances',
  /** EFS file systems and mount targets, and load balancers, move from creating to available */
  'life:provisioning',
  /** time is moved by the test (/_emulator/clock) */
  'life:clock',
] as const;

/** The settings an @aws-sdk/client-* v3 client needs to talk to a running target. */
export function targetClientConfig(target: RunningTarget): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return { endpoint: target.endpoint, region: target.region, credentials: { ...target.credentials } };
}
