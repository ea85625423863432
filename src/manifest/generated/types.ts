// Generated from schemas/*.schema.json by scripts/gen-types.ts (npm run gen:types). Do not edit.

/**
 * Any Shipshape manifest.
 */
export type Manifest =
  | AccessPointManifest
  | ClusterManifest
  | DiscoveryServiceManifest
  | DnsNamespaceManifest
  | FileSystemManifest
  | JobManifest
  | ListenerRuleManifest
  | ListenerManifest
  | LoadBalancerManifest
  | ScalableTargetManifest
  | ScalingPolicyManifest
  | ServiceManifest
  | TargetGroupManifest
  | TargetManifest
  | TaskDefinitionManifest;
/**
 * Field paths left out of the diff (e.g. desiredCount when autoscaling owns it).
 *
 * Items: A field path: dot-separated members, [key=value] for set elements, [n] for list elements.
 */
export type IgnoreDifferences = string[];

/**
 * An EFS access point.
 */
export interface AccessPointManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'AccessPoint';
  metadata: Metadata;
  spec: AccessPointSpec;
}
/**
 * The manifest's identity: kind/namespace/name is unique within a revision.
 */
export interface Metadata {
  /**
   * A lowercase DNS label: letters, digits and hyphens, starting and ending alphanumeric.
   */
  name: string;
  /**
   * A lowercase DNS label: letters, digits and hyphens, starting and ending alphanumeric.
   */
  namespace?: string;
  labels?: StringMap;
  annotations?: StringMap;
}
export interface StringMap {
  [k: string]: string | undefined;
}
/**
 * EFS CreateAccessPoint input.
 */
export interface AccessPointSpec {
  tags?: Tags;
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  fileSystemRef?: string;
  /**
   * The ID of the EFS file system that the access point provides access to.
   */
  fileSystemId?: string;
  posixUser?: PosixUser;
  rootDirectory?: RootDirectory;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * AWS tags as a map of key to value (at most 50).
 */
export interface Tags {
  [k: string]: string | undefined;
}
/**
 * The full POSIX identity, including the user ID, group ID, and any secondary group IDs, on the access point that is used for all file system operations performed by NFS clients using the access point.
 */
export interface PosixUser {
  /**
   * The POSIX user ID used for all file system operations using this access point.
   */
  uid: number;
  /**
   * The POSIX group ID used for all file system operations using this access point.
   */
  gid: number;
  /**
   * Secondary POSIX group IDs used for all file system operations using this access point.
   *
   * @maxItems 16
   */
  secondaryGids?: number[];
}
/**
 * Specifies the directory on the Amazon EFS file system that the access point provides access to.
 */
export interface RootDirectory {
  /**
   * Specifies the path on the EFS file system to expose as the root directory to NFS clients using the access point to access the EFS file system.
   */
  path?: string;
  creationInfo?: CreationInfo;
}
/**
 * Required if the RootDirectory > Path specified does not exist.
 */
export interface CreationInfo {
  /**
   * Specifies the POSIX user ID to apply to the RootDirectory .
   */
  ownerUid: number;
  /**
   * Specifies the POSIX group ID to apply to the RootDirectory .
   */
  ownerGid: number;
  /**
   * Specifies the POSIX permissions to apply to the RootDirectory , in the format of an octal number representing the file's mode bits.
   */
  permissions: string;
}
/**
 * An ECS cluster.
 */
export interface ClusterManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'Cluster';
  metadata: Metadata;
  spec: ClusterSpec;
}
/**
 * ECS CreateCluster input.
 */
export interface ClusterSpec {
  /**
   * Cluster name; defaults to metadata.name.
   */
  clusterName?: string;
  tags?: Tags;
  /**
   * The setting to use when creating a cluster.
   */
  settings?: ClusterSetting[];
  configuration?: ClusterConfiguration;
  /**
   * The short name of one or more capacity providers to associate with the cluster.
   */
  capacityProviders?: string[];
  /**
   * The capacity provider strategy to set as the default for the cluster.
   */
  defaultCapacityProviderStrategy?: CapacityProviderStrategyItem[];
  serviceConnectDefaults?: ClusterServiceConnectDefaultsRequest;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * The settings to use when creating a cluster.
 */
export interface ClusterSetting {
  /**
   * The name of the cluster setting.
   */
  name?: 'containerInsights';
  /**
   * The value to set for the cluster setting.
   */
  value?: string;
}
/**
 * The execute command and managed storage configuration for the cluster.
 */
export interface ClusterConfiguration {
  executeCommandConfiguration?: ExecuteCommandConfiguration;
  managedStorageConfiguration?: ManagedStorageConfiguration;
}
/**
 * The details of the execute command configuration.
 */
export interface ExecuteCommandConfiguration {
  /**
   * Specify an Key Management Service key ID to encrypt the data between the local client and the container.
   */
  kmsKeyId?: string;
  /**
   * The log setting to use for redirecting logs for your execute command results.
   */
  logging?: 'NONE' | 'DEFAULT' | 'OVERRIDE';
  logConfiguration?: ExecuteCommandLogConfiguration;
}
/**
 * The log configuration for the results of the execute command actions.
 */
export interface ExecuteCommandLogConfiguration {
  /**
   * The name of the CloudWatch log group to send logs to.
   */
  cloudWatchLogGroupName?: string;
  /**
   * Determines whether to use encryption on the CloudWatch logs.
   */
  cloudWatchEncryptionEnabled?: boolean;
  /**
   * The name of the S3 bucket to send logs to.
   */
  s3BucketName?: string;
  /**
   * Determines whether to use encryption on the S3 logs.
   */
  s3EncryptionEnabled?: boolean;
  /**
   * An optional folder in the S3 bucket to place logs in.
   */
  s3KeyPrefix?: string;
}
/**
 * The managed storage configuration for the cluster.
 */
export interface ManagedStorageConfiguration {
  /**
   * Specify a Key Management Service key ID to encrypt Amazon ECS managed storage.
   */
  kmsKeyId?: string;
  /**
   * Specify the Key Management Service key ID for Fargate ephemeral storage.
   */
  fargateEphemeralStorageKmsKeyId?: string;
}
/**
 * The details of a capacity provider strategy.
 */
export interface CapacityProviderStrategyItem {
  /**
   * The short name of the capacity provider.
   */
  capacityProvider: string;
  /**
   * The weight value designates the relative percentage of the total number of tasks launched that should use the specified capacity provider.
   */
  weight?: number;
  /**
   * The base value designates how many tasks, at a minimum, to run on the specified capacity provider for each service.
   */
  base?: number;
}
/**
 * Use this parameter to set a default Service Connect namespace.
 */
export interface ClusterServiceConnectDefaultsRequest {
  /**
   * The namespace name or full Amazon Resource Name (ARN) of the Cloud Map namespace that's used when you create a service and don't specify a Service Connect configuration.
   */
  namespace: string;
}
/**
 * A Cloud Map service.
 */
export interface DiscoveryServiceManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'DiscoveryService';
  metadata: Metadata;
  spec: DiscoveryServiceSpec;
}
/**
 * Cloud Map CreateService input.
 */
export interface DiscoveryServiceSpec {
  /**
   * Service name (the DNS label); defaults to metadata.name.
   */
  name?: string;
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  namespaceRef?: string;
  /**
   * The ID or Amazon Resource Name (ARN) of the namespace that you want to use to create the service.
   */
  namespaceId?: string;
  /**
   * A description for the service.
   */
  description?: string;
  dnsConfig?: DnsConfig;
  healthCheckConfig?: HealthCheckConfig;
  healthCheckCustomConfig?: HealthCheckCustomConfig;
  tags?: Tags;
  /**
   * If present, specifies that the service instances are only discoverable using the DiscoverInstances API operation.
   */
  type?: 'HTTP';
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * A complex type that contains information about the Amazon Route 53 DNS records that you want Cloud Map to create when you register an instance.
 */
export interface DnsConfig {
  /**
   * The routing policy that you want to apply to all Route 53 DNS records that Cloud Map creates when you register an instance and specify this service.
   */
  routingPolicy?: 'MULTIVALUE' | 'WEIGHTED';
  /**
   * An array that contains one DnsRecord object for each Route 53 DNS record that you want Cloud Map to create when you register an instance.
   *
   * @minItems 1
   */
  dnsRecords: DnsRecord[];
}
/**
 * A complex type that contains information about the Route 53 DNS records that you want Cloud Map to create when you register an instance.
 */
export interface DnsRecord {
  /**
   * The type of the resource, which indicates the type of value that Route 53 returns in response to DNS queries.
   */
  type: 'SRV' | 'A' | 'AAAA' | 'CNAME';
  /**
   * The amount of time, in seconds, that you want DNS resolvers to cache the settings for this record.
   */
  tTL: number;
}
/**
 * Public DNS and HTTP namespaces only.
 */
export interface HealthCheckConfig {
  /**
   * The type of health check that you want to create, which indicates how Route 53 determines whether an endpoint is healthy.
   */
  type: 'HTTP' | 'HTTPS' | 'TCP';
  /**
   * The path that you want Route 53 to request when performing health checks.
   */
  resourcePath?: string;
  /**
   * The number of consecutive health checks that an endpoint must pass or fail for Route 53 to change the current status of the endpoint from unhealthy to healthy or the other way around.
   */
  failureThreshold?: number;
}
/**
 * A complex type that contains information about an optional custom health check.
 */
export interface HealthCheckCustomConfig {
  /**
   * This parameter is no longer supported and is always set to 1.
   */
  failureThreshold?: number;
}
/**
 * A Cloud Map namespace.
 */
export interface DnsNamespaceManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'DnsNamespace';
  metadata: Metadata;
  spec: DnsNamespaceSpec;
}
/**
 * Cloud Map namespace: CreatePrivateDnsNamespace, CreatePublicDnsNamespace or CreateHttpNamespace by type.
 */
