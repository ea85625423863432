import {
  CreateTargetGroupCommand,
  type CreateTargetGroupCommandInput,
  DeleteTargetGroupCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  type ModifyTargetGroupCommandInput,
  ResourceInUseException,
  type TargetGroup,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { differentAt } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { TargetGroupSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks } from '../batch.ts';
import { retainedIn } from '../ownership.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, tagMapOf, toUpperTagList } from '../tags.ts';
import { NotReadyError, type ObservedResource, type Provider, type ProviderContext } from '../types.ts';
import {
  type AttributeMap,
  attributeChanges,
  changedAttributes,
  declaredAttributes,
  fromAttributeList,
} from './attributes.ts';
import { describeByNames } from './describe-by-name.ts';
import { allTargetGroups } from './listing.ts';
import { asObject, toPascal } from './member-case.ts';
import { type FoundNamed, findNamed, type NamedKind } from './named-read.ts';
import { createdWithTags, putTags, releaseTags } from './resource-tags.ts';
import { HEALTH_CHECK_FIELDS, observedSettings, targetGroupSettings } from './target-group-shape.ts';
import { usersOfTargetGroup } from './target-group-users.ts';

/** Modify*Attributes takes up to 20 attributes a call. */
const ATTRIBUTES_BATCH = 20;

function nameOf(manifest: LoadedManifest): string {
  const name = manifest.spec.name;
  return typeof name === 'string' ? name : manifest.metadata.name;
}

/** A described target group (with its tags and, when declared, attributes) as a read returns it: no call to AWS. */
export function observeTargetGroup(
  { identity, item: group, owned, tags }: FoundNamed<TargetGroup>,
  attributes: AttributeMap | undefined,
): ObservedResource {
  return {
    identity,
    ids: { arn: group.TargetGroupArn ?? '', name: group.TargetGroupName ?? '' },
    owned,
    retained: retainedIn(tags),
    state: { ...observedSettings(group), ...(attributes === undefined ? {} : { attributes }), tags },
    health: { health: 'Healthy' },
    detail: group,
  };
}

/** Attributes are read only for a manifest that declares some (they cost a call per target group). */
const declaresAttributes = (manifest: LoadedManifest | undefined): boolean =>
  manifest !== undefined && declaredAttributes(manifest.spec) !== undefined;

async function attributesOf(arn: string, context: ProviderContext): Promise<AttributeMap> {
  const answer = await context.aws.elbv2.send(
    new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }),
  );
  return fromAttributeList(answer.Attributes);
}

async function modifyAttributes(
  arn: string,
  changes: Array<{ Key: string; Value: string }>,
  context: ProviderContext,
): Promise<void> {
  for (const batch of chunks(changes, ATTRIBUTES_BATCH)) {
    await context.aws.elbv2.send(
      new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: batch }),
    );
  }
}

/** Why AWS refuses to delete a target group still in use, and whether waiting can help. */
async function inUse(live: ObservedResource, context: ProviderContext): Promise<Error> {
  const users = await usersOfTargetGroup(live.ids.arn ?? '', context);
  const managed = users.filter((user) => user.ownedBy !== undefined);
  const list = (some: typeof users) => some.map((user) => user.ownedBy ?? user.arn).join(', ');
  if (users.length > 0 && managed.length === users.length) {
    return new NotReadyError(
      `${live.identity} is still in use by ${list(managed)}; waiting for them to let it go`,
    );
  }
  const unmanaged = users.filter((user) => user.ownedBy === undefined);
  return new Error(
    `${live.identity} cannot be deleted: it is in use by ${unmanaged.length > 0 ? `${list(unmanaged)}, which Shipshape does not manage` : 'a listener or rule'}; remove that use first`,
  );
}

const TARGET_GROUPS: NamedKind<TargetGroup> = {
  prefix: 'TargetGroup/',
  arnOf: (group) => group.TargetGroupArn ?? '',
  nameOf: (group) => group.TargetGroupName ?? '',
  describe: (names, context) =>
    describeByNames(
      names,
      async (Names) =>
        (await context.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names }))).TargetGroups ?? [],
      (error) => error instanceof TargetGroupNotFoundException,
    ),
  listAll: allTargetGroups,
};

export const targetGroupProvider: Provider = {
  kind: 'TargetGroup',
  toSpec: settingsToSpec,
  compare: { compareOnlyDesiredKeys: ['attributes'] },
  replaceOn: [
    'name',
    'protocol',
    'protocolVersion',
    'port',
    'vpcId',
    'targetType',
    'ipAddressType',
    'targetControlPort',
  ],
  scanned: true,

  async read(scope, context) {
    const result = new Map<string, ObservedResource>();
    for (const found of await findNamed(TARGET_GROUPS, scope, nameOf, context)) {
      const arn = found.item.TargetGroupArn ?? '';
      const attributes = declaresAttributes(found.manifest) ? await attributesOf(arn, context) : undefined;
      result.set(found.identity, observeTargetGroup(found, attributes));
    }
    return result;
  },

  desired(manifest, context) {
    const spec = awsSpecOf(manifest) as TargetGroupSpec;
    const attributes = declaredAttributes(spec);
    return {
      ok: true,
      state: {
        ...targetGroupSettings(spec, nameOf(manifest)),
        ...(attributes === undefined ? {} : { attributes }),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  async create(manifest, desired, context) {
    const { attributes, tags, name, ...settings } = desired;
    const input = {
      ...asObject(toPascal(settings)),
      Name: String(name),
      Tags: toUpperTagList(tagMapOf(tags)),
    };
    const answer = await context.aws.elbv2.send(
      new CreateTargetGroupCommand(input as CreateTargetGroupCommandInput),
    );
    const arn = answer.TargetGroups?.[0]?.TargetGroupArn ?? '';
    createdWithTags(arn, tagMapOf(tags), context);
    const declared = declaredAttributes(manifest.spec);
    if (declared !== undefined)
      await modifyAttributes(arn, attributeChanges(declared, await attributesOf(arn, context)), context);
    return { arn, name: answer.TargetGroups?.[0]?.TargetGroupName ?? String(name) };
  },

  async update(_manifest, desired, live, delta, context) {
    const arn = live.ids.arn ?? '';
    const healthCheck = HEALTH_CHECK_FIELDS.filter(
      (field) => differentAt(delta, field) && desired[field] !== undefined,
    );
    if (healthCheck.length > 0) {
      const changed = Object.fromEntries(healthCheck.map((field) => [field, desired[field] ?? null]));
      const input = { ...asObject(toPascal(changed)), TargetGroupArn: arn };
      await context.aws.elbv2.send(new ModifyTargetGroupCommand(input as ModifyTargetGroupCommandInput));
    }
    await modifyAttributes(arn, changedAttributes(desired.attributes, delta), context);
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), delta, context);
  },

  release: releaseTags,

  async delete(live, context) {
    try {
      await context.aws.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: live.ids.arn }));
    } catch (error) {
      if (error instanceof ResourceInUseException) throw await inUse(live, context);
      if (!(error instanceof TargetGroupNotFoundException)) throw error;
    }
    context.tags.forget(live.ids.arn ?? '');
    return 'deleted';
  },
};
