// The operator's statements for ECS, ELB, EFS, Cloud Map and Application Auto Scaling, for the
// roles it passes and for what those services check on the caller: reads on "*"; creates only
// with this instance's ownership tag in the request; updates, deletes and tag changes only on
// resources that carry it, wherever the Service Authorization Reference lets IAM check it
// (scripts/iam-authorization.ts). deploy/README.md explains the trade-offs.
import { INSTANCE_TAG } from '../src/providers/ownership.ts';
import { AUTHORIZATION, type Authorization, MANAGED_SERVICES } from './iam-authorization.ts';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** Why a statement's Resource may be "*": the test checks the reason against each action. */
export type Unscoped = 'read' | 'no-resource-level' | 'implied';

/** The statements on Resource "*", by Sid. */
export const UNSCOPED: Readonly<Record<string, Unscoped>> = {
  ReadAll: 'read',
  CreateTaggedNoResourceLevel: 'no-resource-level',
  ChangeNoResourceLevel: 'no-resource-level',
  TagNoResourceLevel: 'no-resource-level',
  UntagNoResourceLevel: 'no-resource-level',
  Ec2ForMountTargetsAndNamespaces: 'implied',
  NamespaceHostedZones: 'implied',
  ScalingPolicyAlarms: 'implied',
};

/** What each statement is for, written above it in the template. */
export const WHY: Readonly<Record<string, string>> = {
  ReadAll:
    'reads, on "*": most of these List and Describe actions have no resource-level permissions, and Shipshape must see what it does not own (conflicts, adoption, import, find-by-tag before a create).',
  CreateTagged: "creates, only with this instance's ownership tag in the request.",
  CreateTaggedNoResourceLevel:
    'creates without resource-level permissions (EFS file systems, Cloud Map namespaces), on "*": only with this instance\'s ownership tag in the request.',
  CreateOrUpdateUnowned:
    "RegisterScalableTarget as a create: it also updates an existing target, so only with this instance's tag in the request and on a target that carries no instance tag (updates of owned targets are ChangeOwned).",
  ChangeOwned:
    "updates and deletes, only of resources tagged with this instance (mount targets are judged by their file system's tags, scaling policies by their scalable target's).",
  ChangeNoResourceLevel:
    'on "*": ecs:DeregisterTaskDefinition has no resource-level permissions nor tag condition keys. Shipshape deregisters only revisions tagged as its own; IAM cannot hold it to that.',
  TagOwned:
    "tag changes on resources of this instance; the request cannot set another instance's ownership tag.",
  TagUnowned:
    "this instance's ownership tag on a resource that carries none: the tags of a create, and adoption (shipshape.dev/adopt). See deploy/README.md for what this allows.",
  UntagOwned: 'removes tags only from resources of this instance (a release takes the ownership tags off).',
  TagNoResourceLevel:
    'on "*": Cloud Map\'s TagResource has no resource-level permissions nor aws:ResourceTag. The request cannot set another instance\'s ownership tag, but any Cloud Map resource can be tagged.',
  UntagNoResourceLevel:
    'on "*": Cloud Map\'s UntagResource has no resource-level permissions nor aws:ResourceTag; any tag can be taken off any Cloud Map resource.',
  PassRoles:
    'passes only roles whose name starts with PassRolePrefix, and only to the services that take them: task definitions (ecs-tasks), services (ecs), scalable targets (application-autoscaling).',
  AutoScalingServiceLinkedRole:
    "the first scalable target of an ECS service creates Application Auto Scaling's service-linked role.",
  Ec2ForMountTargetsAndNamespaces:
    'on "*": EFS checks these EC2 actions on the caller for the network interface of each mount target (which EFS creates and owns, without Shipshape\'s tags), Cloud Map the VPC of a private DNS namespace.',
  NamespaceHostedZones:
    'on "*": Cloud Map checks these Route 53 actions on the caller for the hosted zone of a DNS namespace, which Cloud Map creates and owns, without Shipshape\'s tags.',
  ScalingPolicyAlarms:
    'on "*": Application Auto Scaling checks these CloudWatch actions on the caller for the alarms of a target tracking policy, which it creates and owns, without Shipshape\'s tags.',
  StateTable: 'the state table and its index: only the calls of src/state/.',
  ManifestsTable:
    'the manifests table of a dynamodb:// source, read only (put-manifests writes it from elsewhere).',
  ManifestsBucket: 'lists the manifests bucket.',
  ManifestsObjects: 'reads the manifests.',
  ManifestsQueue: "receives and deletes the bucket's change notifications.",
  NotificationTopics:
    'publishes notifications (docs/NOTIFICATIONS.md) only to SNS topics of this account and region whose names start with NotificationTopicPrefix.',
  TargetRoles:
    'assumes the roles of Targets (docs/TARGETS.md) in any account, only those named TargetRoleName; each role trusts this one and grants what the operator needs there.',
  OverlayParameters:
    "reads overlays' SSM parameters (docs/OVERLAYS.md) only under ParameterPathPrefix, in this account and region.",
};