export interface DnsNamespaceSpec {
  /**
   * Which kind of namespace, so which create call.
   */
  type: 'DNS_PRIVATE' | 'DNS_PUBLIC' | 'HTTP';
  /**
   * Namespace name (e.g. example.local): DNS_PRIVATE 1-253 and HTTP 1-1024 printable characters, not beginning with "arn:"; DNS_PUBLIC a domain name of two or more labels (example.com), at most 253 characters. Defaults to metadata.name.
   */
  name?: string;
  /**
   * A VPC id.
   */
  vpc?: string;
  /**
   * A description of the namespace.
   */
  description?: string;
  /**
   * DNS properties for the private DNS namespace.
   */
  properties?: {
    dnsProperties: PrivateDnsPropertiesMutable;
  };
  tags?: Tags;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * DNS properties for the private DNS namespace.
 */
export interface PrivateDnsPropertiesMutable {
  sOA: SOA;
}
/**
 * Start of Authority (SOA) properties for a public or private DNS namespace.
 */
export interface SOA {
  /**
   * The time to live (TTL) for purposes of negative caching.
   */
  tTL: number;
}
/**
 * An EFS file system and its mount targets.
 */
export interface FileSystemManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'FileSystem';
  metadata: Metadata;
  spec: FileSystemSpec;
}
/**
 * EFS CreateFileSystem input, with lifecycle, backup policy and mount targets.
 */
export interface FileSystemSpec {
  /**
   * The performance mode of the file system.
   */
  performanceMode?: 'generalPurpose' | 'maxIO';
  /**
   * A Boolean value that, if true, creates an encrypted file system.
   */
  encrypted?: boolean;
  /**
   * The ID of the KMS key that you want to use to protect the encrypted file system.
   */
  kmsKeyId?: string;
  /**
   * Specifies the throughput mode for the file system.
   */
  throughputMode?: 'bursting' | 'provisioned' | 'elastic';
  /**
   * The throughput, measured in mebibytes per second (MiBps), that you want to provision for a file system that you're creating.
   */
  provisionedThroughputInMibps?: number;
  /**
   * For One Zone file systems, specify the Amazon Web Services Availability Zone in which to create the file system.
   */
  availabilityZoneName?: string;
  /**
   * Specifies whether automatic backups are enabled on the file system that you are creating.
   */
  backup?: boolean;
  tags?: Tags;
  /**
   * As PutLifecycleConfiguration.
   *
   * @maxItems 3
   */
  lifecyclePolicies?: LifecyclePolicy[];
  backupPolicy?: BackupPolicy;
  /**
   * One mount target per subnet (CreateMountTarget); at most one per Availability Zone.
   */
  mountTargets?: MountTarget[];
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * Describes a policy used by lifecycle management that specifies when to transition files into and out of storage classes.
 */
export interface LifecyclePolicy {
  /**
   * The number of days after files were last accessed in primary storage (the Standard storage class) at which to move them to Infrequent Access (IA) storage.
   */
  transitionToIA?:
    | 'AFTER_7_DAYS'
    | 'AFTER_14_DAYS'
    | 'AFTER_30_DAYS'
    | 'AFTER_60_DAYS'
    | 'AFTER_90_DAYS'
    | 'AFTER_1_DAY'
    | 'AFTER_180_DAYS'
    | 'AFTER_270_DAYS'
    | 'AFTER_365_DAYS';
  /**
   * Whether to move files back to primary (Standard) storage after they are accessed in IA or Archive storage.
   */
  transitionToPrimaryStorageClass?: 'AFTER_1_ACCESS';
  /**
   * The number of days after files were last accessed in primary storage (the Standard storage class) at which to move them to Archive storage.
   */
  transitionToArchive?:
    | 'AFTER_1_DAY'
    | 'AFTER_7_DAYS'
    | 'AFTER_14_DAYS'
    | 'AFTER_30_DAYS'
    | 'AFTER_60_DAYS'
    | 'AFTER_90_DAYS'
    | 'AFTER_180_DAYS'
    | 'AFTER_270_DAYS'
    | 'AFTER_365_DAYS';
}
/**
 * The backup policy for the file system used to create automatic daily backups.
 */
export interface BackupPolicy {
  /**
   * Describes the status of the file system's backup policy.
   */
  status: 'ENABLED' | 'ENABLING' | 'DISABLED' | 'DISABLING';
}
/**
 * A mount target (CreateMountTarget input without the file system id).
 */
export interface MountTarget {
  /**
   * A VPC subnet id.
   */
  subnetId: string;
  /**
   * @maxItems 5
   *
   * Items: A VPC security group id.
   */
  securityGroups?: string[];
  /**
   * A fixed IPv4 address in the subnet.
   */
  ipAddress?: string;
}
/**
 * A one-off ECS task (RunTask), such as a database migration: run once per change of its spec or of its task definition; what depends on it waits until it exited 0.
 */
export interface JobManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'Job';
  metadata: Metadata;
  spec: JobSpec;
}
/**
 * ECS RunTask input for one task.
 */
export interface JobSpec {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  clusterRef?: string;
  /**
   * The short name or full ARN of the cluster to run the task on; the default cluster when neither this nor clusterRef is set.
   */
  cluster?: string;
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  taskDefinitionRef?: string;
  /**
   * The family and revision (family:revision) or full ARN of the task definition to run.
   */
  taskDefinition?: string;
  /**
   * The infrastructure to run the task on. Without it, ECS uses the cluster's default capacity provider strategy.
   */
  launchType?: 'FARGATE' | 'EC2' | 'EXTERNAL';
  /**
   * The Fargate platform version; LATEST when not set.
   */
  platformVersion?: string;
  networkConfiguration?: JobNetworkConfiguration;
  overrides?: JobOverrides;
  tags?: Tags;
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * The network configuration for a task.
 */
export interface JobNetworkConfiguration {
  awsvpcConfiguration?: JobAwsVpcConfiguration;
}
/**
 * The networking details for the task.
 */
export interface JobAwsVpcConfiguration {
  /**
   * The IDs of the subnets associated with the task.
   *
   * @minItems 1
   * @maxItems 16
   *
   * Items: A VPC subnet id.
   */
  subnets: string[];
  /**
   * The IDs of the security groups associated with the task.
   *
   * @maxItems 5
   *
   * Items: A VPC security group id.
   */
  securityGroups?: string[];
  /**
   * Whether the task's elastic network interface receives a public IP address.
   */
  assignPublicIp?: 'ENABLED' | 'DISABLED';
}
/**
 * The overrides for this run of the task.
 */
export interface JobOverrides {
  /**
   * One override per container to change.
   */
  containerOverrides?: JobContainerOverride[];
}
/**
 * An override of one container of the task definition.
 */
export interface JobContainerOverride {
  /**
   * The name of the container, as in the task definition.
   */
  name: string;
  /**
   * The command to run instead of the image's or the task definition's.
   */
  command?: string[];
  /**
   * Environment variables to add to or change in the container's.
   */
  environment?: JobEnvironmentVariable[];
}
/**
 * An environment variable.
 */
export interface JobEnvironmentVariable {
  name: string;
  value: string;
}
/**
 * An ELBv2 listener rule.
 */
export interface ListenerRuleManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'ListenerRule';
  metadata: Metadata;
  spec: ListenerRuleSpec;
}
/**
 * ELBv2 CreateRule input.
 */
