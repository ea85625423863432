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
import { awsSpecOf } from '../../converge/controls.ts';
import type { JsonObject } from '../../diff/index.ts';
import { jsonEqual } from '../../diff/json.ts';
import type { LoadBalancerSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks } from '../batch.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap, toUpperTagList } from '../tags.ts';
import type { HealthReport, ObservedResource, Provider, ProviderContext } from '../types.ts';
import { type AttributeMap, attributeChanges, declaredAttributes, fromAttributeList } from './attributes.ts';
import { describeByNames } from './describe-by-name.ts';
import {
  formOf,
  type LoadBalancerForm,
  loadBalancerSettings,
  observedSettings,
} from './load-balancer-shape.ts';
import { asList, asObject, toPascal } from './member-case.ts';
import { ownedLoadBalancers } from './owned-load-balancers.ts';
import { putTags, sendOptions, tagMapOf, tagsOf } from './resource-tags.ts';

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

function observed(
  loadBalancer: LoadBalancer,
  identity: string,
  owned: boolean,
  form: LoadBalancerForm,
  tags: TagMap,
  attributes: AttributeMap | undefined,
): ObservedResource {
  return {
    identity,
    ids: {
      arn: loadBalancer.LoadBalancerArn ?? '',
      name: loadBalancer.LoadBalancerName ?? '',
      dnsName: loadBalancer.DNSName ?? '',
      canonicalHostedZoneId: loadBalancer.CanonicalHostedZoneId ?? '',
    },
    owned,
    state: {
      ...observedSettings(loadBalancer, form),
      ...(attributes === undefined ? {} : { attributes }),
      tags,
    },
    health: healthOf(loadBalancer),
    detail: loadBalancer,
  };
}

async function attributesOf(arn: string, context: ProviderContext): Promise<AttributeMap> {
  const answer = await context.aws.elbv2.send(
    new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }),
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

export const loadBalancerProvider: Provider = {
  kind: 'LoadBalancer',
  toSpec: settingsToSpec,
  compare: {
    lists: { subnets: 'set', securityGroups: 'set', subnetMappings: { key: 'subnetId' } },
    compareOnlyDesiredKeys: ['attributes', 'subnetMappings[]'],
  },
  replaceOn: ['name', 'scheme', 'type'],

  async observe(manifests, context) {
    const byName = new Map(manifests.map((manifest) => [nameOf(manifest), manifest]));
    const described = await describeByNames(
      [...byName.keys()],
      async (Names) =>
        (await context.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names }), sendOptions(context)))
          .LoadBalancers ?? [],
      (error) => error instanceof LoadBalancerNotFoundException,
    );
    const tags = await tagsOf(
      described.map((loadBalancer) => loadBalancer.LoadBalancerArn ?? ''),
      context,
    );
    const found: Array<{ manifest: LoadedManifest; loadBalancer: LoadBalancer; tags: TagMap }> = [];
    for (const loadBalancer of described) {
      const manifest = byName.get(loadBalancer.LoadBalancerName ?? '');
      const lbTags = tags.get(loadBalancer.LoadBalancerArn ?? '') ?? {};
      if (manifest !== undefined) found.push({ manifest, loadBalancer, tags: lbTags });
    }
    const missing = manifests.filter((manifest) => !found.some((item) => item.manifest === manifest));
    if (missing.length > 0) {
      // A manifest whose name changed still finds the load balancer it made (to replace it, not to leave it behind).
      for (const owned of await ownedLoadBalancers(context)) {
        const manifest = missing.find((candidate) => candidate.identity === owned.identity);
        if (manifest !== undefined)
          found.push({ manifest, loadBalancer: owned.loadBalancer, tags: owned.tags });
      }
    }
    const result = new Map<string, ObservedResource>();
    for (const { manifest, loadBalancer, tags: lbTags } of found) {
      const arn = loadBalancer.LoadBalancerArn ?? '';
      const owned = context.ownership.identityOf(lbTags) === manifest.identity;
      const attributes =
        declaredAttributes(manifest.spec) === undefined ? undefined : await attributesOf(arn, context);
      const form = formOf(awsSpecOf(manifest) as LoadBalancerSpec);
      result.set(
        manifest.identity,
        observed(loadBalancer, manifest.identity, owned, form, lbTags, attributes),
      );
    }
    return result;
  },

  async listOwned(context) {
    return (await ownedLoadBalancers(context)).map(({ loadBalancer, identity, tags }) =>
      observed(
        loadBalancer,
        identity,
        true,
        { subnetMappings: false, securityGroups: true },
        tags,
        undefined,
      ),
    );
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

  async update(_manifest, desired, live, context) {
    const arn = live.ids.arn ?? '';
    const differs = (field: string) => !jsonEqual(desired[field] ?? null, live.state[field] ?? null);
    if (differs('subnets') || differs('subnetMappings')) {
      await context.aws.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, ...subnetsInput(desired) }));
    }
    if (differs('securityGroups')) {
      const groups = asList(desired.securityGroups).map(String);
      await context.aws.elbv2.send(
        new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: groups }),
      );
    }
    if (differs('ipAddressType')) {
      const IpAddressType = desired.ipAddressType as SetIpAddressTypeCommandInput['IpAddressType'];
      await context.aws.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType }));
    }
    const changes = attributeChanges(asObject(desired.attributes), asObject(live.state.attributes));
    if (changes.length > 0) await modifyAttributes(arn, changes, context);
    await putTags(arn, tagMapOf(desired.tags), tagMapOf(live.state.tags), context);
  },

  async delete(live, context) {
    try {
      await context.aws.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: live.ids.arn }));
    } catch (error) {
      if (!(error instanceof LoadBalancerNotFoundException)) throw error;
    }
    return 'deleted';
  },
};
