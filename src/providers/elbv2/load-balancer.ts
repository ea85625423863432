import {
  CreateLoadBalancerCommand,
  type CreateLoadBalancerCommandInput,
  DeleteLoadBalancerCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  type LoadBalancer,
  LoadBalancerNotFoundException,
  ModifyLoadBalancerAttributesCommand,
  SetIpAddressTypeCommand,
  type SetIpAddressTypeCommandInput,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  type SetSubnetsCommandInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { differentAt, type JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { LoadBalancerSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks } from '../batch.ts';
import { ForeignChildrenError } from '../foreign-children.ts';
import { retainedIn } from '../ownership.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, tagMapOf, toUpperTagList } from '../tags.ts';
import type { HealthReport, ObservedResource, Provider, ProviderContext } from '../types.ts';
import {
  type AttributeMap,
  attributeChanges,
  changedAttributes,
  declaredAttributes,
  fromAttributeList,
} from './attributes.ts';
import { describeByNames } from './describe-by-name.ts';
import { allLoadBalancers, listenersOn } from './listing.ts';
import {
  formOf,
  type LoadBalancerForm,
  loadBalancerSettings,
  observedSettings,
} from './load-balancer-shape.ts';
import { asList, toPascal } from './member-case.ts';
import { type FoundNamed, findNamed, type NamedKind } from './named-read.ts';
import { createdWithTags, putTags, releaseTags, unownedOf } from './resource-tags.ts';

/** Modify*Attributes takes up to 20 attributes a call. */
const ATTRIBUTES_BATCH = 20;

function nameOf(manifest: LoadedManifest): string {
  const name = manifest.spec.name;
  return typeof name === 'string' ? name : manifest.metadata.name;
}

function healthOf(loadBalancer: LoadBalancer): HealthReport {
  const state = loadBalancer.State;
  switch (state?.Code) {
    case 'active':
      return { health: 'Healthy' };
    case 'provisioning':
      return { health: 'Progressing', message: 'load balancer is provisioning' };
    default:
      return {
        health: 'Degraded',
        message: `load balancer is ${state?.Code ?? 'unknown'}${state?.Reason ? `: ${state.Reason}` : ''}`,
      };
  }
}

/** How an owned load balancer that no manifest names is projected (for pruning, only its ids matter). */
const ORPHAN_FORM: LoadBalancerForm = { subnetMappings: false, securityGroups: true };

function observed(
  { identity, manifest, item: loadBalancer, owned, tags }: FoundNamed<LoadBalancer>,
  attributes: AttributeMap | undefined,
): ObservedResource {
  const form = manifest === undefined ? ORPHAN_FORM : formOf(awsSpecOf(manifest) as LoadBalancerSpec);
  return {
    identity,
    ids: {
      arn: loadBalancer.LoadBalancerArn ?? '',
      name: loadBalancer.LoadBalancerName ?? '',
      dnsName: loadBalancer.DNSName ?? '',
      canonicalHostedZoneId: loadBalancer.CanonicalHostedZoneId ?? '',
    },
    owned,
    retained: retainedIn(tags),
    state: {
      ...observedSettings(loadBalancer, form),
      ...(attributes === undefined ? {} : { attributes }),
      tags,
    },
    health: healthOf(loadBalancer),
    detail: loadBalancer,
  };
}

/** Attributes are read only for a manifest that declares some (they cost a call per load balancer). */
const declaresAttributes = (manifest: LoadedManifest | undefined): boolean =>
  manifest !== undefined && declaredAttributes(manifest.spec) !== undefined;

async function attributesOf(arn: string, context: ProviderContext): Promise<AttributeMap> {
  const answer = await context.aws.elbv2.send(
    new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }),
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
      new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: batch }),
    );
  }
}

function subnetsInput(desired: JsonObject): Pick<SetSubnetsCommandInput, 'Subnets' | 'SubnetMappings'> {
  if (desired.subnetMappings !== undefined) {
    return {
      SubnetMappings: toPascal(asList(desired.subnetMappings)) as SetSubnetsCommandInput['SubnetMappings'],
    };
  }
  return { Subnets: asList(desired.subnets).map(String) };
}

