import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

/** One object of a listing: the version of it that a revision is made of. */
export interface ListedObject {
  readonly key: string;
  readonly etag: string;
  /** Bytes, as listed: checked against the caps before the object is fetched. */
  readonly size: number;
}

/** Every object under `prefix` (all pages, all depths) whose path after the prefix `wanted` accepts, sorted by key. */
export async function listManifestObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  wanted: (relativePath: string) => boolean,
  signal?: AbortSignal,
  pageSize?: number,
): Promise<ListedObject[]> {
  const listed: ListedObject[] = [];
  const pages = paginateListObjectsV2(
    {
      client,
      ...(signal === undefined ? {} : { abortSignal: signal }),
      ...(pageSize === undefined ? {} : { pageSize }),
    },
    { Bucket: bucket, ...(prefix === '' ? {} : { Prefix: prefix }) },
  );
  for await (const page of pages) {
    for (const object of page.Contents ?? []) {
      const key = object.Key;
      if (key === undefined || !wanted(key.slice(prefix.length))) continue;
      if (object.ETag === undefined) throw new Error(`the listing gave no ETag for ${key}`);
      if (object.Size === undefined) throw new Error(`the listing gave no Size for ${key}`);
      listed.push({ key, etag: object.ETag, size: object.Size });
    }
  }
  return listed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whether two listings name the same objects at the same versions. */
export function sameListing(a: readonly ListedObject[], b: readonly ListedObject[]): boolean {
  return (
    a.length === b.length && a.every((object, i) => object.key === b[i]?.key && object.etag === b[i]?.etag)
  );
}
