// What AWS's Service Authorization Reference says of each ECS, ELB, EFS, Cloud Map and
// Application Auto Scaling action the operator calls: its access level, whether it supports
// resource-level permissions (a resource type in the reference's Actions table; without one
// the statement's Resource must be "*"), and whether aws:ResourceTag/${TagKey} and
// aws:RequestTag/${TagKey} are among its condition keys. Read from the reference's
// machine-readable copy (github.com/iann0036/iam-dataset, aws/iam_definition.json, commit
// 08eff2d7ffe7d6cf0259ab47a7c390f80f86972e); the pages:
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticfilesystem.html
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudmap.html
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_applicationautoscaling.html
// A call of an action not listed here fails `npm run gen:iam`: look it up and add it.

/** The services whose writes the policy conditions on Shipshape's instance tag. */
export const MANAGED_SERVICES: readonly string[] = [
  'ecs',
  'elasticloadbalancing',
  'elasticfilesystem',
  'servicediscovery',
  'application-autoscaling',
];

/**
 * What the operator does with an action: `read` (access level Read or List); `create` (makes
 * a resource, with Shipshape's tags in the request); `change` (updates or deletes an existing
 * one); `create-or-change` (both: RegisterScalableTarget registers a new target or updates
 * one); `tag` and `untag`.
 */
export type Access = 'read' | 'create' | 'change' | 'create-or-change' | 'tag' | 'untag';

export interface Authorization {
  readonly access: Access;
  /** The reference names a resource type (false: Resource must be "*"). */
  readonly resourceLevel: boolean;
  /** aws:ResourceTag/${TagKey} is a condition key of that resource. */
  readonly resourceTag: boolean;
  /** aws:RequestTag/${TagKey} is a condition key of the action. */
  readonly requestTag: boolean;
}

const read = (resourceLevel: boolean): Authorization => ({
  access: 'read',
  resourceLevel,
  resourceTag: false,
  requestTag: false,
});
/** A write on a resource type that has aws:ResourceTag. */
const change: Authorization = { access: 'change', resourceLevel: true, resourceTag: true, requestTag: false };
/** A create whose request tags aws:RequestTag checks; `resourceLevel` false: no resource type. */
const create = (resourceLevel: boolean): Authorization => ({
  access: 'create',
  resourceLevel,
  resourceTag: false,
  requestTag: true,
});
const tag: Authorization = { access: 'tag', resourceLevel: true, resourceTag: true, requestTag: true };
const untag: Authorization = { access: 'untag', resourceLevel: true, resourceTag: true, requestTag: false };

