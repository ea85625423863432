import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';
import { type FidelityCase, loadCases } from './case.ts';
import { asJson, mismatches } from './match.ts';
import { FidelityClients } from './send.ts';
import { substitute, valueAt } from './substitute.ts';

const cases = loadCases();

/** Runs the case's setup and its own call on a fresh emulator with the case's account and region. */
async function answerOf(fidelityCase: FidelityCase, running: RunningEmulator): Promise<unknown> {
  const clients = new FidelityClients(running.endpoint, fidelityCase.region);
  const control = new EmulatorControl(running.endpoint);
  const saved = new Map<string, string>();
  try {
    for (const step of fidelityCase.setup) {
      if ('advanceSeconds' in step) {
        await control.advance(step.advanceSeconds * 1000);
        continue;
      }
      const service = step.service ?? fidelityCase.service;
      const answer = await clients.send(
        service,
        step.operation,
        substitute(step.input, saved) as Record<string, unknown>,
      );
      for (const [name, path] of Object.entries(step.save)) {
        const value = valueAt(answer, path);
        if (typeof value !== 'string')
          throw new Error(`setup ${step.operation} answered no string at ${path}`);
        saved.set(name, value);
      }
    }
    const input = substitute(fidelityCase.input, saved) as Record<string, unknown>;
    return asJson(await clients.send(fidelityCase.service, fidelityCase.operation, input));
  } finally {
    clients.destroy();
  }
}

describe('the emulator answers as AWS documents', () => {
  let running: RunningEmulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const fidelityCase of cases) {
    it(`${fidelityCase.service}:${fidelityCase.operation}: ${fidelityCase.title} (${fidelityCase.file})`, async () => {
      running = await startEmulator({ accountId: fidelityCase.account, defaultRegion: fidelityCase.region });
      const answer = await answerOf(fidelityCase, running);
      expect(mismatches(fidelityCase.published, answer, fidelityCase), fidelityCase.source).toEqual([]);
    });
  }
});
