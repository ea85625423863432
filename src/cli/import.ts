import { importCluster } from '../importer/import.ts';
import { writeManifests } from '../importer/write-manifests.ts';
import { DEFAULT_NAMESPACE } from '../manifest/manifest.ts';
import { defaultProviders } from '../providers/all.ts';
import { AWS_OPTIONS, AWS_OPTIONS_USAGE, awsContext } from './aws-options.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { parseCommandArgs } from './dispatch.ts';

const USAGE = `usage: shipshape import --cluster NAME [--service NAME ...] [--namespace NS] [--out DIR]

Reads the services of a cluster and what they use (task definitions, target groups, listeners and
rules, load balancers, discovery services and namespaces, scalable targets and scaling policies)
and writes one manifest per resource under DIR/<namespace>/, so that plan on DIR shows no change.
Resources without this instance's ownership tags get the annotation shipshape.dev/adopt: "true".
Reads only: changes nothing in AWS.
  --cluster NAME    the ECS cluster (required)
  --service NAME    only this service (repeatable; default every service of the cluster)
  --namespace NS    manifest namespace for resources Shipshape did not create (default "default")
  --out DIR         where to write (default .)
${AWS_OPTIONS_USAGE}`;

export const importCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandArgs(
      {
        args: [...args],
        allowPositionals: false,
        options: {
          ...AWS_OPTIONS,
          cluster: { type: 'string' },
          service: { type: 'string', multiple: true },
          namespace: { type: 'string', default: DEFAULT_NAMESPACE },
          out: { type: 'string', default: '.' },
        },
      },
      io,
      USAGE,
    );
    if (parsed === undefined) return USAGE_ERROR;
    const { values } = parsed;
    if (typeof values.cluster !== 'string' || values.cluster === '') {
      io.stderr(`shipshape import: --cluster is required\n${USAGE}\n`);
      return USAGE_ERROR;
    }
    const namespace = typeof values.namespace === 'string' ? values.namespace : DEFAULT_NAMESPACE;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || namespace.length > 63) {
      io.stderr(
        `shipshape import: --namespace "${namespace}" is not a valid namespace (lower case letters, digits, inner dashes)\n`,
      );
      return USAGE_ERROR;
    }
    const services = Array.isArray(values.service)
      ? values.service.filter((name): name is string => typeof name === 'string')
      : [];
    const out = typeof values.out === 'string' ? values.out : '.';
    const { aws, base } = awsContext(values);
    try {
      const result = await importCluster(
        { cluster: values.cluster, services, namespace },
        defaultProviders(),
        base,
      );
      const written = await writeManifests(out, result.manifests);
      for (const path of written) io.stdout(`wrote ${path}\n`);
      for (const found of result.skipped) {
        io.stderr(
          `shipshape import: ${found.kind} ${found.awsName} found but not written (its kind cannot be imported yet)\n`,
        );
      }
      for (const note of result.notes) io.stderr(`shipshape import: ${note}\n`);
      io.stdout(`${written.length} manifest(s) written to ${out}\n`);
      return 0;
    } catch (error) {
      io.stderr(`shipshape import: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      aws.destroy();
    }
  },
};
