import { execFile } from 'node:child_process';

/** The Git commit a folder's content is, when it is one. */
export interface GitCommit {
  readonly sha: string;
  /** `Name <email>` of HEAD's author. */
  readonly author: string;
  /** The first line of HEAD's message. */
  readonly subject: string;
  /** Whether any manifest file under the folder differs from HEAD (changed, staged, untracked or ignored). */
  readonly dirty: boolean;
}

const MANIFEST_FILE = /\.ya?ml$/i;
const SEPARATOR = '\u001f';

/**
 * HEAD of the Git work tree that holds `dir`, or undefined when `dir` is in none, the repository has
 * no commit yet, or git is not installed.
 */
export async function gitCommitOf(dir: string): Promise<GitCommit | undefined> {
  const inside = await git(dir, ['rev-parse', '--is-inside-work-tree']);
  if (inside?.trim() !== 'true') return undefined;
  const head = await git(dir, ['log', '-1', `--format=%H${SEPARATOR}%an <%ae>${SEPARATOR}%s`]);
  const [sha, author, subject] = (head ?? '').replace(/\n$/, '').split(SEPARATOR);
  if (sha === undefined || !/^[0-9a-f]{40,64}$/.test(sha) || author === undefined) return undefined;
  // --ignored too: an ignored manifest under dir would be pushed, yet is not part of HEAD.
  const status = await git(dir, [
    'status',
    '--porcelain',
    '-z',
    '--untracked-files=all',
    '--ignored',
    '--',
    '.',
  ]);
  if (status === undefined) return undefined;
  // Entries are `XY path` (a rename adds its old path as a bare entry): the ending is the path's.
  const dirty = status.split('\0').some((entry) => MANIFEST_FILE.test(entry));
  return { sha, author, subject: subject ?? '', dirty };
}

/** git's stdout, or undefined when it fails (not a repository, no commit, no git). */
function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      resolve(error === null ? stdout : undefined);
    });
  });
}
