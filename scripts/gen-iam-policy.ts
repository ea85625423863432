// Writes deploy/iam-policy.json, and the same policy into deploy/cloudformation.yaml, from the AWS
// calls the deployed task can make: every `new <Name>Command(`, `paginate<Name>(` and
// `waitUntil<Name>(` whose import comes from an @aws-sdk client, in the files `shipshape serve`
// can load (src/cli/serve.ts and its imports), never the emulator or the local servers. Commands
// run elsewhere (`dev`, `put-manifests` from a laptop or CI) would otherwise give the operator
// rights it never uses, such as writing to its own GitOps bucket.
// Run with `npm run gen:iam`; test/deploy/iam-policy.test.ts checks both files are current.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parseDocument, Scalar, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { operatorStatements, type PolicyStatement, WHY } from './iam-statements.ts';

export type { PolicyStatement } from './iam-statements.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const POLICY_FILE = join(root, 'deploy/iam-policy.json');
export const TEMPLATE_FILE = join(root, 'deploy/cloudformation.yaml');
/** Where the template keeps the operator's policy document. */
export const TEMPLATE_POLICY_PATH = ['Resources', 'TaskRolePolicy', 'Properties', 'PolicyDocument'];

/** What the deployed task runs: `shipshape serve`. Only code it can reach is scanned. */
const ENTRY = 'src/cli/serve.ts';
/** Code that never runs against AWS, even if reachable: the local AWS of `dev` and the tests. */
const EXCLUDED = ['src/emulator/', 'src/local/'];

/** One call site: the IAM actions it needs and the file that makes it. */
export interface AwsCall {
  readonly file: string;
  readonly module: string;
  readonly operation: string;
  readonly actions: readonly string[];
}

const PREFIX: Readonly<Record<string, string>> = {
  '@aws-sdk/client-ecs': 'ecs',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-efs': 'elasticfilesystem',
  '@aws-sdk/client-servicediscovery': 'servicediscovery',
  '@aws-sdk/client-application-auto-scaling': 'application-autoscaling',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-ssm': 'ssm',
  '@aws-sdk/client-sts': 'sts',
};