export interface ListenerRuleSpec {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  listenerRef?: string;
  /**
   * The Amazon Resource Name (ARN) of the listener.
   */
  listenerArn?: string;
  /**
   * The conditions.
   */
  conditions: RuleCondition[];
  /**
   * The rule priority.
   */
  priority: number;
  /**
   * The actions.
   */
  actions: Action[];
  tags?: Tags;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * Information about a condition for a rule.
 */
export interface RuleCondition {
  /**
   * The name of the field.
   */
  field?: string;
  /**
   * The condition value.
   */
  values?: string[];
  hostHeaderConfig?: HostHeaderConditionConfig;
  pathPatternConfig?: PathPatternConditionConfig;
  httpHeaderConfig?: HttpHeaderConditionConfig;
  queryStringConfig?: QueryStringConditionConfig;
  httpRequestMethodConfig?: HttpRequestMethodConditionConfig;
  sourceIpConfig?: SourceIpConditionConfig;
  /**
   * The regular expressions to match against the condition field.
   */
  regexValues?: string[];
}
/**
 * Information about a host header condition.
 */
export interface HostHeaderConditionConfig {
  /**
   * The host names.
   */
  values?: string[];
  /**
   * The regular expressions to compare against the host header.
   */
  regexValues?: string[];
}
/**
 * Information about a path pattern condition.
 */
export interface PathPatternConditionConfig {
  /**
   * The path patterns to compare against the request URL.
   */
  values?: string[];
  /**
   * The regular expressions to compare against the request URL.
   */
  regexValues?: string[];
}
/**
 * Information about an HTTP header condition.
 */
export interface HttpHeaderConditionConfig {
  /**
   * The name of the HTTP header field.
   */
  httpHeaderName?: string;
  /**
   * The strings to compare against the value of the HTTP header.
   */
  values?: string[];
  /**
   * The regular expression to compare against the HTTP header.
   */
  regexValues?: string[];
}
/**
 * Information about a query string condition.
 */
export interface QueryStringConditionConfig {
  /**
   * The key/value pairs or values to find in the query string.
   */
  values?: QueryStringKeyValuePair[];
}
/**
 * Information about a key/value pair.
 */
export interface QueryStringKeyValuePair {
  /**
   * The key.
   */
  key?: string;
  /**
   * The value.
   */
  value?: string;
}
/**
 * Information about an HTTP method condition.
 */
export interface HttpRequestMethodConditionConfig {
  /**
   * The name of the request method.
   */
  values?: string[];
}
/**
 * Information about a source IP condition.
 */
export interface SourceIpConditionConfig {
  /**
   * The source IP addresses, in CIDR format.
   */
  values?: string[];
  /**
   * The IP address type for Network Load Balancers.
   */
  ipAddressType?: 'ipv4' | 'ipv6';
}
/**
 * Information about an action.
 */
export interface Action {
  /**
   * The type of action.
   */
  type:
    | 'forward'
    | 'authenticate-oidc'
    | 'authenticate-cognito'
    | 'redirect'
    | 'fixed-response'
    | 'jwt-validation';
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  targetGroupRef?: string;
  /**
   * The Amazon Resource Name (ARN) of the target group.
   */
  targetGroupArn?: string;
  authenticateOidcConfig?: AuthenticateOidcActionConfig;
  authenticateCognitoConfig?: AuthenticateCognitoActionConfig;
  /**
   * The order for the action.
   */
  order?: number;
  redirectConfig?: RedirectActionConfig;
  fixedResponseConfig?: FixedResponseActionConfig;
  forwardConfig?: ForwardActionConfig;
  jwtValidationConfig?: JwtValidationActionConfig;
}
/**
 * Request parameters when using an identity provider (IdP) that is compliant with OpenID Connect (OIDC) to authenticate users.
 */
export interface AuthenticateOidcActionConfig {
  /**
   * The OIDC issuer identifier of the IdP.
   */
  issuer: string;
  /**
   * The authorization endpoint of the IdP.
   */
  authorizationEndpoint: string;
  /**
   * The token endpoint of the IdP.
   */
  tokenEndpoint: string;
  /**
   * The user info endpoint of the IdP.
   */
  userInfoEndpoint: string;
  /**
   * The OAuth 2.0 client identifier.
   */
  clientId: string;
  /**
   * The OAuth 2.0 client secret.
   */
  clientSecret?: string;
  /**
   * The name of the cookie used to maintain session information.
   */
  sessionCookieName?: string;
  /**
   * The set of user claims to be requested from the IdP.
   */
  scope?: string;
  /**
   * The maximum duration of the authentication session, in seconds.
   */
  sessionTimeout?: number;
  /**
   * The query parameters (up to 10) to include in the redirect request to the authorization endpoint.
   */
  authenticationRequestExtraParams?: {
    [k: string]: string | undefined;
  };
  /**
   * The behavior if the user is not authenticated.
   */
  onUnauthenticatedRequest?: 'deny' | 'allow' | 'authenticate';
  /**
   * Indicates whether to use the existing client secret when modifying a rule.
   */
  useExistingClientSecret?: boolean;
}
/**
 * Request parameters to use when integrating with Amazon Cognito to authenticate users.
 */
export interface AuthenticateCognitoActionConfig {
  /**
   * The Amazon Resource Name (ARN) of the Amazon Cognito user pool.
   */
  userPoolArn: string;
  /**
   * The ID of the Amazon Cognito user pool client.
   */
  userPoolClientId: string;
  /**
   * The domain prefix or fully-qualified domain name of the Amazon Cognito user pool.
   */
  userPoolDomain: string;
  /**
   * The name of the cookie used to maintain session information.
   */
  sessionCookieName?: string;
  /**
   * The set of user claims to be requested from the IdP.
   */
  scope?: string;
  /**
   * The maximum duration of the authentication session, in seconds.
   */
  sessionTimeout?: number;
  /**
   * The query parameters (up to 10) to include in the redirect request to the authorization endpoint.
   */
  authenticationRequestExtraParams?: {
    [k: string]: string | undefined;
  };
  /**
   * The behavior if the user is not authenticated.
   */
  onUnauthenticatedRequest?: 'deny' | 'allow' | 'authenticate';
}
/**
 * Information about a redirect action.
 */
export interface RedirectActionConfig {
  /**
   * The protocol.
   */
  protocol?: string;
  /**
   * The port.
   */
  port?: string;
  /**
   * The hostname.
   */
  host?: string;
  /**
   * The absolute path, starting with the leading "/".
   */
  path?: string;
  /**
   * The query parameters, URL-encoded when necessary, but not percent-encoded.
   */
  query?: string;
  /**
   * The HTTP redirect code.
   */
  statusCode: 'HTTP_301' | 'HTTP_302';
}
/**
 * Information about an action that returns a custom HTTP response.
 */
export interface FixedResponseActionConfig {
  /**
   * The message.
   */
  messageBody?: string;
  /**
   * The HTTP response code (2XX, 4XX, or 5XX).
   */
  statusCode: string;
  /**
   * The content type.
   */
  contentType?: string;
}
/**
 * Information about a forward action.
 */
export interface ForwardActionConfig {
  /**
   * The target groups.
   */
  targetGroups?: TargetGroupTuple[];
  targetGroupStickinessConfig?: TargetGroupStickinessConfig;
}
/**
 * Information about how traffic will be distributed between multiple target groups in a forward rule.
 */
export interface TargetGroupTuple {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  targetGroupRef?: string;
  /**
   * The Amazon Resource Name (ARN) of the target group.
   */
  targetGroupArn?: string;
  /**
   * The weight.
   */
  weight?: number;
}
/**
 * Information about the target group stickiness for a rule.
 */
export interface TargetGroupStickinessConfig {
  /**
   * Indicates whether target group stickiness is enabled.
   */
  enabled?: boolean;
  /**
   * [Application Load Balancers] The time period, in seconds, during which requests from a client should be routed to the same target group.
   */
  durationSeconds?: number;
}
/**
 * Information about a JSON Web Token (JWT) validation action.
 */
export interface JwtValidationActionConfig {
  /**
   * The JSON Web Key Set (JWKS) endpoint.
   */
  jwksEndpoint: string;
  /**
   * The issuer of the JWT.
   */
  issuer: string;
  /**
   * Additional claims to validate.
   */
  additionalClaims?: JwtValidationActionAdditionalClaim[];
}
/**
 * Information about an additional claim to validate.
 */
export interface JwtValidationActionAdditionalClaim {
  /**
   * The format of the claim value.
   */
  format: 'single-string' | 'string-array' | 'space-separated-values';
  /**
   * The name of the claim.
   */
  name: string;
  /**
   * The claim value.
   */
  values: string[];
}
/**
 * An ELBv2 listener.
 */
export interface ListenerManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'Listener';
  metadata: Metadata;
  spec: ListenerSpec;
}
/**
 * ELBv2 CreateListener input.
 */
export interface ListenerSpec {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  loadBalancerRef?: string;
  /**
   * The Amazon Resource Name (ARN) of the load balancer.
   */
  loadBalancerArn?: string;
  /**
   * The protocol for connections from clients to the load balancer.
   */
  protocol?: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP' | 'GENEVE' | 'QUIC' | 'TCP_QUIC';
  /**
   * The port on which the load balancer is listening.
   */
  port?: number;
  /**
   * [HTTPS and TLS listeners] The security policy that defines which protocols and ciphers are supported.
   */
  sslPolicy?: string;
  /**
   * [HTTPS and TLS listeners] The default certificate for the listener.
   */
  certificates?: Certificate[];
  /**
   * The actions for the default rule.
   *
   * @minItems 1
   */
  defaultActions: Action[];
  /**
   * [TLS listeners] The name of the Application-Layer Protocol Negotiation (ALPN) policy.
   */
  alpnPolicy?: string[];
  tags?: Tags;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * Information about an SSL server certificate.
 */
export interface Certificate {
  /**
   * The Amazon Resource Name (ARN) of the certificate.
   */
  certificateArn?: string;
  /**
   * Indicates whether the certificate is the default certificate.
   */
  isDefault?: boolean;
}
/**
 * An ELBv2 load balancer.
 */
export interface LoadBalancerManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'LoadBalancer';
  metadata: Metadata;
  spec: LoadBalancerSpec;
}
/**
 * ELBv2 CreateLoadBalancer input.
 */
export interface LoadBalancerSpec {
  /**
   * Load balancer name (1-32 alphanumerics and hyphens, no leading or trailing hyphen, not beginning with "internal-"); defaults to metadata.name.
   */
  name?: string;
  /**
   * The IDs of the subnets.
   *
   * Items: A VPC subnet id.
   */
  subnets?: string[];
  /**
   * The IDs of the subnets.
   */
  subnetMappings?: SubnetMapping[];
  /**
   * [Application Load Balancers and Network Load Balancers] The IDs of the security groups for the load balancer.
   *
   * @maxItems 5
   *
   * Items: A VPC security group id.
   */
  securityGroups?: string[];
  /**
   * The nodes of an Internet-facing load balancer have public IP addresses.
   */
  scheme?: 'internet-facing' | 'internal';
  tags?: Tags;
  /**
   * The type of load balancer.
   */
  type?: 'application' | 'network' | 'gateway';
  /**
   * The IP address type.
   */
  ipAddressType?: 'ipv4' | 'dualstack' | 'dualstack-without-public-ipv4';
  /**
   * LoadBalancer attributes, key to string value (as ModifyLoadBalancerAttributes).
   */
  attributes?: {
    [k: string]: string | undefined;
  };
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * Information about a subnet mapping.
 */
export interface SubnetMapping {
  /**
   * A VPC subnet id.
   */
  subnetId: string;
  /**
   * [Network Load Balancers] The allocation ID of the Elastic IP address for an internet-facing load balancer.
   */
  allocationId?: string;
  /**
   * [Network Load Balancers] The private IPv4 address for an internal load balancer.
   */
  privateIPv4Address?: string;
  /**
   * [Network Load Balancers] The IPv6 address.
   */
  iPv6Address?: string;
  /**
   * [Network Load Balancers with UDP listeners] The IPv6 prefix to use for source NAT.
   */
  sourceNatIpv6Prefix?: string;
}
/**
 * An ECS service desired count registered with Application Auto Scaling.
 */
export interface ScalableTargetManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'ScalableTarget';
  metadata: Metadata;
  spec: ScalableTargetSpec;
}
/**
 * Application Auto Scaling RegisterScalableTarget input for an ECS service.
 */
export interface ScalableTargetSpec {
  /**
   * The namespace of the Amazon Web Services service that provides the resource.
   */
  serviceNamespace?: 'ecs';
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  serviceRef?: string;
  /**
   * service/<cluster>/<service>.
   */
  resourceId?: string;
  /**
   * The scalable dimension associated with the scalable target.
   */
  scalableDimension?: 'ecs:service:DesiredCount';
  /**
   * The minimum value that you plan to scale in to.
   */
  minCapacity: number;
  /**
   * The maximum value that you plan to scale out to.
   */
  maxCapacity: number;
  /**
   * An Amazon Resource Name.
   */
  roleARN?: string;
  suspendedState?: SuspendedState;
  tags?: Tags;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * Specifies whether the scaling activities for a scalable target are in a suspended state.
 */
export interface SuspendedState {
  /**
   * Whether scale in by a target tracking scaling policy or a step scaling policy is suspended.
   */
  dynamicScalingInSuspended?: boolean;
  /**
   * Whether scale out by a target tracking scaling policy or a step scaling policy is suspended.
   */
  dynamicScalingOutSuspended?: boolean;
  /**
   * Whether scheduled scaling is suspended.
   */
  scheduledScalingSuspended?: boolean;
}
/**
 * An Application Auto Scaling policy on a scalable target.
 */
export interface ScalingPolicyManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'ScalingPolicy';
  metadata: Metadata;
  spec: ScalingPolicySpec;
}
/**
 * Application Auto Scaling PutScalingPolicy input.
 */
