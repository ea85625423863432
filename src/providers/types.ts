import type { AwsClients } from '../aws/clients.ts';
import type { ComparisonSpec, JsonObject } from '../diff/index.ts';
import type { Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';

/** The ARNs, ids and names by which other resources refer to one. */
export type ResourceIds = Readonly<Record<string, string>>;

export type Health = 'Healthy' | 'Progressing' | 'Degraded' | 'Missing' | 'Suspended';

export interface HealthReport {
  readonly health: Health;
  readonly message?: string;
}

/** A live resource as one provider saw it, projected onto the fields its manifests set. */
export interface ObservedResource {
  /** The manifest identity this resource belongs to (from its ownership tag, or the manifest it was found for). */
  readonly identity: string;
  readonly ids: ResourceIds;
  /** Carries this Shipshape instance's ownership tags. */
  readonly owned: boolean;
  /** Normalised state, comparable with the desired state. */
  readonly state: JsonObject;
  readonly health: HealthReport;
  /** Provider-private data needed by update or delete (the raw describe output). */
  readonly detail?: unknown;
}

/** Marks a value that only exists once a dependency has been created. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

export type DesiredResult =
  | { readonly ok: true; readonly state: JsonObject }
  /** A referenced resource does not exist yet: its identity. */
  | { readonly ok: false; readonly waitingFor: string };

/** The ownership tags Shipshape puts on everything it creates. */
export interface Ownership {
  readonly instance: string;
  tagsFor(identity: string): Readonly<Record<string, string>>;
  /** The manifest identity a tag set says it belongs to, when it carries this instance's tags. */
  identityOf(tags: Readonly<Record<string, string>>): string | undefined;
}

export interface IdResolver {
  /** The ids of a referenced resource, if it exists (observed or created in this pass). */
  idsOf(identity: string): ResourceIds | undefined;
}

export interface ProviderContext {
  readonly aws: AwsClients;
  readonly ownership: Ownership;
  readonly resolver: IdResolver;
  /** Immutable AWS objects (task definition revisions) by ARN. */
  readonly cache: Map<string, unknown>;
  readonly signal?: AbortSignal;
}

export type DeleteOutcome = 'deleted' | 'pending';

/** Health facts that cost extra calls, asked only when the cheap look says something is wrong. */
export interface Inspection {
  /** Tasks stopped within the window, newest first, with their reasons (crash loops). */
  readonly stoppedTasks: number;
  readonly stoppedReasons: readonly string[];
  /** The version the resource runs now (a service's task definition ARN). */
  readonly version?: string;
  /** The latest rollout failed (a service's deployment rolloutState FAILED). */
  readonly rolloutFailed: boolean;
}

/**
 * One resource kind behind one boundary: observe (batched), desired state,
 * create, update, delete. The only code that calls AWS.
 */
export interface Provider {
  readonly kind: Kind;
  readonly compare: ComparisonSpec;
  /** Field paths whose change needs the resource replaced (e.g. a target group's port). */
  readonly replaceOn: readonly string[];
  /** Observes the resources of these manifests, batched at AWS's limits. Missing ones are absent from the map. */
  observe(
    manifests: readonly LoadedManifest[],
    context: ProviderContext,
  ): Promise<Map<string, ObservedResource>>;
  /** Every resource of this kind owned by this Shipshape instance, for pruning. */
  listOwned(context: ProviderContext): Promise<ObservedResource[]>;
  /** The manifest's spec with references resolved and AWS's defaults filled, normalised like `observe`. */
  desired(manifest: LoadedManifest, context: ProviderContext): DesiredResult;
  create(manifest: LoadedManifest, desired: JsonObject, context: ProviderContext): Promise<ResourceIds>;
  update(
    manifest: LoadedManifest,
    desired: JsonObject,
    observed: ObservedResource,
    context: ProviderContext,
  ): Promise<void>;
  delete(observed: ObservedResource, context: ProviderContext): Promise<DeleteOutcome>;
  /** Extra health facts: stopped tasks since `sinceMs` (epoch ms), rollout failures. */
  inspect?(observed: ObservedResource, context: ProviderContext, sinceMs: number): Promise<Inspection>;
  /** Points the resource back at an earlier good version (a service at a healthy task definition). */
  rollback?(observed: ObservedResource, version: string, context: ProviderContext): Promise<void>;
  /** A manifest spec for a live resource (`shipshape import`): the inverse of `desired`, defaults and ownership tags left out. */
  toSpec?(observed: ObservedResource, refs: RefNamer): JsonObject;
}

/** For `import`: the reference (`name` or `namespace/name`) to another imported resource, by one of its ids or ARNs. */
export interface RefNamer {
  refOf(kind: Kind, idOrArn: string): string | undefined;
}

/** AWS is not ready for this step yet (a file system still creating, a service draining): look again later. */
export class NotReadyError extends Error {
  readonly afterMs: number;

  constructor(message: string, afterMs = 2_000) {
    super(message);
    this.name = 'NotReadyError';
    this.afterMs = afterMs;
  }
}
