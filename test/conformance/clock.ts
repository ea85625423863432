import { EmulatorControl } from '../../src/emulator/control-client.ts';
import type { RunningTarget, TargetSpec } from './target.ts';

/**
 * Lets time pass on a target: the emulator's manual clock is moved; other targets
 * (moto makes resources ready at once) need nothing.
 */
export async function letTimePass(spec: TargetSpec, target: RunningTarget, ms: number): Promise<void> {
  if (spec.supports('life:clock')) await new EmulatorControl(target.endpoint).advance(ms);
}

/** A name no earlier test on the same running target has used. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
