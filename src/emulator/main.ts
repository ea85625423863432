import { parseArgs } from 'node:util';
import { exitOnPortInUse, listenNamingBusyPort } from '../port-in-use.ts';
import { startEmulator } from './server.ts';

/** `npm run emulator`: the emulator alone, for the AWS CLI or any SDK. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    throttling: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const running = await listenNamingBusyPort(
  startEmulator({ host: values.host, port, clock: 'real', throttling: values.throttling }),
  { host: values.host, port, flag: '--port' },
).catch(exitOnPortInUse('shipshape emulator', 'bin/emulator.js'));
process.stdout.write(
  `Shipshape AWS emulator (ECS, ELBv2, EFS, Cloud Map, Application Auto Scaling) listening on ${running.endpoint}\n` +
    `  aws --endpoint-url ${running.endpoint} --region us-east-1 ecs list-clusters\n` +
    `  control endpoint: ${running.endpoint}/_emulator/ (requests, faults, clock, reset)\n`,
);
const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
