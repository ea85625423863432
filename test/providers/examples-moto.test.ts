import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.ts';
import { apply } from '../../src/converge/apply.ts';
import { inCreateOrder } from '../../src/converge/ordered.ts';
import { plan } from '../../src/converge/plan.ts';
import { formatDiagnostic, type LoadedManifest, loadRevision } from '../../src/manifest/index.ts';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';
import { referencesOf } from '../../src/manifest/references.ts';
import { defaultProviders } from '../../src/providers/all.ts';
import { ownershipFor } from '../../src/providers/ownership.ts';
import type { ProviderContextBase } from '../../src/providers/types.ts';
import { certificateArn, securityGroupId, subnetIds, vpcId } from '../conformance/ec2-subnets.ts';
import type { RunningTarget } from '../conformance/target.ts';
import { motoTarget } from '../conformance/targets/moto.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const EXAMPLES = fileURLToPath(new URL('../../manifests/examples/', import.meta.url));
const WORKLOADS = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const availability = await motoTarget.available();
if (!availability.ok) console.log(`[examples on moto] skipped: ${availability.reason}`);

/** A call a kind's provider cannot do without, where moto may lack it. */
const NEEDS: Readonly<Record<string, string>> = {
  ScalableTarget: 'application-autoscaling:TagResource',
  ScalingPolicy: 'application-autoscaling:TagResource',
};

/** moto's RunTask wants a memory size on every container, and its tasks run until StopTask: a Job never ends. */
const JOB_ON_MOTO = "moto's RunTask tasks never exit";

function dependsOnLeftOut(manifest: LoadedManifest, leftOut: ReadonlySet<string>): string | undefined {
  const target = referencesOf(manifest).find((reference) => leftOut.has(reference.target))?.target;
  return target === undefined ? undefined : `it depends on ${target}, left out`;
}

/** moto checks network ids against its own EC2: the examples' ids are mapped onto moto's default VPC. */
function onMotoNetwork(
  text: string,
  subnets: readonly string[],
  sg: string,
  vpc: string,
  seen: Map<string, string>,
): string {
  return text
    .replace(/\bsubnet-[0-9a-zA-Z]+/g, (id) => {
      if (!seen.has(id)) seen.set(id, subnets[seen.size % subnets.length] ?? id);
      return seen.get(id) ?? id;
    })
    .replace(/\bsg-[0-9a-zA-Z]+/g, sg)
    .replace(/\bvpc-[0-9a-zA-Z]+/g, vpc);
}

describe.skipIf(!availability.ok)('the five example workloads on moto', () => {
  let target: RunningTarget;
  let aws: AwsClients;
  let base: ProviderContextBase;
  let network: { subnets: string[]; sg: string; vpc: string };

  beforeAll(async () => {
    target = await motoTarget.start();
    aws = createAwsClients({
      region: target.region,
      endpoint: target.endpoint,
      credentials: target.credentials,
      maxAttempts: 1,
    });
    base = { aws, ownership: ownershipFor('moto') };
    network = {
      subnets: await subnetIds(target),
      sg: await securityGroupId(target),
      vpc: await vpcId(target),
    };
  });
  afterAll(async () => {
    aws?.destroy();
    await target?.close();
  });

  it.each(WORKLOADS)('%s: apply from empty, then plan shows zero changes', async (workload) => {
    const seen = new Map<string, string>();
    const read = await readManifestFolder(`${EXAMPLES}${workload}`, '');
    // moto checks HTTPS listeners' certificates against its ACM: one is requested there for each ARN.
    const certificates = new Map<string, string>();
    for (const arn of new Set(read.flatMap((file) => file.content.match(/arn:aws:acm:[^\s"',}]+/g) ?? []))) {
      certificates.set(arn, (await certificateArn(target, `${workload}.example.com`)) ?? arn);
    }
    const files = read.map((file) => ({
      file: file.file,
      content: onMotoNetwork(file.content, network.subnets, network.sg, network.vpc, seen).replace(
        /arn:aws:acm:[^\s"',}]+/g,
        (arn) => certificates.get(arn) ?? arn,
      ),
    }));
    const loaded = loadRevision(files);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatDiagnostic).join('\n'));
    // Kinds whose calls moto does not implement are left out, said aloud (Auto Scaling tags: ownership),
    // and so is what depends on something left out (in create order, its dependencies come first).
    const leftOut = new Set<string>();
    const manifests = inCreateOrder(loaded.revision).filter((manifest) => {
      const needs = NEEDS[manifest.kind];
      const why =
        needs !== undefined && !motoTarget.supports(needs)
          ? `moto lacks ${needs}`
          : manifest.kind === 'Job'
            ? JOB_ON_MOTO
            : dependsOnLeftOut(manifest, leftOut);
      if (why === undefined) return true;
      leftOut.add(manifest.identity);
      console.log(`[examples on moto] ${workload}: ${manifest.identity} left out: ${why}`);
      return false;
    });
    const result = await apply(manifests, defaultProviders(), base, {
      prune: false,
      sleep: async () => {},
      maxPasses: 6,
    });
    const again = await plan(manifests, defaultProviders(), base, { prune: false });
    const left = again.plan.changes
      .filter((change) => change.action !== 'noop')
      .map((change) => ({
        identity: change.identity,
        action: change.action,
        drift: 'drift' in change ? change.drift : [],
      }));
    expect({ failures: result.failures, left }).toEqual({ failures: [], left: [] });
  });
});
