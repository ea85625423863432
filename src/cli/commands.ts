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
  push: {
    summary: 'push a folder of manifests to an S3 prefix as one commit, its record written last',
    load: async () => (await import('./push.ts')).pushCommand,
  },
  history: {
    summary: "print the running operator's revision history: results, commits, authors, errors",
    load: async () => (await import('./history.ts')).historyCommand,
  },
  import: {
    summary: 'write manifests for the existing services of a cluster and what they use',
    load: async () => (await import('./import.ts')).importCommand,
  },
  status: {
    summary:
      "print the running operator's resources: sync, health, drift, last change; --watch follows changes",
    load: async () => (await import('./status.ts')).statusCommand,
  },
  sync: {
    summary: 'ask the running operator to read its manifest source now (API token)',
    load: async () => (await import('./api-actions.ts')).syncCommand,
  },
  reconcile: {
    summary: 'ask the running operator to look at one resource now (API token)',
    load: async () => (await import('./api-actions.ts')).reconcileCommand,
  },
  suspend: {
    summary: 'suspend one resource (or --all) in the running operator: observed, never written (API token)',
    load: async () => (await import('./api-actions.ts')).suspendResourceCommand,
  },
  resume: {
    summary: 'resume a suspended resource (or --all) in the running operator (API token)',
    load: async () => (await import('./api-actions.ts')).resumeResourceCommand,
  },
  prune: {
    summary: 'prune allow: let the revision in force delete what the prune guard holds back (API token)',
    load: async () => (await import('./api-actions.ts')).pruneCommand,
  },
  rollback: {
    summary:
      'roll a Service back to an earlier task definition and hold it there until its manifest changes (API token)',
    load: async () => (await import('./rollback.ts')).rollbackCommand,
  },
  rollout: {
    summary: 'promote or abort a Service rollout paused at a manual gate (API token)',
    load: async () => (await import('./rollout.ts')).rolloutCommand,
  },
};
