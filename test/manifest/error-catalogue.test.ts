import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, formatMessage, ShipshapeError } from '../../src/errors.ts';

const doc = readFileSync(new URL('../../docs/ERRORS.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^### (\S+) (\S+)$/gm)].map(([, code, name]) => `${code} ${name}`);

describe('error catalogue', () => {
  it('documents every code in docs/ERRORS.md, and nothing else', () => {
    const catalogued = Object.entries(errorCatalogue).map(([name, entry]) => `${entry.code} ${name}`);
    expect([...documented].sort()).toEqual([...catalogued].sort());
  });

  it('never gives two errors the same code', () => {
    const codes = Object.values(errorCatalogue).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('fills message templates and leaves a missing parameter visible', () => {
    expect(formatMessage('UNKNOWN_FIELD', { field: 'desiredCont' })).toBe('unknown field "desiredCont"');
    expect(formatMessage('UNKNOWN_FIELD')).toBe('unknown field "{field}"');
  });

  it('carries code and disposition on a thrown ShipshapeError', () => {
    const error = new ShipshapeError('SOURCE_UNREADABLE', { what: 'manifests/', reason: 'ENOENT' });
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.disposition, error.message]).toEqual([
      'SS100',
      'retry',
      'cannot read manifests/: ENOENT',
    ]);
  });
});
