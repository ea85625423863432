/** An error answered in the calling protocol's own error format. */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** true for the client's fault (4xx), false for the server's (5xx). */
  readonly senderFault: boolean;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
    this.senderFault = status < 500;
  }
}

export function isAwsError(error: unknown): error is AwsError {
  return error instanceof AwsError;
}