export interface ScalingPolicySpec {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  scalableTargetRef: string;
  /**
   * Policy name; defaults to metadata.name.
   */
  policyName?: string;
  /**
   * The scaling policy type.
   */
  policyType?: 'StepScaling' | 'TargetTrackingScaling';
  stepScalingPolicyConfiguration?: StepScalingPolicyConfiguration;
  targetTrackingScalingPolicyConfiguration?: TargetTrackingScalingPolicyConfiguration;
  tags?: Tags;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * Represents a step scaling policy configuration to use with Application Auto Scaling.
 */
export interface StepScalingPolicyConfiguration {
  /**
   * Specifies how the ScalingAdjustment value in a StepAdjustment is interpreted (for example, an absolute number or a percentage).
   */
  adjustmentType?: 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';
  /**
   * A set of adjustments that enable you to scale based on the size of the alarm breach.
   */
  stepAdjustments?: StepAdjustment[];
  /**
   * The minimum value to scale by when the adjustment type is PercentChangeInCapacity .
   */
  minAdjustmentMagnitude?: number;
  /**
   * The amount of time, in seconds, to wait for a previous scaling activity to take effect.
   */
  cooldown?: number;
  /**
   * The aggregation type for the CloudWatch metrics.
   */
  metricAggregationType?: 'Average' | 'Minimum' | 'Maximum';
}
/**
 * Represents a step adjustment for a StepScalingPolicyConfiguration .
 */
export interface StepAdjustment {
  /**
   * The lower bound for the difference between the alarm threshold and the CloudWatch metric.
   */
  metricIntervalLowerBound?: number;
  /**
   * The upper bound for the difference between the alarm threshold and the CloudWatch metric.
   */
  metricIntervalUpperBound?: number;
  /**
   * The amount by which to scale, based on the specified adjustment type.
   */
  scalingAdjustment: number;
}
/**
 * Represents a target tracking scaling policy configuration to use with Application Auto Scaling.
 */
export interface TargetTrackingScalingPolicyConfiguration {
  /**
   * The target value for the metric.
   */
  targetValue: number;
  predefinedMetricSpecification?: PredefinedMetricSpecification;
  customizedMetricSpecification?: CustomizedMetricSpecification;
  /**
   * The amount of time, in seconds, to wait for a previous scale-out activity to take effect.
   */
  scaleOutCooldown?: number;
  /**
   * The amount of time, in seconds, after a scale-in activity completes before another scale-in activity can start.
   */
  scaleInCooldown?: number;
  /**
   * Indicates whether scale in by the target tracking scaling policy is disabled.
   */
  disableScaleIn?: boolean;
}
/**
 * Represents a predefined metric for a target tracking scaling policy to use with Application Auto Scaling.
 */
export interface PredefinedMetricSpecification {
  /**
   * The metric type.
   */
  predefinedMetricType:
    | 'ECSServiceAverageCPUUtilization'
    | 'ECSServiceAverageMemoryUtilization'
    | 'ALBRequestCountPerTarget'
    | 'ECSServiceAverageCPUUtilizationHighResolution'
    | 'ECSServiceAverageMemoryUtilizationHighResolution';
  /**
   * Identifies the resource associated with the metric type.
   */
  resourceLabel?: string;
}
/**
 * Represents a CloudWatch metric of your choosing for a target tracking scaling policy to use with Application Auto Scaling.
 */
export interface CustomizedMetricSpecification {
  /**
   * The name of the metric.
   */
  metricName?: string;
  /**
   * The namespace of the metric.
   */
  namespace?: string;
  /**
   * The dimensions of the metric.
   */
  dimensions?: MetricDimension[];
  /**
   * The statistic of the metric.
   */
  statistic?: 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' | 'Sum';
  /**
   * The unit of the metric.
   */
  unit?: string;
  /**
   * The metrics to include in the target tracking scaling policy, as a metric data query.
   */
  metrics?: TargetTrackingMetricDataQuery[];
}
/**
 * Describes the dimension names and values associated with a metric.
 */
export interface MetricDimension {
  /**
   * The name of the dimension.
   */
  name: string;
  /**
   * The value of the dimension.
   */
  value: string;
}
/**
 * The metric data to return.
 */
export interface TargetTrackingMetricDataQuery {
  /**
   * The math expression to perform on the returned data, if this object is performing a math expression.
   */
  expression?: string;
  /**
   * A short name that identifies the object's results in the response.
   */
  id: string;
  /**
   * A human-readable label for this metric or expression.
   */
  label?: string;
  metricStat?: TargetTrackingMetricStat;
  /**
   * Indicates whether to return the timestamps and raw data values of this metric.
   */
  returnData?: boolean;
}
/**
 * This structure defines the CloudWatch metric to return, along with the statistic and unit.
 */
export interface TargetTrackingMetricStat {
  metric: TargetTrackingMetric;
  /**
   * The statistic to return.
   */
  stat: string;
  /**
   * The unit to use for the returned data points.
   */
  unit?: string;
}
/**
 * Represents a specific metric.
 */
export interface TargetTrackingMetric {
  /**
   * The dimensions for the metric.
   */
  dimensions?: TargetTrackingMetricDimension[];
  /**
   * The name of the metric.
   */
  metricName?: string;
  /**
   * The namespace of the metric.
   */
  namespace?: string;
}
/**
 * Describes the dimension of a metric.
 */
export interface TargetTrackingMetricDimension {
  /**
   * The name of the dimension.
   */
  name: string;
  /**
   * The value of the dimension.
   */
  value: string;
}
/**
 * An ECS service.
 */
export interface ServiceManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'Service';
  metadata: Metadata;
  spec: ServiceSpec;
}
/**
 * ECS CreateService input.
 */
export interface ServiceSpec {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  clusterRef?: string;
  /**
   * The short name or full Amazon Resource Name (ARN) of the cluster that you run your service on.
   */
  cluster?: string;
  /**
   * Service name; defaults to metadata.name.
   */
  serviceName?: string;
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  taskDefinitionRef?: string;
  /**
   * The family and revision ( family:revision ) or full ARN of the task definition to run in your service.
   */
  taskDefinition?: string;
  /**
   * Indicates whether to use Availability Zone rebalancing for the service.
   */
  availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
  /**
   * A load balancer object representing the load balancers to use with your service.
   */
  loadBalancers?: LoadBalancer[];
  /**
   * The details of the service discovery registry to associate with this service.
   */
  serviceRegistries?: ServiceRegistry[];
  /**
   * The number of instantiations of the specified task definition to place and keep running in your service.
   */
  desiredCount?: number;
  /**
   * The infrastructure that you run your service on.
   */
  launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL' | 'MANAGED_INSTANCES';
  /**
   * The capacity provider strategy to use for the service.
   */
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  /**
   * The platform version that your tasks in the service are running on.
   */
  platformVersion?: string;
  /**
   * The name or full Amazon Resource Name (ARN) of the IAM role that allows Amazon ECS to make calls to your load balancer on your behalf.
   */
  role?: string;
  deploymentConfiguration?: DeploymentConfiguration;
  /**
   * An array of placement constraint objects to use for tasks in your service.
   */
  placementConstraints?: PlacementConstraint[];
  /**
   * The placement strategy objects to use for tasks in your service.
   */
  placementStrategy?: PlacementStrategy[];
  networkConfiguration?: NetworkConfiguration;
  /**
   * The period of time, in seconds, that the Amazon ECS service scheduler ignores unhealthy Elastic Load Balancing, VPC Lattice, and container health checks after a task has first started.
   */
  healthCheckGracePeriodSeconds?: number;
  /**
   * The scheduling strategy to use for the service.
   */
  schedulingStrategy?: 'REPLICA' | 'DAEMON';
  deploymentController?: DeploymentController;
  tags?: Tags;
  /**
   * Specifies whether to turn on Amazon ECS managed tags for the tasks within the service.
   */
  enableECSManagedTags?: boolean;
  /**
   * Specifies whether to propagate the tags from the task definition to the task.
   */
  propagateTags?: 'TASK_DEFINITION' | 'SERVICE' | 'NONE';
  /**
   * Determines whether the execute command functionality is turned on for the service.
   */
  enableExecuteCommand?: boolean;
  serviceConnectConfiguration?: ServiceConnectConfiguration;
  /**
   * The configuration for a volume specified in the task definition as a volume that is configured at launch time.
   */
  volumeConfigurations?: ServiceVolumeConfiguration[];
  /**
   * The VPC Lattice configuration for the service being created.
   */
  vpcLatticeConfigurations?: VpcLatticeConfiguration[];
  monitoring?: MonitoringConfiguration;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
  rollout?: RolloutControl;
}
/**
 * The load balancer configuration to use with a service or task set.
 */
export interface LoadBalancer {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  targetGroupRef?: string;
  /**
   * The full Amazon Resource Name (ARN) of the Elastic Load Balancing target group or groups associated with a service or task set.
   */
  targetGroupArn?: string;
  /**
   * The name of the load balancer to associate with the Amazon ECS service or task set.
   */
  loadBalancerName?: string;
  /**
   * The name of the container (as it appears in a container definition) to associate with the load balancer.
   */
  containerName?: string;
  /**
   * The port on the container to associate with the load balancer.
   */
  containerPort?: number;
  advancedConfiguration?: AdvancedConfiguration;
}
/**
 * The advanced settings for a load balancer used in blue/green deployments.
 */
export interface AdvancedConfiguration {
  /**
   * The TargetGroup manifest (name, or namespace/name) of the alternate target group; replaces alternateTargetGroupArn.
   */
  alternateTargetGroupRef?: string;
  /**
   * The ListenerRule manifest of the production listener rule; replaces productionListenerRule.
   */
  productionListenerRuleRef?: string;
  /**
   * The ListenerRule manifest of the test listener rule; replaces testListenerRule.
   */
  testListenerRuleRef?: string;
  /**
   * The Amazon Resource Name (ARN) of the alternate target group for Amazon ECS blue/green deployments.
   */
  alternateTargetGroupArn?: string;
  /**
   * The Amazon Resource Name (ARN) that that identifies the production listener rule (in the case of an Application Load Balancer) or listener (in the case for an Network Load Balancer) for routing...
   */
  productionListenerRule?: string;
  /**
   * The Amazon Resource Name (ARN) that identifies ) that identifies the test listener rule (in the case of an Application Load Balancer) or listener (in the case for an Network Load Balancer) for...
   */
  testListenerRule?: string;
  /**
   * The Amazon Resource Name (ARN) of the IAM role that grants Amazon ECS permission to call the Elastic Load Balancing APIs for you.
   */
  roleArn?: string;
}
/**
 * The details for the service registry.
 */
