import {
  ClientException,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Tag,
  TagResourceCommand,
  type TaskDefinition,
  UntagResourceCommand,
} from '@aws-sdk/client-ecs';
import { awsSpecOf } from '../../converge/controls.ts';
import type { JsonObject } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { paged } from '../batch.ts';
import { toPlain } from '../plain.ts';
import { substituteReferences } from '../references.ts';
import { desiredTags, fromLowerTagList, type TagMap, tagChanges, toLowerTagList } from '../tags.ts';
import type { ObservedResource, Provider, ProviderContext } from '../types.ts';
import {
  acceptLiveDefaults,
  normaliseTaskDefinition,
  TASK_DEFINITION_COMPARISON,
} from './task-definition-shape.ts';
import { taskDefinitionToSpec } from './task-definition-to-spec.ts';

/** Revisions of a family kept active besides the newest; older ones are deregistered. */
export const REVISIONS_KEPT = 5;

function familyOf(manifest: LoadedManifest): string {
  const family = manifest.spec.family;
  return typeof family === 'string' ? family : manifest.metadata.name;
}

interface Described {
  readonly definition: TaskDefinition;
  readonly tags: TagMap;
}

/** The newest ACTIVE revision of a family, or undefined. Revisions never change, so they are cached by ARN. */
async function describeLatest(family: string, context: ProviderContext): Promise<Described | undefined> {
  try {
    const answer = await context.aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: family, include: ['TAGS'] }),
    );
    if (answer.taskDefinition === undefined || answer.taskDefinition.status !== 'ACTIVE') return undefined;
    const described = { definition: answer.taskDefinition, tags: fromLowerTagList(answer.tags) };
    context.cache.set(answer.taskDefinition.taskDefinitionArn ?? family, described);
    return described;
  } catch (error) {
    if (error instanceof ClientException) return undefined;
    throw error;
  }
}

function observed(described: Described, identity: string, owned: boolean): ObservedResource {
  const { definition, tags } = described;
  return {
    identity,
    ids: {
      arn: definition.taskDefinitionArn ?? '',
      family: definition.family ?? '',
      revision: String(definition.revision ?? ''),
    },
    owned,
    state: { ...normaliseTaskDefinition(toPlain(definition) as JsonObject), tags },
    health: { health: 'Healthy' },
    detail: definition,
  };
}

async function register(
  manifest: LoadedManifest,
  desired: JsonObject,
  context: ProviderContext,
): Promise<string> {
  const { tags, ...definition } = desired;
  const input = {
    ...definition,
    tags: toLowerTagList(tags as TagMap),
  } as unknown as RegisterTaskDefinitionCommandInput;
  const answer = await context.aws.ecs.send(new RegisterTaskDefinitionCommand(input));
  const arn = answer.taskDefinition?.taskDefinitionArn ?? '';
  await deregisterOldRevisions(familyOf(manifest), manifest.identity, context);
  return arn;
}

/** Keeps the newest REVISIONS_KEPT active revisions of an owned family; deregisters the rest. */
async function deregisterOldRevisions(
  family: string,
  identity: string,
  context: ProviderContext,
): Promise<void> {
  const arns = await paged(async (nextToken) => {
    const page = await context.aws.ecs.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: family,
        status: 'ACTIVE',
        sort: 'DESC',
        maxResults: 100,
        nextToken,
      }),
    );
    return { items: page.taskDefinitionArns ?? [], next: page.nextToken };
  });
  const ofFamily = arns.filter((arn) => arn.split('/').pop()?.split(':')[0] === family);
  for (const arn of ofFamily.slice(REVISIONS_KEPT)) {
    const tags = await context.aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
    );
    if (context.ownership.identityOf(fromLowerTagList(tags.tags)) !== identity) continue;
    await context.aws.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
  }
}

/**
 * A revision registered by hand in an owned family (a CI job's `register-task-definition`)
 * carries no tags: the family stays owned when one of its newer active revisions is ours.
 */
