/**
 * Whether an S3 event notification, as delivered to an SQS queue, may concern objects under
 * `s3://bucket/prefix`. It only decides whether to look now (the look reads the whole prefix),
 * so a message it cannot read counts as a yes. Understands S3's own format (`Records[]`, keys
 * URL-encoded with `+` for spaces), the same wrapped in an SNS notification, and EventBridge's.
 */
export function eventConcerns(body: string, bucket: string, prefix: string): boolean {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return true;
  }
  if (!isRecord(message)) return true;
  if (message.Type === 'Notification' && typeof message.Message === 'string') {
    return eventConcerns(message.Message, bucket, prefix);
  }
  // S3 sends s3:TestEvent when the notification is configured; nothing changed.
  if (message.Event === 's3:TestEvent') return false;
  const objects = Array.isArray(message.Records)
    ? message.Records.map((record) => (isRecord(record) ? record.s3 : undefined))
    : [message.detail];
  return objects.some((object) => {
    if (!isRecord(object) || !isRecord(object.bucket) || !isRecord(object.object)) return true;
    const key = object.object.key;
    if (object.bucket.name !== bucket || typeof key !== 'string') return object.bucket.name === bucket;
    return decodeKey(key, Array.isArray(message.Records)).startsWith(prefix);
  });
}

function decodeKey(key: string, urlEncoded: boolean): string {
  if (!urlEncoded) return key;
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
