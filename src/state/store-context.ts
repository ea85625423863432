import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from './clock.ts';
import type { FencedWriter } from './fenced-writer.ts';
import type { ItemKey } from './keys.ts';

/** What every part of the state store shares. */
export interface StoreContext {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  readonly writer: FencedWriter;
  readonly clock: Clock;
  /** The operator item this store reads and writes. */
  readonly operatorKey: ItemKey;
}
