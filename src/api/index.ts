export { tokenMatches } from './bearer-token.ts';
export { buildApi } from './build-api.ts';
export type { ApiDeps, OperatorActions, StatusReader } from './deps.ts';
export { REDACTED_PATHS } from './logger.ts';
export {
  type AwsCallOutcome,
  createMetrics,
  type LoopReadings,
  type MetricsSource,
  recordAwsCall,
  recordDriftDetected,
  recordRateGateWait,
  recordReconcile,
  setResourceCounts,
  setRevisionInForce,
} from './metrics.ts';
export { type ApiPlan, type ApiPlannedChange, toApiPlan } from './plan-view.ts';
