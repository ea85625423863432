import type { Command } from './command.ts';
import { loadDevOnlyCommand } from './dev-only.ts';

interface CommandEntry {
  readonly summary: string;
  /** Loaded on use, so `shipshape validate` does not load the AWS SDK that `apply` needs. */
  readonly load: () => Promise<Command>;
}

/** Every subcommand; adding one is a line here and a file beside this one. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  validate: {
    summary: 'check a folder of manifests and print every error and warning',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  plan: {
    summary: 'show what apply would create, update, replace or delete',
    load: async () => (await import('./plan.ts')).planCommand,
  },
  apply: {
    summary: 'converge AWS to the manifests, in dependency order',
    load: async () => (await import('./apply.ts')).applyCommand,
  },
  serve: {
    summary: 'run the operator: source, reconcile loop, API (production)',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  dev: {
    summary: 'run everything locally: emulated AWS, local DynamoDB and S3, the examples, API and dashboard',
    load: () => loadDevOnlyCommand('dev', './dev.ts', 'devCommand'),
  },
  'put-manifests': {
    summary: 'write a folder of manifests into a DynamoDB manifests table',
    load: async () => (await import('./put-manifests.ts')).putManifestsCommand,
  },
  import: {
    summary: 'write manifests for the existing services of a cluster and what they use',
    load: async () => (await import('./import.ts')).importCommand,
  },
};
