export type { Message } from './message.ts';
export { Notifier, type NotifierOptions } from './notifier.ts';
export type { NotificationReason } from './reasons.ts';
export { DEFAULT_PACING, type Pacing } from './receiver-worker.ts';
export { DELIVERY_HEADER, SIGNATURE_HEADER, sign, TIMESTAMP_HEADER, verifySignature } from './signature.ts';
export { type SnsSettings, transportFor } from './transports.ts';
