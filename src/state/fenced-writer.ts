import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { FencedOut } from './fenced-out.ts';
import { type FencedWrite, toWriteRequest, type WriteRequest } from './fenced-write.ts';
import { leaseKey } from './keys.ts';
import { LEASE_TOKEN_ATTRIBUTE } from './lease-item.ts';

/**
 * How a write proves that its token is still the lease's:
 * - `transaction`: TransactWriteItems with a ConditionCheck on the lease item, atomic (DynamoDB,
 *   moto, LocalStack);
 * - `check-then-write`: a consistent read of the lease, then the write. For DynamoDB
 *   implementations without transactions (dynalite). A writer paused between the two steps for
 *   longer than the lease could land one write on an item the new leader has not written yet;
 *   items the new leader has written are still protected by the per-item fence condition.
 */
export type FenceMode = 'transaction' | 'check-then-write';

export interface FencedWriterOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  readonly leaseName: string;
  readonly mode: FenceMode;
}

/** DynamoDB allows 100 actions a transaction; one of them is the lease check. */
const WRITES_PER_TRANSACTION = 99;

export class FencedWriter {
  readonly #options: FencedWriterOptions;

  constructor(options: FencedWriterOptions) {
    this.#options = options;
  }

  /** Applies the writes in order; throws FencedOut when `token` is not the lease's. */
  async write(token: number, writes: readonly FencedWrite[]): Promise<void> {
    if (writes.length === 0) return;
    if (this.#options.mode === 'transaction') {
      for (let start = 0; start < writes.length; start += WRITES_PER_TRANSACTION) {
        await this.#transact(token, writes.slice(start, start + WRITES_PER_TRANSACTION));
      }
      return;
    }
    await this.#checkLease(token);
    for (const write of writes) await this.#writeOne(token, write);
  }

  async #transact(token: number, writes: readonly FencedWrite[]): Promise<void> {
    const { doc, table, leaseName } = this.#options;
    const leaseCheck = {
      ConditionCheck: {
        TableName: table,
        Key: leaseKey(leaseName),
        ConditionExpression: '#token = :token',
        ExpressionAttributeNames: { '#token': LEASE_TOKEN_ATTRIBUTE },
        ExpressionAttributeValues: { ':token': token },
      },
    };
    const items = writes.map((write) => {
      const request = { TableName: table, ...toWriteRequest(write, token) };
      if (write.kind === 'put') return { Put: { ...request, Item: request.Item ?? {} } };
      if (write.kind === 'delete') return { Delete: { ...request, Key: write.key } };
      return { Update: { ...request, Key: write.key, UpdateExpression: request.UpdateExpression ?? '' } };
    });
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: [leaseCheck, ...items] }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [lease, ...rest] = error.CancellationReasons ?? [];
        if (lease?.Code === 'ConditionalCheckFailed') {
          throw new FencedOut(token, 'the lease has a different fencing token', { cause: error });
        }
        if (rest.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
          throw new FencedOut(token, 'a writer with a newer token already wrote the item', { cause: error });
        }
      }
      throw error;
    }
  }

  async #checkLease(token: number): Promise<void> {
    const { doc, table, leaseName } = this.#options;
    const read = await doc.send(
      new GetCommand({ TableName: table, Key: leaseKey(leaseName), ConsistentRead: true }),
    );
    const current: unknown = read.Item?.[LEASE_TOKEN_ATTRIBUTE];
    if (current !== token) {
      throw new FencedOut(token, `the lease's fencing token is ${String(current ?? 'absent')}`);
    }
  }

  async #writeOne(token: number, write: FencedWrite): Promise<void> {
    const { doc, table } = this.#options;
    const request: WriteRequest & { TableName: string } = {
      TableName: table,
      ...toWriteRequest(write, token),
    };
    try {
      if (write.kind === 'put') await doc.send(new PutCommand({ ...request, Item: request.Item ?? {} }));
      else if (write.kind === 'delete') await doc.send(new DeleteCommand({ ...request, Key: write.key }));
      else await doc.send(new UpdateCommand({ ...request, Key: write.key }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new FencedOut(token, 'a writer with a newer token already wrote the item', { cause: error });
      }
      throw error;
    }
  }
}
