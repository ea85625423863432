/**
 * One operator replica as a child process, for crash and leader-election tests.
 * Reads `SHIPSHAPE_REPLICA` (JSON: `{ config, endpoints }`), runs Shipshape, prints `ready <api url>`.
 */
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log.ts';
import { type Endpoints, startShipshape } from '../../src/runtime/shipshape.ts';

interface ReplicaSpec {
  readonly config: Record<string, string | number | boolean | readonly object[]>;
  readonly endpoints: Endpoints;
}

const raw = process.env.SHIPSHAPE_REPLICA;
if (raw === undefined) throw new Error('SHIPSHAPE_REPLICA is not set');
const spec = JSON.parse(raw) as ReplicaSpec;
const loaded = loadConfig({}, [], spec.config as never);
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const logger = createLogger({
  level: loaded.config.logLevel,
  bindings: { replica: loaded.config.replicaId },
});
const running = await startShipshape(loaded.config, logger, spec.endpoints);
process.stdout.write(`ready ${running.url}\n`);

const stop = async () => {
  await running.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