export interface ServiceRegistry {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  discoveryServiceRef?: string;
  /**
   * The Amazon Resource Name (ARN) of the service registry.
   */
  registryArn?: string;
  /**
   * The port value used if your service discovery service specified an SRV record.
   */
  port?: number;
  /**
   * The container name value to be used for your service discovery service.
   */
  containerName?: string;
  /**
   * The port value to be used for your service discovery service.
   */
  containerPort?: number;
}
/**
 * Optional deployment parameters that control how many tasks run during a deployment and the ordering of stopping and starting tasks.
 */
export interface DeploymentConfiguration {
  deploymentCircuitBreaker?: DeploymentCircuitBreaker;
  /**
   * If a service is using the rolling update ( ECS ) deployment type, the maximumPercent parameter represents an upper limit on the number of your service's tasks that are allowed in the RUNNING or...
   */
  maximumPercent?: number;
  /**
   * If a service is using the rolling update ( ECS ) deployment type, the minimumHealthyPercent represents a lower limit on the number of your service's tasks that must remain in the RUNNING state...
   */
  minimumHealthyPercent?: number;
  alarms?: DeploymentAlarms;
  /**
   * The deployment strategy for the service.
   */
  strategy?: 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
  /**
   * The time period when both blue and green service revisions are running simultaneously after the production traffic has shifted.
   */
  bakeTimeInMinutes?: number;
  /**
   * An array of deployment lifecycle hook objects to run custom logic or pause the deployment at specific stages of the deployment lifecycle.
   */
  lifecycleHooks?: DeploymentLifecycleHook[];
  linearConfiguration?: LinearConfiguration;
  canaryConfiguration?: CanaryConfiguration;
}
/**
 * The deployment circuit breaker can only be used for services using the rolling update ( ECS ) deployment type.
 */
export interface DeploymentCircuitBreaker {
  /**
   * Determines whether to use the deployment circuit breaker logic for the service.
   */
  enable: boolean;
  /**
   * Determines whether to configure Amazon ECS to roll back the service if a service deployment fails.
   */
  rollback: boolean;
  /**
   * Specifies whether the deployment circuit breaker resets its failure count when a task reaches a healthy state.
   */
  resetOnHealthyTask?: boolean;
  thresholdConfiguration?: ThresholdConfiguration;
}
/**
 * Defines the failure threshold that the deployment circuit breaker uses to monitor a deployment.
 */
export interface ThresholdConfiguration {
  /**
   * Determines how Amazon ECS uses value to calculate the failure threshold.
   */
  type: 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT';
  /**
   * Specifies the integer that Amazon ECS uses to calculate the failure threshold.
   */
  value: number;
}
/**
 * One of the methods which provide a way for you to quickly identify when a deployment has failed, and then to optionally roll back the failure to the last working deployment.
 */
export interface DeploymentAlarms {
  /**
   * One or more CloudWatch alarm names.
   */
  alarmNames: string[];
  /**
   * Determines whether to configure Amazon ECS to roll back the service if a service deployment fails.
   */
  rollback: boolean;
  /**
   * Determines whether to use the CloudWatch alarm option in the service deployment process.
   */
  enable: boolean;
}
/**
 * A deployment lifecycle hook runs custom logic or pauses the deployment at specific stages of the deployment process.
 */
export interface DeploymentLifecycleHook {
  /**
   * The type of action the lifecycle hook performs.
   */
  targetType?: 'AWS_LAMBDA' | 'PAUSE';
  /**
   * The Amazon Resource Name (ARN) of the hook target.
   */
  hookTargetArn?: string;
  /**
   * The Amazon Resource Name (ARN) of the IAM role that grants Amazon ECS permission to call Lambda functions on your behalf.
   */
  roleArn?: string;
  /**
   * The lifecycle stages at which to run the hook.
   */
  lifecycleStages?: (
    | 'RECONCILE_SERVICE'
    | 'PRE_SCALE_UP'
    | 'POST_SCALE_UP'
    | 'TEST_TRAFFIC_SHIFT'
    | 'POST_TEST_TRAFFIC_SHIFT'
    | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
    | 'PRODUCTION_TRAFFIC_SHIFT'
    | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  )[];
  /**
   * Use this field to specify custom parameters that Amazon ECS passes to your Lambda function on each invocation.
   */
  hookDetails?: {
    [k: string]: unknown | undefined;
  };
  timeoutConfiguration?: DeploymentLifecycleHookTimeoutConfiguration;
}
/**
 * The timeout configuration for a deployment lifecycle hook.
 */
export interface DeploymentLifecycleHookTimeoutConfiguration {
  /**
   * The number of minutes Amazon ECS waits for the lifecycle hook to complete before taking the timeout action.
   */
  timeoutInMinutes?: number;
  /**
   * The action Amazon ECS takes when the lifecycle hook times out.
   */
  action?: 'ROLLBACK' | 'CONTINUE';
}
/**
 * Configuration for linear deployment strategy that shifts production traffic in equal percentage increments with configurable wait times between each step until 100% of traffic is shifted to the...
 */
export interface LinearConfiguration {
  /**
   * The percentage of production traffic to shift in each step during a linear deployment.
   */
  stepPercent?: number;
  /**
   * The amount of time in minutes to wait between each traffic shifting step during a linear deployment.
   */
  stepBakeTimeInMinutes?: number;
}
/**
 * Configuration for a canary deployment strategy that shifts a fixed percentage of traffic to the new service revision, waits for a specified bake time, then shifts the remaining traffic.
 */
export interface CanaryConfiguration {
  /**
   * The percentage of production traffic to shift to the new service revision during the canary phase.
   */
  canaryPercent?: number;
  /**
   * The amount of time in minutes to wait during the canary phase before shifting the remaining production traffic to the new service revision.
   */
  canaryBakeTimeInMinutes?: number;
}
/**
 * An object representing a constraint on task placement.
 */
export interface PlacementConstraint {
  /**
   * The type of constraint.
   */
  type?: 'distinctInstance' | 'memberOf';
  /**
   * A cluster query language expression to apply to the constraint.
   */
  expression?: string;
}
/**
 * The task placement strategy for a task or service.
 */
export interface PlacementStrategy {
  /**
   * The type of placement strategy.
   */
  type?: 'random' | 'spread' | 'binpack';
  /**
   * The field to apply the placement strategy against.
   */
  field?: string;
}
/**
 * The network configuration for a task or service.
 */
export interface NetworkConfiguration {
  awsvpcConfiguration?: AwsVpcConfiguration;
}
/**
 * An object representing the networking details for a task or service.
 */
export interface AwsVpcConfiguration {
  /**
   * The IDs of the subnets associated with the task or service.
   *
   * @minItems 1
   * @maxItems 16
   *
   * Items: A VPC subnet id.
   */
  subnets: string[];
  /**
   * The IDs of the security groups associated with the task or service.
   *
   * @maxItems 5
   *
   * Items: A VPC security group id.
   */
  securityGroups?: string[];
  /**
   * Whether the task's elastic network interface receives a public IP address.
   */
  assignPublicIp?: 'ENABLED' | 'DISABLED';
}
/**
 * The deployment controller to use for the service.
 */
export interface DeploymentController {
  /**
   * The deployment controller type to use.
   */
  type: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';
}
/**
 * The Service Connect configuration of your Amazon ECS service.
 */
export interface ServiceConnectConfiguration {
  /**
   * Specifies whether to use Service Connect with this service.
   */
  enabled: boolean;
  /**
   * The namespace name or full Amazon Resource Name (ARN) of the Cloud Map namespace for use with Service Connect.
   */
  namespace?: string;
  /**
   * The list of Service Connect service objects.
   */
  services?: ServiceConnectService[];
  logConfiguration?: LogConfiguration;
  accessLogConfiguration?: ServiceConnectAccessLogConfiguration;
}
/**
 * The Service Connect service object configuration.
 */
export interface ServiceConnectService {
  /**
   * The portName must match the name of one of the portMappings from all the containers in the task definition of this Amazon ECS service.
   */
  portName: string;
  /**
   * The discoveryName is the name of the new Cloud Map service that Amazon ECS creates for this Amazon ECS service.
   */
  discoveryName?: string;
  /**
   * The list of client aliases for this Service Connect service.
   */
  clientAliases?: ServiceConnectClientAlias[];
  /**
   * The port number for the Service Connect proxy to listen on.
   */
  ingressPortOverride?: number;
  timeout?: TimeoutConfiguration;
  tls?: ServiceConnectTlsConfiguration;
}
/**
 * Each alias ("endpoint") is a fully-qualified name and port number that other tasks ("clients") can use to connect to this service.
 */
export interface ServiceConnectClientAlias {
  /**
   * The listening port number for the Service Connect proxy.
   */
  port: number;
  /**
   * The dnsName is the name that you use in the applications of client tasks to connect to this service.
   */
  dnsName?: string;
  testTrafficRules?: ServiceConnectTestTrafficRules;
}
/**
 * The test traffic routing configuration for Amazon ECS blue/green deployments.
 */
export interface ServiceConnectTestTrafficRules {
  header: ServiceConnectTestTrafficHeaderRules;
}
/**
 * The HTTP header rules used to identify and route test traffic during Amazon ECS blue/green deployments.
 */
export interface ServiceConnectTestTrafficHeaderRules {
  /**
   * The name of the HTTP header to examine for test traffic routing.
   */
  name: string;
  value?: ServiceConnectTestTrafficHeaderMatchRules;
}
/**
 * The header matching rules for test traffic routing in Amazon ECS blue/green deployments.
 */
export interface ServiceConnectTestTrafficHeaderMatchRules {
  /**
   * The exact value that the HTTP header must match for the test traffic routing rule to apply.
   */
  exact: string;
}
/**
 * An object that represents the timeout configurations for Service Connect.
 */
export interface TimeoutConfiguration {
  /**
   * The amount of time in seconds a connection will stay active while idle.
   */
  idleTimeoutSeconds?: number;
  /**
   * The amount of time waiting for the upstream to respond with a complete response per request.
   */
  perRequestTimeoutSeconds?: number;
}
/**
 * The key that encrypts and decrypts your resources for Service Connect TLS.
 */
