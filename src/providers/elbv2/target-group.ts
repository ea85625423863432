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
import { awsSpecOf } from '../../converge/controls.ts';
import type { JsonObject } from '../../diff/index.ts';
import type { TargetGroupSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks, paged } from '../batch.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap, toUpperTagList } from '../tags.ts';
import { NotReadyError, type ObservedResource, type Provider, type ProviderContext } from '../types.ts';
import { type AttributeMap, attributeChanges, declaredAttributes, fromAttributeList } from './attributes.ts';
import { describeByNames } from './describe-by-name.ts';
import { asObject, toPascal } from './member-case.ts';
import { putTags, sendOptions, tagMapOf, tagsOf } from './resource-tags.ts';
import { HEALTH_CHECK_FIELDS, observedSettings, targetGroupSettings } from './target-group-shape.ts';
import { usersOfTargetGroup } from './target-group-users.ts';

/** Modify*Attributes takes up to 20 attributes a call. */
const ATTRIBUTES_BATCH = 20;

function nameOf(manifest: LoadedManifest): string {
  const name = manifest.spec.name;
  return typeof name === 'string' ? name : manifest.metadata.name;
}

function observed(
  group: TargetGroup,
  identity: string,
  owned: boolean,
  tags: TagMap,
  attributes: AttributeMap | undefined,
): ObservedResource {
  return {
    identity,
    ids: { arn: group.TargetGroupArn ?? '', name: group.TargetGroupName ?? '' },
    owned,
    state: { ...observedSettings(group), ...(attributes === undefined ? {} : { attributes }), tags },
    health: { health: 'Healthy' },
    detail: group,
  };
}

async function attributesOf(arn: string, context: ProviderContext): Promise<AttributeMap> {
  const answer = await context.aws.elbv2.send(
    new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }),
    sendOptions(context),
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

/** Every target group carrying this instance's ownership tags (listed 400 a page, tags 20 ARNs a call). */
async function ownedTargetGroups(
  context: ProviderContext,
): Promise<Array<{ group: TargetGroup; identity: string; tags: TagMap }>> {
  const groups = await paged(async (Marker) => {
    const page = await context.aws.elbv2.send(
      new DescribeTargetGroupsCommand({ Marker, PageSize: 400 }),
      sendOptions(context),
    );
    return { items: page.TargetGroups ?? [], next: page.NextMarker };
  });
  const tags = await tagsOf(
    groups.map((group) => group.TargetGroupArn ?? ''),
    context,
  );
  return groups.flatMap((group) => {
    const groupTags = tags.get(group.TargetGroupArn ?? '') ?? {};
    const identity = context.ownership.identityOf(groupTags);
    return identity?.startsWith('TargetGroup/') ? [{ group, identity, tags: groupTags }] : [];
  });
}

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

  async observe(manifests, context) {
    const byName = new Map(manifests.map((manifest) => [nameOf(manifest), manifest]));
    const groups = await describeByNames(
      [...byName.keys()],
      async (Names) =>
        (await context.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names }), sendOptions(context)))
          .TargetGroups ?? [],
      (error) => error instanceof TargetGroupNotFoundException,
    );
    const tags = await tagsOf(
      groups.map((group) => group.TargetGroupArn ?? ''),
      context,
    );
    const found: Array<{ manifest: LoadedManifest; group: TargetGroup; tags: TagMap }> = [];
    for (const group of groups) {
      const manifest = byName.get(group.TargetGroupName ?? '');
      if (manifest !== undefined)
        found.push({ manifest, group, tags: tags.get(group.TargetGroupArn ?? '') ?? {} });
    }
    const missing = new Set(
      manifests.filter((manifest) => !found.some((item) => item.manifest === manifest)),
    );
    if (missing.size > 0) {
      // A manifest whose name changed still finds the group it made (to replace it, not to leave it behind).
      for (const owned of await ownedTargetGroups(context)) {
        const manifest = [...missing].find((candidate) => candidate.identity === owned.identity);
        if (manifest !== undefined) found.push({ manifest, group: owned.group, tags: owned.tags });
      }
    }
    const result = new Map<string, ObservedResource>();
    for (const { manifest, group, tags: groupTags } of found) {
      const arn = group.TargetGroupArn ?? '';
      const owned = context.ownership.identityOf(groupTags) === manifest.identity;
      const attributes =
        declaredAttributes(manifest.spec) === undefined ? undefined : await attributesOf(arn, context);
      result.set(manifest.identity, observed(group, manifest.identity, owned, groupTags, attributes));
    }
    return result;
  },

  async listOwned(context) {
    return (await ownedTargetGroups(context)).map(({ group, identity, tags }) =>
      observed(group, identity, true, tags, undefined),
    );
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
    const declared = declaredAttributes(manifest.spec);
    if (declared !== undefined)
      await modifyAttributes(arn, attributeChanges(declared, await attributesOf(arn, context)), context);
    return { arn, name: answer.TargetGroups?.[0]?.TargetGroupName ?? String(name) };
  },

  async update(_manifest, desired, live, context) {
    const arn = live.ids.arn ?? '';
    const healthCheck: JsonObject = {};
    for (const field of HEALTH_CHECK_FIELDS) {
      if (
        JSON.stringify(desired[field]) !== JSON.stringify(live.state[field]) &&
        desired[field] !== undefined
      ) {
        healthCheck[field] = desired[field];
      }
    }
    if (Object.keys(healthCheck).length > 0) {
      const input = { ...asObject(toPascal(healthCheck)), TargetGroupArn: arn };
      await context.aws.elbv2.send(new ModifyTargetGroupCommand(input as ModifyTargetGroupCommandInput));
    }
    const changes = attributeChanges(asObject(desired.attributes), asObject(live.state.attributes));
    if (changes.length > 0) await modifyAttributes(arn, changes, context);
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), context);
  },

  async delete(live, context) {
    try {
      await context.aws.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: live.ids.arn }));
      return 'deleted';
    } catch (error) {
      if (error instanceof TargetGroupNotFoundException) return 'deleted';
      if (error instanceof ResourceInUseException) throw await inUse(live, context);
      throw error;
    }
  },
};
