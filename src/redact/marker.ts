/** What a redacted value, or the redacted part of a string, becomes. */
export const REDACTED = '(redacted)';