export interface ServiceConnectTlsConfiguration {
  issuerCertificateAuthority: ServiceConnectTlsCertificateAuthority;
  /**
   * The Amazon Web Services Key Management Service key.
   */
  kmsKey?: string;
  /**
   * The Amazon Resource Name (ARN) of the IAM role that's associated with the Service Connect TLS.
   */
  roleArn?: string;
}
/**
 * The certificate root authority that secures your service.
 */
export interface ServiceConnectTlsCertificateAuthority {
  /**
   * The ARN of the Amazon Web Services Private Certificate Authority certificate.
   */
  awsPcaAuthorityArn?: string;
}
/**
 * The log configuration for the container.
 */
export interface LogConfiguration {
  /**
   * The log driver to use for the container.
   */
  logDriver: 'json-file' | 'syslog' | 'journald' | 'gelf' | 'fluentd' | 'awslogs' | 'splunk' | 'awsfirelens';
  /**
   * The configuration options to send to the log driver.
   */
  options?: {
    [k: string]: string | undefined;
  };
  /**
   * The secrets to pass to the log configuration.
   */
  secretOptions?: Secret[];
}
/**
 * An object representing the secret to expose to your container.
 */
export interface Secret {
  /**
   * The name of the secret.
   */
  name: string;
  /**
   * The secret to expose to the container.
   */
  valueFrom: string;
}
/**
 * Configuration for Service Connect access logging.
 */
export interface ServiceConnectAccessLogConfiguration {
  /**
   * The format for Service Connect access log output.
   */
  format: 'TEXT' | 'JSON';
  /**
   * Specifies whether to include query parameters in Service Connect access logs.
   */
  includeQueryParameters?: 'DISABLED' | 'ENABLED';
}
/**
 * The configuration for a volume specified in the task definition as a volume that is configured at launch time.
 */
export interface ServiceVolumeConfiguration {
  /**
   * The name of the volume.
   */
  name: string;
  managedEBSVolume?: ServiceManagedEBSVolumeConfiguration;
}
/**
 * The configuration for the Amazon EBS volume that Amazon ECS creates and manages on your behalf.
 */
export interface ServiceManagedEBSVolumeConfiguration {
  /**
   * Indicates whether the volume should be encrypted.
   */
  encrypted?: boolean;
  /**
   * The Amazon Resource Name (ARN) identifier of the Amazon Web Services Key Management Service key to use for Amazon EBS encryption.
   */
  kmsKeyId?: string;
  /**
   * The volume type.
   */
  volumeType?: string;
  /**
   * The size of the volume in GiB.
   */
  sizeInGiB?: number;
  /**
   * The snapshot that Amazon ECS uses to create volumes for attachment to tasks maintained by the service.
   */
  snapshotId?: string;
  /**
   * The rate, in MiB/s, at which data is fetched from a snapshot of an existing EBS volume to create new volumes for attachment to the tasks maintained by the service.
   */
  volumeInitializationRate?: number;
  /**
   * The number of I/O operations per second (IOPS).
   */
  iops?: number;
  /**
   * The throughput to provision for a volume, in MiB/s, with a maximum of 1,000 MiB/s.
   */
  throughput?: number;
  /**
   * The tags to apply to the volume.
   */
  tagSpecifications?: EBSTagSpecification[];
  /**
   * The ARN of the IAM role to associate with this volume.
   */
  roleArn: string;
  /**
   * The filesystem type for the volume.
   */
  filesystemType?: 'ext3' | 'ext4' | 'xfs' | 'ntfs';
}
/**
 * The tag specifications of an Amazon EBS volume.
 */
export interface EBSTagSpecification {
  /**
   * The type of volume resource.
   */
  resourceType: 'volume';
  tags?: Tags;
  /**
   * Determines whether to propagate the tags from the task definition to the Amazon EBS volume.
   */
  propagateTags?: 'TASK_DEFINITION' | 'SERVICE' | 'NONE';
}
/**
 * The VPC Lattice configuration for your service that holds the information for the target group(s) Amazon ECS tasks will be registered to.
 */
export interface VpcLatticeConfiguration {
  /**
   * The ARN of the IAM role to associate with this VPC Lattice configuration.
   */
  roleArn: string;
  /**
   * The full Amazon Resource Name (ARN) of the target group or groups associated with the VPC Lattice configuration that the Amazon ECS tasks will be registered to.
   */
  targetGroupArn: string;
  /**
   * The name of the port mapping to register in the VPC Lattice target group.
   */
  portName: string;
}
/**
 * The optional monitoring configuration for a service, which defines the resolution for the service-level CPUUtilization and MemoryUtilization Amazon CloudWatch metrics.
 */
export interface MonitoringConfiguration {
  /**
   * The list of metric configurations for the service monitoring.
   *
   * @maxItems 5
   */
  metricConfigurations?: MetricConfiguration[];
}
/**
 * The configuration for a specific set of metrics to collect for a service.
 */
export interface MetricConfiguration {
  /**
   * The list of metric names to configure.
   *
   * @minItems 1
   * @maxItems 5
   */
  metricNames: string[];
  /**
   * The resolution, in seconds, at which to collect the metrics.
   */
  resolutionSeconds: number;
}
/**
 * Shipshape control (not sent to AWS): checks Shipshape runs at PAUSE lifecycle hooks before it continues or rolls back the deployment.
 */
export interface RolloutControl {
  /**
   * @minItems 1
   */
  gates: RolloutGate[];
}
/**
 * Checks at one lifecycle stage that has a PAUSE hook: all pass, CONTINUE; one fails, ROLLBACK.
 */
export interface RolloutGate {
  /**
   * A stage with a PAUSE hook in deploymentConfiguration.lifecycleHooks (TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT take AWS_LAMBDA hooks only).
   */
  stage:
    | 'RECONCILE_SERVICE'
    | 'PRE_SCALE_UP'
    | 'POST_SCALE_UP'
    | 'POST_TEST_TRAFFIC_SHIFT'
    | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
    | 'POST_PRODUCTION_TRAFFIC_SHIFT';
  /**
   * Seconds after the hook paused before onTimeout is taken.
   */
  timeoutSeconds?: number;
  onTimeout?: 'ROLLBACK' | 'CONTINUE';
  /**
   * @minItems 1
   */
  checks: RolloutCheck[];
}
/**
 * Exactly one of http, alarms, job, manual.
 */
export interface RolloutCheck {
  /**
   * An HTTP probe: of url, or of path through the Service's test listener (loadBalancers[].advancedConfiguration.testListenerRule). Exactly one of url and path.
   */
  http?: {
    url?: string;
    /**
     * Probed on the test listener's load balancer DNS name and port, with the Host its rule's host-header condition asks for.
     */
    path?: string;
    expectStatus?: number;
    bodyPattern?: string;
    successes?: number;
    intervalSeconds?: number;
  };
  alarms?: {
    /**
     * @minItems 1
     */
    names: string[];
    successes?: number;
  };
  job?: {
    /**
     * A Job in the same namespace: passes when its current run exited 0.
     */
    name: string;
  };
  /**
   * Passes on POST /rollouts/Service/{namespace}/{name}/promote, fails on /abort.
   */
  manual?: {};
}
/**
 * An ELBv2 target group.
 */
export interface TargetGroupManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'TargetGroup';
  metadata: Metadata;
  spec: TargetGroupSpec;
}
/**
 * ELBv2 CreateTargetGroup input.
 */
export interface TargetGroupSpec {
  /**
   * Target group name (1-32 alphanumerics and hyphens, no leading or trailing hyphen); defaults to metadata.name.
   */
  name?: string;
  /**
   * The protocol to use for routing traffic to the targets.
   */
  protocol?: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP' | 'GENEVE' | 'QUIC' | 'TCP_QUIC';
  /**
   * [HTTP/HTTPS protocol] The protocol version.
   */
  protocolVersion?: string;
  /**
   * The port on which the targets receive traffic.
   */
  port?: number;
  /**
   * A VPC id.
   */
  vpcId?: string;
  /**
   * The protocol the load balancer uses when performing health checks on targets.
   */
  healthCheckProtocol?: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP' | 'GENEVE' | 'QUIC' | 'TCP_QUIC';
  /**
   * The port the load balancer uses when performing health checks on targets.
   */
  healthCheckPort?: string;
  /**
   * Indicates whether health checks are enabled.
   */
  healthCheckEnabled?: boolean;
  /**
   * [HTTP/HTTPS health checks] The destination for health checks on the targets.
   */
  healthCheckPath?: string;
  /**
   * The approximate amount of time, in seconds, between health checks of an individual target.
   */
  healthCheckIntervalSeconds?: number;
  /**
   * The amount of time, in seconds, during which no response from a target means a failed health check.
   */
  healthCheckTimeoutSeconds?: number;
  /**
   * The number of consecutive health check successes required before considering a target healthy.
   */
  healthyThresholdCount?: number;
  /**
   * The number of consecutive health check failures required before considering a target unhealthy.
   */
  unhealthyThresholdCount?: number;
  matcher?: Matcher;
  /**
   * The type of target that you must specify when registering targets with this target group.
   */
  targetType?: 'instance' | 'ip' | 'lambda' | 'alb';
  tags?: Tags;
  /**
   * The IP address type.
   */
  ipAddressType?: 'ipv4' | 'ipv6';
  /**
   * The port on which the target control agent and application load balancer exchange management traffic for the target optimizer feature.
   */
  targetControlPort?: number;
  /**
   * TargetGroup attributes, key to string value (as ModifyTargetGroupAttributes).
   */
  attributes?: {
    [k: string]: string | undefined;
  };
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * The codes to use when checking for a successful response from a target.
 */
export interface Matcher {
  /**
   * HTTP codes for a healthy target: "200", "200,202" or "200-299".
   */
  httpCode?: string;
  /**
   * gRPC codes for a healthy target, 0-99.
   */
  grpcCode?: string;
}
/**
 * An AWS account and region that the resources of some namespaces live in: Shipshape assumes the role (if any) and manages those namespaces there, with their own clients, rate buckets and prune guard.
 */
export interface TargetManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'Target';
  metadata: Metadata;
  spec: TargetSpec;
}
export interface TargetSpec {
  /**
   * The AWS region of the namespaces' resources.
   */
  region: string;
  /**
   * The IAM role Shipshape assumes (STS AssumeRole) to manage them; without it, the operator's own credentials.
   */
  roleArn?: string;
  /**
   * The external id the role's trust policy asks for.
   */
  externalId?: string;
  /**
   * The namespaces whose manifests this target holds; a namespace belongs to one target at most (others are the operator's own account and region).
   *
   * @minItems 1
   *
   * Items: A lowercase DNS label: letters, digits and hyphens, starting and ending alphanumeric.
   */
  namespaces: string[];
}
/**
 * An ECS task definition family.
 */
