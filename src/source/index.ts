export { DynamoDbSource, type DynamoDbSourceOptions } from './dynamodb-source.ts';
export { FolderSource, type FolderSourceOptions } from './folder-source.ts';
export { DEFAULT_IGNORE } from './ignore.ts';
export { MANIFEST_PARTITION, type ManifestItem, queryItems } from './manifest-table.ts';
export { createManifestTable } from './manifest-table-create.ts';
export { type PutManifestsOptions, type PutManifestsResult, putManifests } from './manifest-table-writer.ts';
export { type OpenSourceOptions, openSource } from './open-source.ts';
export { DEFAULT_POLL_INTERVAL_MS } from './polling.ts';
export {
  InMemoryRevisionHistory,
  type RevisionHistory,
  type RevisionHistoryEntry,
  type RevisionOutcome,
} from './revision-history.ts';
export {
  type RejectedRevision,
  type RevisionListener,
  RevisionTracker,
  type RevisionTrackerOptions,
  type SyncOutcome,
  type TrackedRevision,
} from './revision-tracker.ts';
export { eventConcerns } from './s3-event.ts';
export { type ChangeNotifier, S3Source, type S3SourceOptions } from './s3-source.ts';
export { SourceReadError } from './source-error.ts';
export { parseSourceUrl, type SourceLocation } from './source-url.ts';
export { SqsNotifier, type SqsNotifierOptions } from './sqs-notifier.ts';
export type { ChangeListener, ManifestSource, SourceSnapshot, Watch } from './types.ts';