const LOAD_BALANCERS: NamedKind<LoadBalancer> = {
  prefix: 'LoadBalancer/',
  arnOf: (loadBalancer) => loadBalancer.LoadBalancerArn ?? '',
  nameOf: (loadBalancer) => loadBalancer.LoadBalancerName ?? '',
  describe: (names, context) =>
    describeByNames(
      names,
      async (Names) =>
        (await context.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names }))).LoadBalancers ?? [],
      (error) => error instanceof LoadBalancerNotFoundException,
    ),
  listAll: allLoadBalancers,
};

export const loadBalancerProvider: Provider = {
  kind: 'LoadBalancer',
  toSpec: settingsToSpec,
  compare: {
    lists: { subnets: 'set', securityGroups: 'set', subnetMappings: { key: 'subnetId' } },
    compareOnlyDesiredKeys: ['attributes', 'subnetMappings[]'],
  },
  replaceOn: ['name', 'scheme', 'type'],
  scanned: true,

  async read(scope, context) {
    const result = new Map<string, ObservedResource>();
    for (const found of await findNamed(LOAD_BALANCERS, scope, nameOf, context)) {
      const arn = found.item.LoadBalancerArn ?? '';
      const attributes = declaresAttributes(found.manifest) ? await attributesOf(arn, context) : undefined;
      result.set(found.identity, observed(found, attributes));
    }
    return result;
  },

  desired(manifest, context) {
    const spec = awsSpecOf(manifest) as LoadBalancerSpec;
    const attributes = declaredAttributes(spec);
    return {
      ok: true,
      state: {
        ...loadBalancerSettings(spec, nameOf(manifest)),
        ...(attributes === undefined ? {} : { attributes }),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  async create(manifest, desired, context) {
    const input: CreateLoadBalancerCommandInput = {
      Name: String(desired.name),
      Type: desired.type as CreateLoadBalancerCommandInput['Type'],
      Scheme: desired.scheme as CreateLoadBalancerCommandInput['Scheme'],
      IpAddressType: desired.ipAddressType as CreateLoadBalancerCommandInput['IpAddressType'],
      ...subnetsInput(desired),
      ...(desired.securityGroups === undefined
        ? {}
        : { SecurityGroups: asList(desired.securityGroups).map(String) }),
      Tags: toUpperTagList(tagMapOf(desired.tags)),
    };
    const answer = await context.aws.elbv2.send(new CreateLoadBalancerCommand(input));
    const created = answer.LoadBalancers?.[0];
    const arn = created?.LoadBalancerArn ?? '';
    createdWithTags(arn, tagMapOf(desired.tags), context);
    const declared = declaredAttributes(manifest.spec);
    if (declared !== undefined)
      await modifyAttributes(arn, attributeChanges(declared, await attributesOf(arn, context)), context);
    return {
      arn,
      name: created?.LoadBalancerName ?? String(desired.name),
      dnsName: created?.DNSName ?? '',
      canonicalHostedZoneId: created?.CanonicalHostedZoneId ?? '',
    };
  },

  async update(_manifest, desired, live, delta, context) {
    const arn = live.ids.arn ?? '';
    if (differentAt(delta, 'subnets') || differentAt(delta, 'subnetMappings')) {
      await context.aws.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, ...subnetsInput(desired) }));
    }
    if (differentAt(delta, 'securityGroups')) {
      const groups = asList(desired.securityGroups).map(String);
      await context.aws.elbv2.send(
        new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: groups }),
      );
    }
    if (differentAt(delta, 'ipAddressType')) {
      const IpAddressType = desired.ipAddressType as SetIpAddressTypeCommandInput['IpAddressType'];
      await context.aws.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType }));
    }
    await modifyAttributes(arn, changedAttributes(desired.attributes, delta), context);
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), delta, context);
  },

  release: releaseTags,

  /** Deleting a load balancer deletes its listeners: only when none is another's. */
  async delete(live, context) {
    const listeners = await listenersOn(live.ids.arn ?? '', context).catch((error: unknown) => {
      if (error instanceof LoadBalancerNotFoundException) return [];
      throw error;
    });
    const foreign = (await unownedOf(listeners, (listener) => listener.ListenerArn, context)).map(
      (listener) => `${listener.Protocol ?? ''}:${listener.Port ?? ''}`,
    );
    if (foreign.length > 0) throw new ForeignChildrenError(live.identity, 'listener(s)', foreign);
    try {
      await context.aws.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: live.ids.arn }));
    } catch (error) {
      if (!(error instanceof LoadBalancerNotFoundException)) throw error;
    }
    context.tags.forget(live.ids.arn ?? '');
    return 'deleted';
  },
};