export interface TaskDefinitionManifest {
  apiVersion: 'shipshape.dev/v1';
  kind: 'TaskDefinition';
  metadata: Metadata;
  spec: TaskDefinitionSpec;
}
/**
 * ECS RegisterTaskDefinition input; a change registers a new revision.
 */
export interface TaskDefinitionSpec {
  /**
   * Task definition family; defaults to metadata.name.
   */
  family?: string;
  /**
   * An IAM role ARN (or, where AWS allows it, the role name).
   */
  taskRoleArn?: string;
  /**
   * An IAM role ARN (or, where AWS allows it, the role name).
   */
  executionRoleArn?: string;
  /**
   * The Docker networking mode to use for the containers in the task.
   */
  networkMode?: 'bridge' | 'host' | 'awsvpc' | 'none';
  /**
   * A list of container definitions in JSON format that describe the different containers that make up your task.
   *
   * @minItems 1
   */
  containerDefinitions: ContainerDefinition[];
  /**
   * A list of volume definitions in JSON format that containers in your task might use.
   */
  volumes?: Volume[];
  /**
   * An array of placement constraint objects to use for the task.
   */
  placementConstraints?: TaskDefinitionPlacementConstraint[];
  /**
   * The task launch type that Amazon ECS validates the task definition against.
   */
  requiresCompatibilities?: ('EC2' | 'FARGATE' | 'EXTERNAL' | 'MANAGED_INSTANCES')[];
  /**
   * Task CPU units as a string ("1024") or vCPU ("1 vCPU").
   */
  cpu?: string;
  /**
   * Task memory in MiB as a string ("2048") or GB ("2 GB").
   */
  memory?: string;
  tags?: Tags;
  /**
   * The process namespace to use for the containers in the task.
   */
  pidMode?: 'host' | 'task';
  /**
   * The IPC resource namespace to use for the containers in the task.
   */
  ipcMode?: 'host' | 'task' | 'none';
  proxyConfiguration?: ProxyConfiguration;
  /**
   * The Elastic Inference accelerators to use for the containers in the task.
   */
  inferenceAccelerators?: InferenceAccelerator[];
  ephemeralStorage?: EphemeralStorage;
  runtimePlatform?: RuntimePlatform;
  /**
   * Enables fault injection when you register your task definition and allows for fault injection requests to be accepted from the task's containers.
   */
  enableFaultInjection?: boolean;
  ignoreDifferences?: IgnoreDifferences;
  /**
   * Revert drift; false reports drift only.
   */
  selfHeal?: boolean;
  /**
   * What happens to the AWS resource when its manifest is removed.
   */
  deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Stop writing to and deleting this resource; it is still observed.
   */
  suspend?: boolean;
}
/**
 * Container definitions are used in task definitions to describe the different containers that are launched as part of a task.
 */
export interface ContainerDefinition {
  /**
   * The name of a container.
   */
  name: string;
  /**
   * The image used to start a container.
   */
  image: string;
  repositoryCredentials?: RepositoryCredentials;
  /**
   * The number of cpu units reserved for the container.
   */
  cpu?: number;
  /**
   * The amount (in MiB) of memory to present to the container.
   */
  memory?: number;
  /**
   * The soft limit (in MiB) of memory to reserve for the container.
   */
  memoryReservation?: number;
  /**
   * The links parameter allows containers to communicate with each other without the need for port mappings.
   */
  links?: string[];
  /**
   * The list of port mappings for the container.
   */
  portMappings?: PortMapping[];
  /**
   * If the essential parameter of a container is marked as true , and that container fails or stops for any reason, all other containers that are part of the task are stopped.
   */
  essential?: boolean;
  restartPolicy?: ContainerRestartPolicy;
  /**
   * Early versions of the Amazon ECS container agent don't properly handle entryPoint parameters.
   */
  entryPoint?: string[];
  /**
   * The command that's passed to the container.
   */
  command?: string[];
  /**
   * The environment variables to pass to a container.
   */
  environment?: KeyValuePair[];
  /**
   * A list of files containing the environment variables to pass to a container.
   */
  environmentFiles?: EnvironmentFile[];
  /**
   * The mount points for data volumes in your container.
   */
  mountPoints?: MountPoint[];
  /**
   * Data volumes to mount from another container.
   */
  volumesFrom?: VolumeFrom[];
  linuxParameters?: LinuxParameters;
  /**
   * The secrets to pass to the container.
   */
  secrets?: Secret[];
  /**
   * The dependencies defined for container startup and shutdown.
   */
  dependsOn?: ContainerDependency[];
  /**
   * Time duration (in seconds) to wait before giving up on resolving dependencies for a container.
   */
  startTimeout?: number;
  /**
   * Time duration (in seconds) to wait before the container is forcefully killed if it doesn't exit normally on its own.
   */
  stopTimeout?: number;
  /**
   * Specifies whether Amazon ECS will resolve the container image tag provided in the container definition to an image digest.
   */
  versionConsistency?: 'enabled' | 'disabled';
  /**
   * The hostname to use for your container.
   */
  hostname?: string;
  /**
   * The user to use inside the container.
   */
  user?: string;
  /**
   * The working directory to run commands inside the container in.
   */
  workingDirectory?: string;
  /**
   * When this parameter is true, networking is off within the container.
   */
  disableNetworking?: boolean;
  /**
   * When this parameter is true, the container is given elevated privileges on the host container instance (similar to the root user).
   */
  privileged?: boolean;
  /**
   * When this parameter is true, the container is given read-only access to its root file system.
   */
  readonlyRootFilesystem?: boolean;
  /**
   * A list of DNS servers that are presented to the container.
   */
  dnsServers?: string[];
  /**
   * A list of DNS search domains that are presented to the container.
   */
  dnsSearchDomains?: string[];
  /**
   * A list of hostnames and IP address mappings to append to the /etc/hosts file on the container.
   */
  extraHosts?: HostEntry[];
  /**
   * A list of strings to provide custom configuration for multiple security systems.
   */
  dockerSecurityOptions?: string[];
  /**
   * When this parameter is true , you can deploy containerized applications that require stdin or a tty to be allocated.
   */
  interactive?: boolean;
  /**
   * When this parameter is true , a TTY is allocated.
   */
  pseudoTerminal?: boolean;
  /**
   * A key/value map of labels to add to the container.
   */
  dockerLabels?: {
    [k: string]: string | undefined;
  };
  /**
   * A list of ulimits to set in the container.
   */
  ulimits?: Ulimit[];
  logConfiguration?: LogConfiguration;
  healthCheck?: HealthCheck;
  /**
   * A list of namespaced kernel parameters to set in the container.
   */
  systemControls?: SystemControl[];
  /**
   * The type and amount of a resource to assign to a container.
   */
  resourceRequirements?: ResourceRequirement[];
  firelensConfiguration?: FirelensConfiguration;
  /**
   * A list of ARNs in SSM or Amazon S3 to a credential spec ( CredSpec ) file that configures the container for Active Directory authentication.
   */
  credentialSpecs?: string[];
}
/**
 * The repository credentials for private registry authentication.
 */
export interface RepositoryCredentials {
  /**
   * The Amazon Resource Name (ARN) of the secret containing the private repository credentials.
   */
  credentialsParameter: string;
}
/**
 * Port mappings allow containers to access ports on the host container instance to send or receive traffic.
 */
export interface PortMapping {
  /**
   * The port number on the container that's bound to the user-specified or automatically assigned host port.
   */
  containerPort?: number;
  /**
   * The port number on the container instance to reserve for your container.
   */
  hostPort?: number;
  /**
   * The protocol used for the port mapping.
   */
  protocol?: 'tcp' | 'udp';
  /**
   * The name that's used for the port mapping.
   */
  name?: string;
  /**
   * The application protocol that's used for the port mapping.
   */
  appProtocol?: 'http' | 'http2' | 'grpc';
  /**
   * The port number range on the container that's bound to the dynamically mapped host port range.
   */
  containerPortRange?: string;
}
/**
 * You can enable a restart policy for each container defined in your task definition, to overcome transient failures faster and maintain task availability.
 */
export interface ContainerRestartPolicy {
  /**
   * Specifies whether a restart policy is enabled for the container.
   */
  enabled: boolean;
  /**
   * A list of exit codes that Amazon ECS will ignore and not attempt a restart on.
   */
  ignoredExitCodes?: number[];
  /**
   * A period of time (in seconds) that the container must run for before a restart can be attempted.
   */
  restartAttemptPeriod?: number;
}
/**
 * A key-value pair object.
 */
export interface KeyValuePair {
  /**
   * The name of the key-value pair.
   */
  name: string;
  /**
   * The value of the key-value pair.
   */
  value?: string;
}
/**
 * A list of files containing the environment variables to pass to a container.
 */
export interface EnvironmentFile {
  /**
   * The Amazon Resource Name (ARN) of the Amazon S3 object containing the environment variable file.
   */
  value: string;
  /**
   * The file type to use.
   */
  type: 's3';
}
/**
 * The details for a volume mount point that's used in a container definition.
 */
export interface MountPoint {
  /**
   * The name of the volume to mount.
   */
  sourceVolume?: string;
  /**
   * The path on the container to mount the host volume at.
   */
  containerPath?: string;
  /**
   * If this value is true , the container has read-only access to the volume.
   */
  readOnly?: boolean;
}
/**
 * Details on a data volume from another container in the same task definition.
 */
export interface VolumeFrom {
  /**
   * The name of another container within the same task definition to mount volumes from.
   */
  sourceContainer?: string;
  /**
   * If this value is true , the container has read-only access to the volume.
   */
  readOnly?: boolean;
}
/**
 * The Linux-specific options that are applied to the container, such as Linux KernelCapabilities .
 */
export interface LinuxParameters {
  capabilities?: KernelCapabilities;
  /**
   * Any host devices to expose to the container.
   */
  devices?: Device[];
  /**
   * Run an init process inside the container that forwards signals and reaps processes.
   */
  initProcessEnabled?: boolean;
  /**
   * The value for the size (in MiB) of the /dev/shm volume.
   */
  sharedMemorySize?: number;
  /**
   * The container path, mount options, and size (in MiB) of the tmpfs mount.
   */
  tmpfs?: Tmpfs[];
  /**
   * The total amount of swap memory (in MiB) a container can use.
   */
  maxSwap?: number;
  /**
   * This allows you to tune a container's memory swappiness behavior.
   */
  swappiness?: number;
}
/**
 * The Linux capabilities to add or remove from the default Docker configuration for a container defined in the task definition.
 */
