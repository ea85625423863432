import type { AwsClients } from '../aws/clients.ts';
import type { ComparisonSpec, DriftEntry, JsonObject } from '../diff/index.ts';
import type { Kind } from '../manifest/kinds.ts';
import type { LoadedManifest } from '../manifest/manifest.ts';
import type { ReadMemo } from './read-memo.ts';
import type { TagCache } from './tag-cache.ts';

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
  /** Its deletion policy is Retain (a tag on it): when its manifest goes, it is released, not deleted. */
  readonly retained?: boolean;
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
  /** The ids of a referenced resource, if it exists (observed, or created since). */
  idsOf(identity: string): ResourceIds | undefined;
}

/** What the reads of other kinds in the same look found (a listener read uses the load balancers already listed). */
export interface PeerView {
  /** The resources of `kind` read in this look, matched to manifests or owned; undefined when that kind was not read. */
  of(kind: Kind): readonly ObservedResource[] | undefined;
}

export interface ProviderContext {
  readonly aws: AwsClients;
  readonly ownership: Ownership;
  readonly resolver: IdResolver;
  /** Tags of resources whose describe does not carry them, read once and on the slow tag resync. */
  readonly tags: TagCache;
  readonly peers?: PeerView;
  /** Listings shared by the reads of one look. */
  readonly memo?: ReadMemo;
}

/** What a context is made from; each look adds its resolver, tag cache and shared listings. */
export type ProviderContextBase = Pick<ProviderContext, 'aws' | 'ownership'>;

/** What a read covers. */
export interface ReadScope {
  /** Manifests of the provider's kind whose resources to find. */
  readonly manifests: readonly LoadedManifest[];
  /** Also every other resource of the kind this instance owns, for pruning: a full listing. */
  readonly everyOwned: boolean;
  /**
   * Identities whose state the caller read so recently (the drift scan) that a full listing may
   * take them from `context.peers` instead of describing them again, once the listing shows they
   * still exist.
   */
  readonly fresh?: ReadonlySet<string>;
  /** Called with each batch as it is read, so a change is acted on before the whole read ends. */
  readonly onBatch?: (found: ReadonlyMap<string, ObservedResource>) => void;
}

export type DeleteOutcome = 'deleted' | 'pending';

/** What a health hook may keep between looks; persisted with the status (strings only). */
export type HealthMemory = Readonly<Record<string, string>>;

export interface HealthSettings {
  /** Tasks stopping this many times within the window make a service Degraded. */
  readonly crashLoopCount: number;
  readonly crashLoopWindowMs: number;
}

export interface HealthInput {
  readonly manifest: LoadedManifest;
  readonly live: ObservedResource;
  /** Where live differs from the manifest (what a write would change). */
  readonly drift: readonly DriftEntry[];
  readonly memory: HealthMemory;
  /** False when suspended: look, never write. */
  readonly mayWrite: boolean;
  /** Wall-clock milliseconds, the clock AWS's timestamps are on. */
  readonly nowMs: number;
  readonly settings: HealthSettings;
}

export interface HealthNote {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

export interface HealthVerdict {
  /** Overrides the describe's health: a crash loop or a failed rollout. */
  readonly degraded?: string;
  readonly memory: HealthMemory;
  /** What the hook did (a rollback), for the event log. */
  readonly notes?: readonly HealthNote[];
  /** The hook wrote to AWS: what was read before is stale. */
  readonly wrote?: boolean;
  /** The drift is not reverted now, and why (a failed revision held until the manifest changes). */
  readonly hold?: { readonly type: string; readonly reason: string };
}

/**
 * Health judged per kind beyond what one describe says, as Argo CD assesses health per kind: a
 * service's crash loops and failed rollouts, and the rollback to its last healthy version.
 */
export interface HealthHook {
  /** The memory entries the hook keeps (shown among the status's ids). */
  readonly memoryKeys: readonly string[];
  assess(input: HealthInput, context: ProviderContext): Promise<HealthVerdict>;
}

/**
 * One resource kind behind one boundary: read (batched), desired state, create, update, delete,
 * release. The only code that calls AWS.
 */
export interface Provider {
  readonly kind: Kind;
  readonly compare: ComparisonSpec;
  /** Field paths whose change needs the resource replaced (e.g. a target group's port). */
  readonly replaceOn: readonly string[];
  /** Covered by the drift scan: a cheap batch read finds a hand edit between resyncs. */
  readonly scanned?: boolean;
  /**
   * Its create takes several calls and only a later one marks the resource as Shipshape's (a
   * scaling policy's marks live on its target): an intent is recorded first, so that a create cut
   * short is finished rather than taken for a resource someone else made.
   */
  readonly createsInSteps?: boolean;
  /**
   * Reads live resources, batched at AWS's limits: those the manifests name, keyed by the
   * manifest's identity (missing ones absent), and with `everyOwned` every other resource
   * carrying this instance's ownership tags, keyed by the identity the tag names. One listing
   * serves observation and pruning.
   */
  read(scope: ReadScope, context: ProviderContext): Promise<Map<string, ObservedResource>>;
  /** The manifest's spec with references resolved and AWS's defaults filled, normalised like `read`. */
  desired(manifest: LoadedManifest, context: ProviderContext): DesiredResult;
  create(manifest: LoadedManifest, desired: JsonObject, context: ProviderContext): Promise<ResourceIds>;
  /** Makes the live resource match `desired`; `delta` is where they differ (ignored fields left out). */
  update(
    manifest: LoadedManifest,
    desired: JsonObject,
    live: ObservedResource,
    delta: readonly DriftEntry[],
    context: ProviderContext,
  ): Promise<void>;
  delete(live: ObservedResource, context: ProviderContext): Promise<DeleteOutcome>;
  /** Takes Shipshape's ownership tags off (deletionPolicy Retain): the resource stays, unmanaged. */
  release(live: ObservedResource, context: ProviderContext): Promise<void>;
  readonly health?: HealthHook;
  /**
   * Resources that depend on this one (a reference or depends-on) are not created or updated
   * until it allows (a Job until its task exited 0): why they wait, or undefined. `memory` is what
   * its status keeps (ids and health memory).
   */
  holdsDependents?(
    manifest: LoadedManifest,
    memory: HealthMemory,
    context: ProviderContext,
  ): string | undefined;
  /**
   * The live resource rebuilt from what its status keeps, when AWS no longer shows it (a Job's
   * stopped task, which ECS forgets after an hour); undefined when nothing is remembered.
   */
  remembered?(manifest: LoadedManifest, memory: HealthMemory): ObservedResource | undefined;
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
