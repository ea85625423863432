import dynalite from 'dynalite';
import { closeServer, listen } from './listen.ts';

export interface LocalDynamoDbOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /**
   * How long a table stays CREATING / DELETING / UPDATING, in ms. Default 0, so tests need not wait;
   * code that creates tables should still wait for ACTIVE (as against AWS).
   */
  readonly tableStateMs?: number;
}

export interface LocalDynamoDb {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite in this process, in memory.
 * dynalite 4 does not implement UpdateTimeToLive (DescribeTimeToLive always answers DISABLED)
 * nor the Transact* and PartiQL operations: they answer UnknownOperationException.
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const host = options.host ?? '127.0.0.1';
  const stateMs = options.tableStateMs ?? 0;
  const server = dynalite({ createTableMs: stateMs, deleteTableMs: stateMs, updateTableMs: stateMs });
  const port = await listen(server, host, options.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    close: () => {
      closing ??= closeServer(server);
      return closing;
    },
  };
}
