// Not here: the manifest table's writer and creation (manifest-table-writer.ts,
// manifest-table-create.ts), for `put-manifests`, `dev` and tests. `serve` imports this file, and
// `npm run gen:iam` grants the task role every AWS call of what serve can import.
export { DynamoDbSource, type DynamoDbSourceOptions } from './dynamodb-source.ts';
export { FolderSource, type FolderSourceOptions } from './folder-source.ts';
export { DEFAULT_IGNORE } from './ignore.ts';
export { MANIFEST_PARTITION, type ManifestItem, queryItems } from './manifest-table.ts';
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
