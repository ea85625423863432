import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planPush } from '../../src/push/plan-push.ts';
import type { PushFile } from '../../src/push/read-push-folder.ts';
import { COMMIT_FORMAT, type CommitRecord, sha256Hex } from '../../src/source/commit-record.ts';

function file(key: string, text: string): PushFile {
  const bytes = Buffer.from(text);
  return {
    key,
    bytes,
    sha256: sha256Hex(bytes),
    md5: createHash('md5').update(bytes).digest('hex'),
    size: bytes.byteLength,
  };
}

function recordOf(files: readonly PushFile[], versions: Record<string, string> = {}): CommitRecord {
  return {
    format: COMMIT_FORMAT,
    id: 'c1',
    author: 'a',
    message: '',
    time: '2026-12-04T00:00:00.000Z',
    objects: files.map((f) => ({
      key: f.key,
      sha256: f.sha256,
      size: f.size,
      ...(versions[f.key] === undefined ? {} : { versionId: versions[f.key] }),
    })),
  };
}

const etag = (f: PushFile) => `"${f.md5}"`;
const keys = (files: readonly { key: string }[]) => files.map((f) => f.key);

describe('planPush', () => {
  const a = file('a.yaml', 'a');
  const b = file('b.yaml', 'b');
  const b2 = file('b.yaml', 'b, changed');

  it('uploads everything when there is no record, even objects already there', () => {
    const plan = planPush([b, a], undefined, new Map([[a.key, etag(a)]]));
    expect(keys(plan.upload)).toEqual(['a.yaml', 'b.yaml']);
    expect(plan.unchanged).toEqual([]);
    expect(plan.remove).toEqual([]);
  });

  it('keeps what the record names and the listing agrees with, with its version', () => {
    const listed = new Map([
      [a.key, etag(a)],
      [b.key, etag(b)],
    ]);
    const plan = planPush([a, b2], recordOf([a, b], { 'a.yaml': 'v1' }), listed);
    expect(keys(plan.upload)).toEqual(['b.yaml']);
    expect(plan.unchanged.map(({ file: f, versionId }) => [f.key, versionId])).toEqual([['a.yaml', 'v1']]);
  });

  it('uploads a recorded file again when the object is missing or its MD5 ETag is another', () => {
    const missing = planPush([a, b], recordOf([a, b]), new Map([[b.key, etag(b)]]));
    expect(keys(missing.upload)).toEqual(['a.yaml']);
    const overwritten = planPush(
      [a, b],
      recordOf([a, b]),
      new Map([
        [a.key, etag(a)],
        [b.key, etag(b2)],
      ]),
    );
    expect(keys(overwritten.upload)).toEqual(['b.yaml']);
  });

  it('trusts the record over an ETag that is not an MD5 (multipart, SSE-KMS)', () => {
    const plan = planPush([a], recordOf([a]), new Map([[a.key, '"0123abcd-2"']]));
    expect(plan.upload).toEqual([]);
    expect(keys(plan.unchanged.map(({ file: f }) => f))).toEqual(['a.yaml']);
  });

  it('removes what the record or the listing has and the folder does not', () => {
    const gone = file('gone.yaml', 'gone');
    const plan = planPush(
      [a],
      recordOf([a, gone]),
      new Map([
        [a.key, etag(a)],
        ['stray/x.yml', '"00000000000000000000000000000000"'],
      ]),
    );
    expect(plan.remove).toEqual(['gone.yaml', 'stray/x.yml']);
  });
});
