export { redactArgs } from './args.ts';
export { type DriftLike, type DriftSides, redactDeep, redactDrift, redactDriftEntry } from './drift.ts';
export { looksRandom, RANDOM_MIN_BITS, RANDOM_MIN_LENGTH, RANDOM_MIN_SWITCHES } from './entropy.ts';
export { REDACTED } from './marker.ts';
export { isSecretName } from './names.ts';
export { redactText } from './text.ts';
export { redactValue } from './value.ts';