// Placeholders in CloudFormation `Fn::Sub` syntax.
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const INSTANCE = '${Instance}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const ROLES = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const PASS_ROLE_PREFIX = '${PassRolePrefix}';
/** Every resource of one service in the operator's account and region. */
const regional = (prefix: string) => `arn:\${AWS::Partition}:${prefix}:\${AWS::Region}:\${AWS::AccountId}:*`;

const RESOURCE_TAG = `aws:ResourceTag/${INSTANCE_TAG}`;
const REQUEST_TAG = `aws:RequestTag/${INSTANCE_TAG}`;

/** The service each call that names a role passes it to (iam:PassedToService). */
export const PASSED_TO: Readonly<Record<string, string>> = {
  'ecs:RegisterTaskDefinition': 'ecs-tasks.amazonaws.com',
  'ecs:CreateService': 'ecs.amazonaws.com',
  'ecs:UpdateService': 'ecs.amazonaws.com',
  'ecs:RunTask': 'ecs-tasks.amazonaws.com',
  'application-autoscaling:RegisterScalableTarget': 'application-autoscaling.amazonaws.com',
};

const serviceOf = (action: string) => action.split(':')[0] ?? '';

function authorizationOf(action: string): Authorization {
  const found = AUTHORIZATION[action];
  if (found === undefined) {
    throw new Error(
      `${action} is not in scripts/iam-authorization.ts: look it up in the Service Authorization Reference and add it`,
    );
  }
  return found;
}

type Role = 'read' | 'create' | 'change' | 'tag' | 'untag';

/** The Sid of the statement that takes an action in one of its roles. */
function sidFor(action: string, role: Role): string {
  const { access, resourceLevel, resourceTag, requestTag } = authorizationOf(action);
  switch (role) {
    case 'read':
      return 'ReadAll';
    case 'create':
      if (!requestTag)
        throw new Error(`${action}: a create IAM cannot check the tags of; give it a statement`);
      if (access === 'create-or-change') return 'CreateOrUpdateUnowned';
      return resourceLevel ? 'CreateTagged' : 'CreateTaggedNoResourceLevel';
    case 'change':
      if (resourceTag) return 'ChangeOwned';
      if (!resourceLevel) return 'ChangeNoResourceLevel';
      throw new Error(`${action}: a write on a resource without aws:ResourceTag; give it a statement`);
    case 'tag':
      return resourceTag ? 'TagOwned' : 'TagNoResourceLevel';
    case 'untag':
      return resourceTag ? 'UntagOwned' : 'UntagNoResourceLevel';
  }
}

function rolesOf(action: string): Role[] {
  const { access } = authorizationOf(action);
  return access === 'create-or-change' ? ['create', 'change'] : [access];
}

/**
 * This instance's tag in the request, on a resource that carries no instance tag (IAM's Null
 * is true when the key is absent): a create's tags, adoption.
 */
const CLAIM_UNOWNED = { Null: { [RESOURCE_TAG]: 'true' }, StringEquals: { [REQUEST_TAG]: INSTANCE } };

