import { loadConfig } from '../config/index.ts';
import { createLogger } from '../log.ts';
import { startShipshape } from '../runtime/shipshape.ts';
import { type Command, USAGE_ERROR } from './command.ts';
import { waitForShutdown } from './shutdown.ts';

const USAGE = `usage: shipshape serve [flags]

Runs the operator: reads the source, converges AWS, serves the API. Every setting comes from the
environment or a flag (docs/CONFIGURATION.md); all are checked at start and every problem is listed.
Credentials and region come from the standard AWS chain; AWS_ENDPOINT_URL is honoured.`;

export const serveCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const loaded = loadConfig(process.env, args);
    if (!loaded.ok) {
      io.stderr(
        `shipshape serve: the configuration is invalid:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`,
      );
      return USAGE_ERROR;
    }
    const { config } = loaded;
    const logger = createLogger({ level: config.logLevel, bindings: { replica: config.replicaId } });
    const running = await startShipshape(config, logger);
    await waitForShutdown(async (signal) => {
      logger.info({ signal }, 'shutting down: finishing in-flight work and releasing the lease');
      await running.close();
    });
    return 0;
  },
};
