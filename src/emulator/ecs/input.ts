import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import { nameOf } from './arns.ts';
import { clusterNotFound, invalidParameter } from './errors.ts';
import { type Cluster, ECS_STATE, type EcsState } from './state.ts';

export function reader(input: JsonObject): InputReader {
  return new InputReader(input, invalidParameter);
}

export function stateOf(context: RequestContext): EcsState {
  return context.world.get(ECS_STATE);
}

/** The ACTIVE cluster a `cluster` member names (name or ARN; `default` when absent). */
export function activeCluster(state: EcsState, reference: string | undefined): Cluster {
  const cluster = state.clusters.get(nameOf(reference ?? 'default'));
  if (cluster === undefined || cluster.status !== 'ACTIVE') throw clusterNotFound();
  return cluster;
}

/** maxResults as ECS list calls take it: 1-100, with a per-call default. */
export function maxResults(input: InputReader, fallback: number): number {
  const value = input.number('maxResults');
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw invalidParameter('maxResults must be between 1 and 100.');
  }
  return value;
}
