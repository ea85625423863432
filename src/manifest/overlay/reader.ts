import type { Diagnostic } from '../diagnostic.ts';
import type { ManifestInput } from '../parse.ts';

/** One folder of a source, as its reader gives it: `file` is relative to that folder. */
export interface FolderListing {
  readonly inputs: readonly ManifestInput[];
  /** Files not read (over a size cap, not UTF-8). */
  readonly problems: readonly Diagnostic[];
  /** Every manifest file with what identifies its state (a content hash, an ETag, a version). */
  readonly versions: ReadonlyArray<readonly [string, string]>;
}

/**
 * How rendering reads. Paths are `/`-separated, in the reader's own terms (an absolute folder, a
 * key prefix); `root` is the folder the source points at, and a base is joined to its overlay's
 * folder. A folder that does not exist is an empty listing. The folder, S3 and DynamoDB sources
 * each give one; rendering itself reads nothing else.
 */
export interface OverlayReader {
  readonly root: string;
  readFolder(path: string): Promise<FolderListing>;
}

/** An SSM parameter's value; `secure` for a SecureString. */
export interface ParameterValue {
  readonly value: string;
  readonly secure: boolean;
}

/** Reads SSM parameters by name; a name missing from the answer does not exist. */
export interface ParameterStore {
  getParameters(names: readonly string[]): Promise<ReadonlyMap<string, ParameterValue>>;
}
