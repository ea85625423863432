export interface LocalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Constructor settings that any @aws-sdk/client-* v3 client accepts for a local server. */
export interface LocalClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: LocalCredentials;
  /** S3 only (local S3 has no per-bucket host names); other clients ignore it. */
  readonly forcePathStyle: true;
  /**
   * S3 only. By default the SDK uploads a body of unknown length as aws-chunked with a trailing
   * CRC32, and s3rver stores that framing as the object's content; WHEN_REQUIRED avoids it.
   */
  readonly requestChecksumCalculation: 'WHEN_REQUIRED';
}

export const LOCAL_CREDENTIALS: LocalCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A fresh object each call: SDK clients write into the credentials object they are given. */
export function localClientConfig(endpoint: string, region: string): LocalClientConfig {
  return {
    endpoint,
    region,
    credentials: { ...LOCAL_CREDENTIALS },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  };
}