export interface KernelCapabilities {
  /**
   * The Linux capabilities for the container that have been added to the default configuration provided by Docker.
   */
  add?: string[];
  /**
   * The Linux capabilities for the container that have been removed from the default configuration provided by Docker.
   */
  drop?: string[];
}
/**
 * An object representing a container instance host device.
 */
export interface Device {
  /**
   * The path for the device on the host container instance.
   */
  hostPath: string;
  /**
   * The path inside the container at which to expose the host device.
   */
  containerPath?: string;
  /**
   * The explicit permissions to provide to the container for the device.
   */
  permissions?: ('read' | 'write' | 'mknod')[];
}
/**
 * The container path, mount options, and size of the tmpfs mount.
 */
export interface Tmpfs {
  /**
   * The absolute file path where the tmpfs volume is to be mounted.
   */
  containerPath: string;
  /**
   * The maximum size (in MiB) of the tmpfs volume.
   */
  size: number;
  /**
   * The list of tmpfs volume mount options.
   */
  mountOptions?: string[];
}
/**
 * The dependencies defined for container startup and shutdown.
 */
export interface ContainerDependency {
  /**
   * The name of a container.
   */
  containerName: string;
  /**
   * The dependency condition of the container.
   */
  condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';
}
/**
 * Hostnames and IP address entries that are added to the /etc/hosts file of a container via the extraHosts parameter of its ContainerDefinition .
 */
export interface HostEntry {
  /**
   * The hostname to use in the /etc/hosts entry.
   */
  hostname: string;
  /**
   * The IP address to use in the /etc/hosts entry.
   */
  ipAddress: string;
}
/**
 * The ulimit settings to pass to the container.
 */
export interface Ulimit {
  /**
   * The type of the ulimit .
   */
  name:
    | 'core'
    | 'cpu'
    | 'data'
    | 'fsize'
    | 'locks'
    | 'memlock'
    | 'msgqueue'
    | 'nice'
    | 'nofile'
    | 'nproc'
    | 'rss'
    | 'rtprio'
    | 'rttime'
    | 'sigpending'
    | 'stack';
  /**
   * The soft limit for the ulimit type.
   */
  softLimit: number;
  /**
   * The hard limit for the ulimit type.
   */
  hardLimit: number;
}
/**
 * An object representing a container health check.
 */
export interface HealthCheck {
  /**
   * A string array representing the command that the container runs to determine if it is healthy.
   *
   * @minItems 1
   */
  command: string[];
  /**
   * The time period in seconds between each health check execution.
   */
  interval?: number;
  /**
   * The time period in seconds to wait for a health check to succeed before it is considered a failure.
   */
  timeout?: number;
  /**
   * The number of times to retry a failed health check before the container is considered unhealthy.
   */
  retries?: number;
  /**
   * The optional grace period to provide containers time to bootstrap before failed health checks count towards the maximum number of retries.
   */
  startPeriod?: number;
}
/**
 * A list of namespaced kernel parameters to set in the container.
 */
export interface SystemControl {
  /**
   * The namespaced kernel parameter to set a value for.
   */
  namespace?: string;
  /**
   * The namespaced kernel parameter to set a value for.
   */
  value?: string;
}
/**
 * The type and amount of a resource to assign to a container.
 */
export interface ResourceRequirement {
  /**
   * The value for the specified resource type.
   */
  value: string;
  /**
   * The type of resource to assign to a container.
   */
  type: 'GPU' | 'InferenceAccelerator' | 'NeuronDevice';
}
/**
 * The FireLens configuration for the container.
 */
export interface FirelensConfiguration {
  /**
   * The log router to use.
   */
  type: 'fluentd' | 'fluentbit';
  /**
   * The options to use when configuring the log router.
   */
  options?: {
    [k: string]: string | undefined;
  };
}
/**
 * The data volume configuration for tasks launched using this task definition.
 */
export interface Volume {
  /**
   * The name of the volume.
   */
  name?: string;
  host?: HostVolumeProperties;
  dockerVolumeConfiguration?: DockerVolumeConfiguration;
  efsVolumeConfiguration?: EFSVolumeConfiguration;
  s3filesVolumeConfiguration?: S3FilesVolumeConfiguration;
  fsxWindowsFileServerVolumeConfiguration?: FSxWindowsFileServerVolumeConfiguration;
  /**
   * Indicates whether the volume should be configured at launch time.
   */
  configuredAtLaunch?: boolean;
}
/**
 * Details on a container instance bind mount host volume.
 */
export interface HostVolumeProperties {
  /**
   * When the host parameter is used, specify a sourcePath to declare the path on the host container instance that's presented to the container.
   */
  sourcePath?: string;
}
/**
 * This parameter is specified when you're using Docker volumes.
 */
export interface DockerVolumeConfiguration {
  /**
   * The scope for the Docker volume that determines its lifecycle.
   */
  scope?: 'task' | 'shared';
  /**
   * If this value is true , the Docker volume is created if it doesn't already exist.
   */
  autoprovision?: boolean;
  /**
   * The Docker volume driver to use.
   */
  driver?: string;
  /**
   * A map of Docker driver-specific options passed through.
   */
  driverOpts?: {
    [k: string]: string | undefined;
  };
  /**
   * Custom metadata to add to your Docker volume.
   */
  labels?: {
    [k: string]: string | undefined;
  };
}
/**
 * This parameter is specified when you're using an Amazon Elastic File System file system for task storage.
 */
export interface EFSVolumeConfiguration {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  fileSystemRef?: string;
  /**
   * The Amazon EFS file system ID to use.
   */
  fileSystemId?: string;
  /**
   * The directory within the Amazon EFS file system to mount as the root directory inside the host.
   */
  rootDirectory?: string;
  /**
   * Determines whether to use encryption for Amazon EFS data in transit between the Amazon ECS host and the Amazon EFS server.
   */
  transitEncryption?: 'ENABLED' | 'DISABLED';
  /**
   * The port to use when sending encrypted data between the Amazon ECS host and the Amazon EFS server.
   */
  transitEncryptionPort?: number;
  authorizationConfig?: EFSAuthorizationConfig;
}
/**
 * The authorization configuration details for the Amazon EFS file system.
 */
export interface EFSAuthorizationConfig {
  /**
   * A reference to another manifest: "name" (same namespace) or "namespace/name".
   */
  accessPointRef?: string;
  /**
   * The Amazon EFS access point ID to use.
   */
  accessPointId?: string;
  /**
   * Determines whether to use the Amazon ECS task role defined in a task definition when mounting the Amazon EFS file system.
   */
  iam?: 'ENABLED' | 'DISABLED';
}
/**
 * This parameter is specified when you're using an Amazon S3 Files file system for task storage.
 */
export interface S3FilesVolumeConfiguration {
  /**
   * The full ARN of the S3 Files file system to mount.
   */
  fileSystemArn: string;
  /**
   * The directory within the Amazon S3 Files file system to mount as the root directory.
   */
  rootDirectory?: string;
  /**
   * The port to use for sending encrypted data between the ECS host and the S3 Files file system.
   */
  transitEncryptionPort?: number;
  /**
   * The full ARN of the S3 Files access point to use.
   */
  accessPointArn?: string;
}
/**
 * This parameter is specified when you're using Amazon FSx for Windows File Server file system for task storage.
 */
export interface FSxWindowsFileServerVolumeConfiguration {
  /**
   * The Amazon FSx for Windows File Server file system ID to use.
   */
  fileSystemId: string;
  /**
   * The directory within the Amazon FSx for Windows File Server file system to mount as the root directory inside the host.
   */
  rootDirectory: string;
  authorizationConfig: FSxWindowsFileServerAuthorizationConfig;
}
/**
 * The authorization configuration details for Amazon FSx for Windows File Server file system.
 */
export interface FSxWindowsFileServerAuthorizationConfig {
  /**
   * The authorization credential option to use.
   */
  credentialsParameter: string;
  /**
   * A fully qualified domain name hosted by an Directory Service Managed Microsoft AD (Active Directory) or self-hosted AD on Amazon EC2.
   */
  domain: string;
}
/**
 * The constraint on task placement in the task definition.
 */
export interface TaskDefinitionPlacementConstraint {
  /**
   * The type of constraint.
   */
  type?: 'memberOf';
  /**
   * A cluster query language expression to apply to the constraint.
   */
  expression?: string;
}
/**
 * The configuration details for the App Mesh proxy.
 */
export interface ProxyConfiguration {
  /**
   * The proxy type.
   */
  type?: 'APPMESH';
  /**
   * The name of the container that will serve as the App Mesh proxy.
   */
  containerName: string;
  /**
   * The set of network configuration parameters to provide the Container Network Interface (CNI) plugin, specified as key-value pairs.
   */
  properties?: KeyValuePair[];
}
/**
 * Details on an Elastic Inference accelerator.
 */
export interface InferenceAccelerator {
  /**
   * The Elastic Inference accelerator device name.
   */
  deviceName: string;
  /**
   * The Elastic Inference accelerator type to use.
   */
  deviceType: string;
}
/**
 * The amount of ephemeral storage to allocate for the task.
 */
export interface EphemeralStorage {
  /**
   * The total amount, in GiB, of ephemeral storage to set for the task.
   */
  sizeInGiB: number;
}
/**
 * Information about the platform for the Amazon ECS service or task.
 */
export interface RuntimePlatform {
  /**
   * The CPU architecture.
   */
  cpuArchitecture?: 'X86_64' | 'ARM64';
  /**
   * The operating system.
   */
  operatingSystemFamily?:
    | 'WINDOWS_SERVER_2019_FULL'
    | 'WINDOWS_SERVER_2019_CORE'
    | 'WINDOWS_SERVER_2016_FULL'
    | 'WINDOWS_SERVER_2004_CORE'
    | 'WINDOWS_SERVER_2022_CORE'
    | 'WINDOWS_SERVER_2022_FULL'
    | 'WINDOWS_SERVER_2025_CORE'
    | 'WINDOWS_SERVER_2025_FULL'
    | 'WINDOWS_SERVER_20H2_CORE'
    | 'LINUX';
}
