import type { Diagnostic } from '../manifest/diagnostic.ts';
import type { OriginMap } from '../manifest/overlay/translate.ts';
import type { ManifestInput } from '../manifest/parse.ts';
import type { CommitInfo } from './commit-record.ts';

/** A whole, consistent read of a source at one moment. */
export interface SourceSnapshot {
  /** `sha256:<hex>` of what identifies the source's state (keys and ETags, items and versions, paths and contents). */
  readonly digest: string;
  /** Sorted by file: the files read. */
  readonly inputs: readonly ManifestInput[];
  /** Files refused unparsed (over a size cap, not UTF-8): each rejects the revision. */
  readonly problems: readonly Diagnostic[];
  /** No manifest at all: a risky revision for the prune guard. */
  readonly empty: boolean;
  /** The commit record the read followed (commit-record.ts); absent where the source has none. */
  readonly commit?: CommitInfo;
  /** Present when the source points at an overlay (docs/OVERLAYS.md): `inputs` are its rendering. */
  readonly rendered?: RenderedView;
}

/** What an overlay's rendering adds to a snapshot. */
export interface RenderedView {
  /** Places in the rendered inputs back to the base or overlay file:line:col they came from. */
  readonly origins: OriginMap;
  /** The inputs with SecureString parameter values masked: what may be printed. */
  readonly shown: readonly ManifestInput[];
}

/** Stops a watch; safe to call more than once. */
export interface Watch {
  stop(): Promise<void>;
}

/** "Look now": the watcher says something may have changed; the listener reads the whole source. */
export type ChangeListener = () => unknown;

/** Where manifests come from: a folder, an S3 prefix or a DynamoDB table. */
export interface ManifestSource {
  /** E.g. `s3://bucket/prefix/`, `dynamodb://table`, `file:///abs/dir`. */
  describe(): string;
  /** The whole source, or a thrown {@link SourceReadError}: never a partial read. */
  snapshot(signal?: AbortSignal): Promise<SourceSnapshot>;
  /** Calls `onChange` when the source may have changed (polling, fs.watch, an event queue). */
  watch(onChange: ChangeListener): Watch;
}