/** Operations whose IAM action has another name (document client, S3, waiters). */
const RENAMED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '@aws-sdk/lib-dynamodb': {
    Get: ['GetItem'],
    Put: ['PutItem'],
    Update: ['UpdateItem'],
    Delete: ['DeleteItem'],
    BatchGet: ['BatchGetItem'],
    BatchWrite: ['BatchWriteItem'],
    Query: ['Query'],
    Scan: ['Scan'],
    TransactGet: ['GetItem'],
    // A transaction is authorised item by item: the fenced writer checks the lease and puts,
    // updates or deletes items.
    TransactWrite: ['ConditionCheckItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  },
  '@aws-sdk/client-dynamodb': { TableExists: ['DescribeTable'], TableNotExists: ['DescribeTable'] },
  '@aws-sdk/client-s3': {
    GetObject: ['GetObject'],
    HeadObject: ['GetObject'],
    ListObjectsV2: ['ListBucket'],
    ListObjects: ['ListBucket'],
  },
  // SQS authorises a batch as the action it batches.
  '@aws-sdk/client-sqs': {
    ReceiveMessage: ['ReceiveMessage'],
    DeleteMessage: ['DeleteMessage'],
    DeleteMessageBatch: ['DeleteMessage'],
    ChangeMessageVisibility: ['ChangeMessageVisibility'],
    ChangeMessageVisibilityBatch: ['ChangeMessageVisibility'],
    GetQueueAttributes: ['GetQueueAttributes'],
  },
};

/**
 * Permissions AWS checks besides the action of the call itself, from AWS's documentation: the
 * EFS API model ("This operation also requires permissions for ..."), the Cloud Map API
 * permissions reference, the ECS guides on task roles and service auto scaling, and the
 * "Dependent actions" of the Service Authorization Reference (a create that carries tags also
 * needs the service's tagging action; a call that names a role needs iam:PassRole).
 */
export const IMPLIED: Readonly<Record<string, readonly string[]>> = {
  'elasticfilesystem:CreateMountTarget': [
    'ec2:DescribeSubnets',
    'ec2:DescribeNetworkInterfaces',
    'ec2:CreateNetworkInterface',
  ],
  'elasticfilesystem:DeleteMountTarget': ['ec2:DeleteNetworkInterface'],
  'elasticfilesystem:DescribeMountTargetSecurityGroups': ['ec2:DescribeNetworkInterfaceAttribute'],
  'elasticfilesystem:ModifyMountTargetSecurityGroups': ['ec2:ModifyNetworkInterfaceAttribute'],
  'elasticfilesystem:CreateFileSystem': ['elasticfilesystem:TagResource'],
  'elasticfilesystem:CreateAccessPoint': ['elasticfilesystem:TagResource'],
  'elasticloadbalancing:CreateListener': ['elasticloadbalancing:AddTags'],
  'elasticloadbalancing:CreateLoadBalancer': ['elasticloadbalancing:AddTags'],
  'elasticloadbalancing:CreateRule': ['elasticloadbalancing:AddTags'],
  'elasticloadbalancing:CreateTargetGroup': ['elasticloadbalancing:AddTags'],
  'servicediscovery:CreateHttpNamespace': ['servicediscovery:TagResource'],
  'servicediscovery:CreatePrivateDnsNamespace': [
    'servicediscovery:TagResource',
    'route53:CreateHostedZone',
    'route53:GetHostedZone',
    'route53:ListHostedZonesByName',
    'ec2:DescribeVpcs',
    'ec2:DescribeRegions',
  ],
  'servicediscovery:CreatePublicDnsNamespace': [
    'servicediscovery:TagResource',
    'route53:CreateHostedZone',
    'route53:GetHostedZone',
    'route53:ListHostedZonesByName',
  ],
  'servicediscovery:CreateService': ['servicediscovery:TagResource'],
  'servicediscovery:DeleteNamespace': ['route53:DeleteHostedZone'],
  'ecs:CreateCluster': ['ecs:TagResource'],
  // Roles passed: a task definition's task and execution roles to ECS tasks, a service's role
  // (and its volumes' infrastructure role) to ECS, a scalable target's RoleARN to Auto Scaling.
  'ecs:RegisterTaskDefinition': ['ecs:TagResource', 'iam:PassRole'],
  'ecs:CreateService': ['ecs:TagResource', 'iam:PassRole'],
  'ecs:UpdateService': ['iam:PassRole'],
  // A Job's task: its tags, and its task definition's task and execution roles passed to ECS tasks.
  'ecs:RunTask': ['ecs:TagResource', 'iam:PassRole'],
  // The first scalable target of an ECS service creates Application Auto Scaling's service-linked role.
  'application-autoscaling:RegisterScalableTarget': [
    'application-autoscaling:TagResource',
    'iam:CreateServiceLinkedRole',
    'iam:PassRole',
  ],
  'application-autoscaling:PutScalingPolicy': ['cloudwatch:DescribeAlarms', 'cloudwatch:PutMetricAlarm'],
  'application-autoscaling:DeleteScalingPolicy': ['cloudwatch:DeleteAlarms'],
};

/** Relative modules a file loads: static imports, re-exports and `import()` of a literal path. */
function localImports(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const isTypeOnly =
      (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly === true) ||
      (ts.isExportDeclaration(node) && node.isTypeOnly);
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && !isTypeOnly
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : undefined;
    if (specifier !== undefined && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      found.push(specifier.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every source file `serve` can load, by path from the repository root, outside EXCLUDED. */
export function reachableFiles(entry: string = ENTRY): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    if (seen.has(rel) || EXCLUDED.some((folder) => rel?.startsWith(folder))) continue;
    seen.add(rel);
    const file = ts.createSourceFile(
      rel,
      readFileSync(join(root, rel), 'utf8'),
      ts.ScriptTarget.Latest,
      false,
    );
    for (const specifier of localImports(file)) {
      pending.push(relative(root, join(root, dirname(rel), specifier)).replaceAll('\\', '/'));
    }
  }
  return [...seen].sort();
}

/** Local name to imported name and module, for the value imports of AWS SDK packages in one file. */
function sdkImports(file: ts.SourceFile): Map<string, { imported: string; module: string }> {
  const found = new Map<string, { imported: string; module: string }>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!module.startsWith('@aws-sdk/') || clause === undefined || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      found.set(element.name.text, { imported: (element.propertyName ?? element.name).text, module });
    }
  }
  return found;
}

