import { clientException } from './errors.ts';

/**
 * Task-level cpu and memory as AWS stores them: "0.25 vCPU" becomes "256"
 * (1 vCPU = 1024 units) and "1 GB" becomes "1024" (MiB).
 */
export function normaliseCpu(value: string): string {
  const match = /^\s*(\d+(?:\.\d+)?)\s*vcpu\s*$/i.exec(value);
  if (match?.[1] !== undefined) return String(Math.round(Number(match[1]) * 1024));
  if (/^\s*\d+\s*$/.test(value)) return value.trim();
  throw clientException(`Invalid 'cpu' setting for task.`);
}

export function normaliseMemory(value: string): string {
  const match = /^\s*(\d+(?:\.\d+)?)\s*gb\s*$/i.exec(value);
  if (match?.[1] !== undefined) return String(Math.round(Number(match[1]) * 1024));
  const mib = /^\s*(\d+)\s*(?:mib|mb)?\s*$/i.exec(value);
  if (mib?.[1] !== undefined) return mib[1];
  throw clientException(`Invalid 'memory' setting for task.`);
}

/** Fargate's valid memory (MiB) per task cpu (units), from the AWS docs. */
const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

export function isFargateSize(cpu: string, memory: string): boolean {
  return FARGATE_SIZES.get(Number(cpu))?.includes(Number(memory)) ?? false;
}