export const AUTHORIZATION: Readonly<Record<string, Authorization>> = {
  // CloudWatch, read by rollout gates' alarm checks (list_amazoncloudwatch.html: List, on alarm*).
  'cloudwatch:DescribeAlarms': read(true),
  // ECS. CreateCluster, CreateService and RegisterTaskDefinition also need ecs:TagResource when
  // they carry tags (ecs:CreateAction names the create).
  'ecs:CreateCluster': create(true),
  'ecs:CreateService': create(true),
  'ecs:RegisterTaskDefinition': create(true),
  'ecs:DeleteCluster': change,
  'ecs:DeleteService': change,
  'ecs:PutClusterCapacityProviders': change,
  'ecs:UpdateClusterSettings': change,
  'ecs:UpdateService': change,
  // RunTask is authorised on the task definition; the task it starts carries the request's tags.
  'ecs:RunTask': create(true),
  'ecs:StopTask': change,
  // No resource type and no condition key: any task definition of the account.
  'ecs:DeregisterTaskDefinition': {
    access: 'change',
    resourceLevel: false,
    resourceTag: false,
    requestTag: false,
  },
  // The service deployment actions (2025) are not in the dataset's commit above. Until they are
  // looked up there, the policy takes the form that works whatever the reference says: the reads
  // and ContinueServiceDeployment on any resource, without a tag condition.
  'ecs:ContinueServiceDeployment': {
    access: 'change',
    resourceLevel: false,
    resourceTag: false,
    requestTag: false,
  },
  'ecs:TagResource': tag,
  'ecs:UntagResource': untag,
  'ecs:DescribeClusters': read(true),
  'ecs:DescribeServices': read(true),
  'ecs:DescribeServiceDeployments': read(false),
  'ecs:DescribeServiceRevisions': read(false),
  'ecs:ListServiceDeployments': read(false),
  'ecs:DescribeTasks': read(true),
  'ecs:ListTasks': read(true),
  'ecs:DescribeTaskDefinition': read(false),
  'ecs:ListClusters': read(false),
  'ecs:ListServices': read(false),
  'ecs:ListTaskDefinitionFamilies': read(false),
  'ecs:ListTaskDefinitions': read(false),

  // ELB (v2). The creates need elasticloadbalancing:AddTags when they carry tags. CreateListener
  // is authorised on the load balancer and CreateRule on the listener (their aws:ResourceTag is
  // the parent's), so only the request's tags are checked.
  'elasticloadbalancing:CreateListener': create(true),
  'elasticloadbalancing:CreateLoadBalancer': create(true),
  'elasticloadbalancing:CreateRule': create(true),
  'elasticloadbalancing:CreateTargetGroup': create(true),
  'elasticloadbalancing:DeleteListener': change,
  'elasticloadbalancing:DeleteLoadBalancer': change,
  'elasticloadbalancing:DeleteRule': change,
  'elasticloadbalancing:DeleteTargetGroup': change,
  'elasticloadbalancing:ModifyListener': change,
  'elasticloadbalancing:ModifyLoadBalancerAttributes': change,
  'elasticloadbalancing:ModifyRule': change,
  'elasticloadbalancing:ModifyTargetGroup': change,
  'elasticloadbalancing:ModifyTargetGroupAttributes': change,
  'elasticloadbalancing:SetIpAddressType': change,
  'elasticloadbalancing:SetRulePriorities': change,
  'elasticloadbalancing:SetSecurityGroups': change,
  'elasticloadbalancing:SetSubnets': change,
  'elasticloadbalancing:AddTags': tag,
  'elasticloadbalancing:RemoveTags': untag,
  'elasticloadbalancing:DescribeListeners': read(false),
  'elasticloadbalancing:DescribeLoadBalancerAttributes': read(false),
  'elasticloadbalancing:DescribeLoadBalancers': read(false),
  'elasticloadbalancing:DescribeRules': read(false),
  'elasticloadbalancing:DescribeTags': read(false),
  'elasticloadbalancing:DescribeTargetGroupAttributes': read(false),
  'elasticloadbalancing:DescribeTargetGroups': read(false),

  // EFS. Mount targets have no ARN nor tags of their own: their actions are authorised on the
  // file system, with its aws:ResourceTag. CreateAccessPoint is authorised on the file system too.
  'elasticfilesystem:CreateFileSystem': create(false),
  'elasticfilesystem:CreateAccessPoint': create(true),
  'elasticfilesystem:CreateMountTarget': change,
  'elasticfilesystem:DeleteAccessPoint': change,
  'elasticfilesystem:DeleteFileSystem': change,
  'elasticfilesystem:DeleteMountTarget': change,
  'elasticfilesystem:ModifyMountTargetSecurityGroups': change,
  'elasticfilesystem:PutBackupPolicy': change,
  'elasticfilesystem:PutLifecycleConfiguration': change,
  'elasticfilesystem:UpdateFileSystem': change,
  'elasticfilesystem:TagResource': tag,
  'elasticfilesystem:UntagResource': untag,
  'elasticfilesystem:DescribeAccessPoints': read(true),
  'elasticfilesystem:DescribeBackupPolicy': read(true),
  'elasticfilesystem:DescribeFileSystems': read(true),
  'elasticfilesystem:DescribeLifecycleConfiguration': read(true),
  'elasticfilesystem:DescribeMountTargetSecurityGroups': read(true),
  'elasticfilesystem:DescribeMountTargets': read(true),

  // Cloud Map. The namespace creates have no resource type. TagResource and UntagResource have
  // neither a resource type nor aws:ResourceTag: only the request's tags (and aws:TagKeys).
  'servicediscovery:CreateHttpNamespace': create(false),
  'servicediscovery:CreatePrivateDnsNamespace': create(false),
  'servicediscovery:CreatePublicDnsNamespace': create(false),
  'servicediscovery:CreateService': create(true),
  'servicediscovery:DeleteNamespace': change,
  'servicediscovery:DeleteService': change,
  'servicediscovery:UpdateHttpNamespace': change,
  'servicediscovery:UpdatePrivateDnsNamespace': change,
  'servicediscovery:UpdatePublicDnsNamespace': change,
  'servicediscovery:UpdateService': change,
  'servicediscovery:TagResource': {
    access: 'tag',
    resourceLevel: false,
    resourceTag: false,
    requestTag: true,
  },
  'servicediscovery:UntagResource': {
    access: 'untag',
    resourceLevel: false,
    resourceTag: false,
    requestTag: false,
  },
  'servicediscovery:GetNamespace': read(true),
  'servicediscovery:GetOperation': read(true),
  'servicediscovery:ListNamespaces': read(false),
  'servicediscovery:ListServices': read(false),
  'servicediscovery:ListTagsForResource': read(false),

  // Application Auto Scaling. Scaling policies have no ARN: their actions are authorised on the
  // scalable target, with its aws:ResourceTag. RegisterScalableTarget needs
  // application-autoscaling:TagResource when it carries tags.
  'application-autoscaling:RegisterScalableTarget': {
    access: 'create-or-change',
    resourceLevel: true,
    resourceTag: true,
    requestTag: true,
  },
  'application-autoscaling:DeregisterScalableTarget': change,
  'application-autoscaling:PutScalingPolicy': change,
  'application-autoscaling:DeleteScalingPolicy': change,
  'application-autoscaling:TagResource': tag,
  'application-autoscaling:UntagResource': untag,
  'application-autoscaling:ListTagsForResource': read(true),
  'application-autoscaling:DescribeScalableTargets': read(false),
  'application-autoscaling:DescribeScalingPolicies': read(false),
};
