import { describe, expect, it } from 'vitest';
import { eventConcerns } from '../../src/source/s3-event.ts';

const s3Event = (bucket: string, key: string) =>
  JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: bucket }, object: { key, eTag: 'abc' } },
      },
    ],
  });

describe('eventConcerns', () => {
  it.each([
    ['an object under the prefix', s3Event('gitops', 'prod/apps/web.yaml'), true],
    ['an object elsewhere in the bucket', s3Event('gitops', 'staging/web.yaml'), false],
    ['another bucket', s3Event('other', 'prod/web.yaml'), false],
    ['a URL-encoded key', s3Event('gitops', 'prod/my+app/%C3%A9.yaml'), true],
    [
      'an SNS-wrapped event',
      JSON.stringify({ Type: 'Notification', Message: s3Event('gitops', 'prod/a.yaml') }),
      true,
    ],
    [
      'an SNS-wrapped event elsewhere',
      JSON.stringify({ Type: 'Notification', Message: s3Event('gitops', 'x.yaml') }),
      false,
    ],
    [
      'S3 test event',
      JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'gitops' }),
      false,
    ],
    [
      'EventBridge',
      JSON.stringify({
        source: 'aws.s3',
        detail: { bucket: { name: 'gitops' }, object: { key: 'prod/a b.yaml' } },
      }),
      true,
    ],
    [
      'EventBridge elsewhere',
      JSON.stringify({
        source: 'aws.s3',
        detail: { bucket: { name: 'gitops' }, object: { key: 'dev/a.yaml' } },
      }),
      false,
    ],
    ['a message that is not JSON', 'hello', true],
    ['JSON of another shape', JSON.stringify({ what: 'else' }), true],
  ])('%s', (_name, body, expected) => {
    expect(eventConcerns(body, 'gitops', 'prod/')).toBe(expected);
  });
});