/** The SDK operation an expression names: `new XCommand(`, `paginateX(` or `waitUntilX(`. */
function operationOf(
  node: ts.Node,
  imports: ReturnType<typeof sdkImports>,
): { imported: string; module: string } | undefined {
  const callee = ts.isNewExpression(node) || ts.isCallExpression(node) ? node.expression : undefined;
  if (callee === undefined || !ts.isIdentifier(callee)) return undefined;
  const source = imports.get(callee.text);
  if (source === undefined) return undefined;
  const pattern = ts.isNewExpression(node) ? /^(.+)Command$/ : /^(?:paginate|waitUntil)(.+)$/;
  const operation = pattern.exec(source.imported)?.[1];
  return operation === undefined ? undefined : { imported: operation, module: source.module };
}

function actionsOf(module: string, operation: string, where: string): string[] {
  const prefix = PREFIX[module];
  if (prefix === undefined) throw new Error(`${where}: no IAM prefix known for ${module}; add it to PREFIX`);
  const renamed = RENAMED[module]?.[operation];
  // Their IAM actions are not named after the operation: an unknown one must be looked up.
  const mustRename = module === '@aws-sdk/lib-dynamodb' || prefix === 's3' || prefix === 'sqs';
  if (renamed === undefined && mustRename) {
    throw new Error(`${where}: no IAM action known for ${module} ${operation}; add it to RENAMED`);
  }
  return (renamed ?? [operation]).map((name) => `${prefix}:${name}`);
}

/** The AWS call sites in one source file; `rel` is its path from the repository root. */
export function scanSource(rel: string, text: string): AwsCall[] {
  const file = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, false);
  const imports = sdkImports(file);
  const calls: AwsCall[] = [];
  if (imports.size === 0) return calls;
  const visit = (node: ts.Node): void => {
    const found = operationOf(node, imports);
    if (found !== undefined) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      const actions = actionsOf(found.module, found.imported, `${rel}:${line + 1}`);
      calls.push({ file: rel, module: found.module, operation: found.imported, actions });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls;
}

/** Every AWS call site in the code `serve` runs. */
export function scanAwsCalls(): AwsCall[] {
  return reachableFiles().flatMap((rel) => scanSource(rel, readFileSync(join(root, rel), 'utf8')));
}