async function familyOwnedBy(family: string, identity: string, context: ProviderContext): Promise<boolean> {
  const page = await context.aws.ecs.send(
    new ListTaskDefinitionsCommand({
      familyPrefix: family,
      status: 'ACTIVE',
      sort: 'DESC',
      maxResults: REVISIONS_KEPT + 1,
    }),
  );
  for (const arn of (page.taskDefinitionArns ?? []).slice(1)) {
    const answer = await context.aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
    );
    if (context.ownership.identityOf(fromLowerTagList(answer.tags)) === identity) return true;
  }
  return false;
}

function ids(arn: string, family: string): Record<string, string> {
  return { arn, family, revision: arn.split(':').pop() ?? '' };
}

export const taskDefinitionProvider: Provider = {
  kind: 'TaskDefinition',
  compare: TASK_DEFINITION_COMPARISON,
  replaceOn: [],
  toSpec: taskDefinitionToSpec,

  async observe(manifests, context) {
    const result = new Map<string, ObservedResource>();
    for (const manifest of manifests) {
      const described = await describeLatest(familyOf(manifest), context);
      if (described === undefined) continue;
      const owned =
        context.ownership.identityOf(described.tags) === manifest.identity ||
        (await familyOwnedBy(familyOf(manifest), manifest.identity, context));
      const live = observed(described, manifest.identity, owned);
      const desired = this.desired(manifest, context);
      const state = desired.ok ? acceptLiveDefaults(desired.state, live.state) : live.state;
      result.set(manifest.identity, { ...live, state });
    }
    return result;
  },

  async listOwned(context) {
    const families = await paged(async (nextToken) => {
      const page = await context.aws.ecs.send(
        new ListTaskDefinitionFamiliesCommand({ status: 'ACTIVE', maxResults: 100, nextToken }),
      );
      return { items: page.families ?? [], next: page.nextToken };
    });
    const owned: ObservedResource[] = [];
    for (const family of families) {
      const described = await describeLatest(family, context);
      const identity = described === undefined ? undefined : context.ownership.identityOf(described.tags);
      if (described !== undefined && identity?.startsWith('TaskDefinition/'))
        owned.push(observed(described, identity, true));
    }
    return owned;
  },

  desired(manifest, context) {
    const spec = { ...awsSpecOf(manifest), family: familyOf(manifest) } as JsonObject;
    delete spec.tags;
    const substituted = substituteReferences(spec, manifest, context.resolver);
    if (!substituted.ok) return substituted;
    return {
      ok: true,
      state: {
        ...normaliseTaskDefinition(substituted.value),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  async create(manifest, desired, context) {
    return ids(await register(manifest, desired, context), familyOf(manifest));
  },

  async update(manifest, desired, live, context) {
    const { tags: wantedTags, ...wantedDefinition } = desired;
    const { tags: liveTags, ...liveDefinition } = live.state;
    if (JSON.stringify(wantedDefinition) !== JSON.stringify(liveDefinition) || !live.owned) {
      // Definitions are immutable: any change is a new revision (the service then rolls to it).
      await register(manifest, desired, context);
      return;
    }
    const { add, remove } = tagChanges(wantedTags as TagMap, liveTags as TagMap);
    const resourceArn = live.ids.arn ?? '';
    if (Object.keys(add).length > 0)
      await context.aws.ecs.send(new TagResourceCommand({ resourceArn, tags: toLowerTagList(add) as Tag[] }));
    if (remove.length > 0)
      await context.aws.ecs.send(new UntagResourceCommand({ resourceArn, tagKeys: remove }));
  },

  async delete(live, context) {
    const family = live.ids.family ?? '';
    const arns = await paged(async (nextToken) => {
      const page = await context.aws.ecs.send(
        new ListTaskDefinitionsCommand({
          familyPrefix: family,
          status: 'ACTIVE',
          maxResults: 100,
          nextToken,
        }),
      );
      return { items: page.taskDefinitionArns ?? [], next: page.nextToken };
    });
    for (const arn of arns.filter((candidate) => candidate.split('/').pop()?.split(':')[0] === family)) {
      await context.aws.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
    }
    return 'deleted';
  },
};
