/** awsJson timestamps are epoch seconds, as numbers. */
export const toSeconds = (ms: number): number => ms / 1000;