/** The actions the calls need, with the permissions AWS checks beside them. */
export function requiredActions(calls: readonly AwsCall[]): Set<string> {
  const actions = new Set(calls.flatMap((call) => call.actions));
  for (const action of [...actions]) for (const implied of IMPLIED[action] ?? []) actions.add(implied);
  return actions;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

// Resources in CloudFormation `Fn::Sub` syntax: the template substitutes them; a hand-made
// policy replaces Instance, PassRolePrefix, StateTable, ManifestsTable, ManifestsBucket,
// ManifestsQueue.QueueName, NotificationTopicPrefix, ParameterPathPrefix and TargetRoleName with the real values.
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const TABLE = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const BUCKET = 'arn:${AWS::Partition}:s3:::${ManifestsBucket}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const QUEUE = 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${ManifestsQueue.QueueName}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const TOPICS = 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${NotificationTopicPrefix}*';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
const TARGET_ROLES = 'arn:${AWS::Partition}:iam::*:role/${TargetRoleName}';
const PARAMETERS =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not a template
  'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${ParameterPathPrefix}*';

/**
 * A statement for each group of actions, resources and conditions (scripts/iam-statements.ts);
 * the state table only for code in src/state/.
 */
export function buildPolicy(calls: readonly AwsCall[]): PolicyDocument {
  const all = requiredActions(calls);
  const stateActions = new Set(
    calls.filter((c) => c.file.startsWith('src/state/')).flatMap((c) => c.actions),
  );
  const otherDynamo = new Set(
    calls.filter((c) => !c.file.startsWith('src/state/')).flatMap((c) => c.actions),
  );
  const pick = (test: (action: string) => boolean) => [...all].filter(test).sort();
  const candidates: PolicyStatement[] = [
    ...operatorStatements(all),
    {
      Sid: 'StateTable',
      Effect: 'Allow',
      Action: pick((a) => a.startsWith('dynamodb:') && stateActions.has(a)),
      Resource: [`${TABLE}/\${StateTable}`, `${TABLE}/\${StateTable}/index/*`],
    },
    {
      Sid: 'ManifestsTable',
      Effect: 'Allow',
      Action: pick((a) => a.startsWith('dynamodb:') && otherDynamo.has(a)),
      Resource: [`${TABLE}/\${ManifestsTable}`, `${TABLE}/\${ManifestsTable}/index/*`],
    },
    { Sid: 'ManifestsBucket', Effect: 'Allow', Action: pick((a) => a === 's3:ListBucket'), Resource: BUCKET },
    {
      Sid: 'ManifestsObjects',
      Effect: 'Allow',
      Action: pick((a) => a === 's3:GetObject'),
      Resource: `${BUCKET}/*`,
    },
    { Sid: 'ManifestsQueue', Effect: 'Allow', Action: pick((a) => a.startsWith('sqs:')), Resource: QUEUE },
    {
      Sid: 'NotificationTopics',
      Effect: 'Allow',
      Action: pick((a) => a.startsWith('sns:')),
      Resource: TOPICS,
    },
    {
      Sid: 'TargetRoles',
      Effect: 'Allow',
      Action: pick((a) => a.startsWith('sts:')),
      Resource: TARGET_ROLES,
    },
    {
      Sid: 'OverlayParameters',
      Effect: 'Allow',
      Action: pick((a) => a.startsWith('ssm:')),
      Resource: PARAMETERS,
    },
  ];
  const statements = candidates.filter((statement) => statement.Action.length > 0);
  const covered = new Set(statements.flatMap((statement) => statement.Action));
  const stray = [...all].filter((action) => !covered.has(action));
  if (stray.length > 0)
    throw new Error(`no policy statement takes ${stray.join(', ')}; add one to buildPolicy`);
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The template's text with its policy document replaced; every `${...}` string becomes `!Sub`.
 * Parsed without custom tags so that the rest of the template keeps its short-form tags as written.
 */
export function templateWithPolicy(template: string, policy: PolicyDocument): string {
  const doc = parseDocument(template, { logLevel: 'error' });
  // Statements share condition objects; CloudFormation does not take YAML aliases.
  const node = doc.createNode(policy, { aliasDuplicateObjects: false }) as YAMLMap;
  visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value !== 'string') return;
      if (scalar.value.includes('${')) scalar.tag = '!Sub';
      // CloudFormation reads YAML 1.1, where an unquoted 2012-10-17 is a date.
      if (/^\d{4}-\d{2}-\d{2}$/.test(scalar.value)) scalar.type = Scalar.QUOTE_SINGLE;
    },
  });
  // Each statement's reason, above it: JSON policies have no comments.
  for (const item of (node.get('Statement') as YAMLSeq<YAMLMap>).items) {
    const sid = String(item.get('Sid'));
    item.commentBefore = ` ${sid}: ${WHY[sid] ?? ''}`;
  }
  doc.setIn(TEMPLATE_POLICY_PATH, node);
  return doc.toString({ lineWidth: 0 });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const calls = scanAwsCalls();
  const policy = buildPolicy(calls);
  writeFileSync(POLICY_FILE, `${JSON.stringify(policy, null, 2)}\n`);
  writeFileSync(TEMPLATE_FILE, templateWithPolicy(readFileSync(TEMPLATE_FILE, 'utf8'), policy));
  const count = policy.Statement.reduce((sum, statement) => sum + statement.Action.length, 0);
  console.log(
    `wrote ${relative(root, POLICY_FILE)} and ${relative(root, TEMPLATE_FILE)}: ${count} actions from ${calls.length} call sites`,
  );
}
