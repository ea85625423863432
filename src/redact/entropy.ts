import { REDACTED } from './marker.ts';

/** The shortest run that can be judged random: shorter tokens are too common to judge. */
export const RANDOM_MIN_LENGTH = 20;
/** Shannon entropy per character of the run, in bits (random base62 of 20 characters: about 4.0). */
export const RANDOM_MIN_BITS = 3.8;
/** Share of neighbouring letters and digits that change class (lower, upper, digit); random text: about 0.6. */
export const RANDOM_MIN_SWITCHES = 0.4;

/** A run of base64 / base64url / hex characters: what a generated key or token is made of. */
const RUN = /[A-Za-z0-9+/=_-]+/g;
/** ARNs name things (a Secrets Manager ARN names a secret, it is not one): never judged. */
const ARN = /arn:[A-Za-z0-9-]+:[^\s"',;]*/g;

function bitsPerChar(run: string): number {
  const counts = new Map<string, number>();
  for (const char of run) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / run.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function classOf(char: string): number {
  if (char >= 'a' && char <= 'z') return 0;
  if (char >= 'A' && char <= 'Z') return 1;
  return 2;
}

/** English CamelCase (`ELBSecurityPolicy-TLS13-1-2-2021-06`) changes class at word edges only. */
function switchRate(run: string): number {
  const alnum = run.replace(/[^A-Za-z0-9]/g, '');
  let switches = 0;
  for (let i = 1; i < alnum.length; i += 1) {
    if (classOf(alnum[i] ?? '') !== classOf(alnum[i - 1] ?? '')) switches += 1;
  }
  return alnum.length < 2 ? 0 : switches / (alnum.length - 1);
}

const countOf = (run: string, pattern: RegExp): number => run.match(pattern)?.length ?? 0;

/**
 * Whether a run of characters looks generated: long, high in entropy, and mixing at least two
 * upper-case letters, two lower-case letters and a digit the way random text does. Hex
 * (digests, task ids), single-case ids (`subnet-0e1f...`, `AKIA...`) and CamelCase names never
 * qualify.
 */
export function looksRandom(run: string): boolean {
  return (
    run.length >= RANDOM_MIN_LENGTH &&
    countOf(run, /[A-Z]/g) >= 2 &&
    countOf(run, /[a-z]/g) >= 2 &&
    countOf(run, /[0-9]/g) >= 1 &&
    bitsPerChar(run) >= RANDOM_MIN_BITS &&
    switchRate(run) >= RANDOM_MIN_SWITCHES
  );
}

/** `text` with every run that looks generated replaced, ARNs left whole. */
export function redactRandom(text: string): string {
  let out = '';
  let at = 0;
  for (const arn of text.matchAll(ARN)) {
    out += redactRuns(text.slice(at, arn.index)) + arn[0];
    at = arn.index + arn[0].length;
  }
  return out + redactRuns(text.slice(at));
}

function redactRuns(text: string): string {
  return text.replace(RUN, (run) => (looksRandom(run) ? REDACTED : run));
}
