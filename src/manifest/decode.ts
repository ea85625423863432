import { type Diagnostic, diagnostic } from './diagnostic.ts';

export type Decoded =
  | { readonly ok: true; readonly content: string }
  | { readonly ok: false; readonly problem: Diagnostic };

// fatal: a byte that is not UTF-8 is an error, never a silent U+FFFD. A leading BOM is dropped.
const strict = new TextDecoder('utf-8', { fatal: true });
const keepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a manifest file from its bytes; bytes that are not UTF-8 are the file's error, at their line and column. */
export function decodeManifest(file: string, bytes: Uint8Array): Decoded {
  try {
    return { ok: true, content: strict.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    return { ok: false, problem: invalidAt(file, bytes, offset) };
  }
}

function invalidAt(file: string, bytes: Uint8Array, offset: number): Diagnostic {
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // What precedes the bad byte on its line is valid: the column counts its characters as the YAML positions do.
  const before = keepingBom.decode(bytes.subarray(lineStart, offset));
  const column = before.length + (line === 1 && before.startsWith('\uFEFF') ? 0 : 1);
  const byte = `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
  return diagnostic('INVALID_UTF8', { place: { file, line, column }, params: { byte } });
}

/** Where the first ill-formed sequence starts (the WHATWG decoder's rules: no overlongs, surrogates or code points past U+10FFFF). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const [length, low, high] = sequenceOf(lead);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** The length of the sequence a lead byte starts, and the range of its second byte; length 0 for a byte that cannot lead. */
function sequenceOf(lead: number): readonly [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}
