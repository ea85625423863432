import type { JsonObject } from '../../diff/index.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import type { ObservedResource, RefNamer } from '../types.ts';

/**
 * A ScalingPolicy spec: its settings, and the scalable target it is on by reference (the only way
 * a policy names it). Its Retain mark is Shipshape's, like the ownership tags: left out.
 */
export function scalingPolicyToSpec(observed: ObservedResource, refs: RefNamer): JsonObject {
  const target = refs.refOf('ScalableTarget', observed.ids.targetArn ?? '');
  const { deletionPolicy: _mark, ...state } = observed.state;
  return {
    ...(target === undefined ? {} : { scalableTargetRef: target }),
    ...settingsToSpec({ ...observed, state }, refs),
  };
}