/** Conditions and resources of the statements that `sidFor` names. */
const SHAPES: Readonly<Record<string, { scoped: boolean; condition?: PolicyStatement['Condition'] }>> = {
  ReadAll: { scoped: false },
  CreateTagged: { scoped: true, condition: { StringEquals: { [REQUEST_TAG]: INSTANCE } } },
  CreateTaggedNoResourceLevel: { scoped: false, condition: { StringEquals: { [REQUEST_TAG]: INSTANCE } } },
  CreateOrUpdateUnowned: { scoped: true, condition: CLAIM_UNOWNED },
  ChangeOwned: { scoped: true, condition: { StringEquals: { [RESOURCE_TAG]: INSTANCE } } },
  ChangeNoResourceLevel: { scoped: false },
  TagOwned: {
    scoped: true,
    condition: {
      StringEquals: { [RESOURCE_TAG]: INSTANCE },
      StringEqualsIfExists: { [REQUEST_TAG]: INSTANCE },
    },
  },
  TagUnowned: { scoped: true, condition: CLAIM_UNOWNED },
  UntagOwned: { scoped: true, condition: { StringEquals: { [RESOURCE_TAG]: INSTANCE } } },
  TagNoResourceLevel: { scoped: false, condition: { StringEqualsIfExists: { [REQUEST_TAG]: INSTANCE } } },
  UntagNoResourceLevel: { scoped: false },
};

/** A read of another service that the operator calls itself (CloudWatch alarms for rollout gates). */
function isOtherRead(action: string): boolean {
  return !MANAGED_SERVICES.includes(serviceOf(action)) && AUTHORIZATION[action]?.access === 'read';
}

/** The statements for the managed services' actions and other reads among `actions`, grouped by what IAM can check. */
function managedStatements(actions: readonly string[]): PolicyStatement[] {
  const bySid = new Map<string, string[]>();
  const add = (sid: string, action: string) => bySid.set(sid, [...(bySid.get(sid) ?? []), action]);
  for (const action of actions.filter((a) => MANAGED_SERVICES.includes(serviceOf(a)) || isOtherRead(a))) {
    for (const role of rolesOf(action)) {
      add(sidFor(action, role), action);
      if (role === 'tag' && authorizationOf(action).resourceTag) add('TagUnowned', action);
    }
  }
  return Object.entries(SHAPES).flatMap(([sid, shape]): PolicyStatement[] => {
    const taken = bySid.get(sid);
    if (taken === undefined) return [];
    const services = [...new Set(taken.map(serviceOf))].sort();
    return [
      {
        Sid: sid,
        Effect: 'Allow',
        Action: taken.sort(),
        Resource: shape.scoped ? services.map(regional) : '*',
        ...(shape.condition === undefined ? {} : { Condition: shape.condition }),
      },
    ];
  });
}

/** PassRole on the prefix's roles, to the services of the calls that pass them. */
function passRoleStatements(actions: readonly string[]): PolicyStatement[] {
  if (!actions.includes('iam:PassRole')) return [];
  const services = [...new Set(actions.flatMap((action) => PASSED_TO[action] ?? []))].sort();
  return [
    {
      Sid: 'PassRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: `${ROLES}/${PASS_ROLE_PREFIX}*`,
      Condition: { StringEquals: { 'iam:PassedToService': services } },
    },
  ];
}

/** What ECS, ELB, EFS, Cloud Map and Application Auto Scaling need, with IAM and the implied checks. */
export function operatorStatements(all: ReadonlySet<string>): PolicyStatement[] {
  const actions = [...all].sort();
  const pick = (test: (action: string) => boolean) => actions.filter(test);
  const implied = (sid: string, prefix: string): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Action: pick((a) => serviceOf(a) === prefix && !isOtherRead(a)),
    Resource: '*',
  });
  const statements: PolicyStatement[] = [
    ...managedStatements(actions),
    ...passRoleStatements(actions),
    {
      Sid: 'AutoScalingServiceLinkedRole',
      Effect: 'Allow',
      Action: pick((a) => a === 'iam:CreateServiceLinkedRole'),
      Resource: `${ROLES}/aws-service-role/ecs.application-autoscaling.amazonaws.com/*`,
      Condition: { StringLike: { 'iam:AWSServiceName': 'ecs.application-autoscaling.amazonaws.com' } },
    },
    implied('Ec2ForMountTargetsAndNamespaces', 'ec2'),
    implied('NamespaceHostedZones', 'route53'),
    implied('ScalingPolicyAlarms', 'cloudwatch'),
  ];
  return statements.filter((statement) => statement.Action.length > 0);
}
