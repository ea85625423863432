import type { CommitInfo } from './commit-record.ts';
import type { RevisionHistoryEntry } from './revision-history.ts';

/** One line for a revision's outcome, naming its commit and who pushed it where there is one. */
export function revisionMessage(entry: RevisionHistoryEntry): string {
  const what = `revision ${entry.id}${commitPhrase(entry.commit)} from ${entry.source}`;
  if (entry.result === 'applied') return `${what} applied`;
  if (entry.result === 'held-back') return `${what} held back by the prune guard`;
  const first = entry.errors?.[0];
  return `${what} rejected: ${entry.errorCount} error(s)${first === undefined ? '' : `, first: ${first.message}`}`;
}

/** ` (commit 1a2b3c4d5e6f by Ann: "subject")`, or nothing without a commit. */
export function commitPhrase(commit: CommitInfo | undefined): string {
  if (commit === undefined) return '';
  const by = commit.author === '' ? '' : ` by ${commit.author}`;
  const subject = commit.message.split('\n', 1)[0] ?? '';
  return ` (commit ${shortCommitId(commit.id)}${by}${subject === '' ? '' : `: "${subject}"`})`;
}

/** A Git SHA to its first 12 characters; a `sha256:` digest to its first 12 hex digits. */
export function shortCommitId(id: string): string {
  if (/^[0-9a-f]{40,64}$/.test(id)) return id.slice(0, 12);
  if (/^sha256:[0-9a-f]{64}$/.test(id)) return id.slice(0, 19);
  return id;
}
