import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCases } from './case.ts';
import { providerCalls } from './provider-calls.ts';
import { commandClass } from './send.ts';

describe('the fidelity suite covers the providers', () => {
  const calls = providerCalls();
  const covered = new Set(
    loadCases().map((fidelityCase) => `${fidelityCase.service}:${fidelityCase.operation}`),
  );

  it('finds the calls the providers make', () => {
    expect(calls.has('ecs:CreateService')).toBe(true);
    expect(calls.has('elbv2:CreateTargetGroup')).toBe(true);
    expect(calls.size).toBeGreaterThan(60);
  });

  it('has a published-response case for every call the providers make', () => {
    expect([...calls].filter((call) => !covered.has(call)).sort()).toEqual([]);
  });

  it('answers from the model only where test/README.md says no AWS page prints an answer', () => {
    const sources = new Map<string, string[]>();
    for (const fidelityCase of loadCases()) {
      const call = `${fidelityCase.service}:${fidelityCase.operation}`;
      sources.set(call, [...(sources.get(call) ?? []), fidelityCase.source]);
    }
    const modelOnly = [...sources].filter(([, list]) => list.every((source) => source.startsWith('model:')));
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const silent = readme.slice(readme.indexOf('### Where both are silent'));
    expect(
      modelOnly.map(([call]) => call).filter((call) => !silent.includes(call.split(':')[1] ?? '')),
    ).toEqual([]);
  });

  it('names only operations the SDK has', () => {
    const unknown = loadCases().filter(
      (fidelityCase) => commandClass(fidelityCase.service, fidelityCase.operation) === undefined,
    );
    expect(unknown.map((fidelityCase) => fidelityCase.file)).toEqual([]);
  });
});
