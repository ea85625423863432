/**
 * `node <dist>/serve-child.js <dist>`: the built operator (JavaScript compiled by `npm run build`
 * into <dist>), started as `serve` starts it, with the local DynamoDB and S3 endpoints the bench
 * gives in BENCH_DYNAMODB and BENCH_S3 and every other setting from the environment. The bench
 * compiles this file beside the build, so the process loads JavaScript only, as the image does.
 * Writes one JSON line `{"url": ...}` to file descriptor 3 once the API listens; SIGTERM stops it.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Runtime = typeof import('../src/runtime/shipshape.ts');
type ConfigModule = typeof import('../src/config/index.ts');
type LogModule = typeof import('../src/log.ts');

const dist = process.argv[2] ?? '';
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(dist, path)).href) as Promise<T>;
const { startShipshape } = await load<Runtime>('runtime/shipshape.js');
const { loadConfig } = await load<ConfigModule>('config/index.js');
const { createLogger } = await load<LogModule>('log.js');

const loaded = loadConfig(process.env, []);
if (!loaded.ok) {
  process.stderr.write(`${loaded.errors.join('\n')}\n`);
  process.exit(2);
}
const running = await startShipshape(loaded.config, createLogger({ level: loaded.config.logLevel }), {
  dynamodb: process.env.BENCH_DYNAMODB ?? '',
  s3: process.env.BENCH_S3 ?? '',
  // dynalite has no transactions.
  fenceMode: 'check-then-write',
});
// File descriptor 3 is the bench's: standard output carries the operator's own log lines.
writeSync(3, `${JSON.stringify({ url: running.url })}\n`);
process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
