import { parseArgs } from 'node:util';
import { startEmulator } from './server.ts';

/** `npm run emulator`: the emulator alone, for the AWS CLI or any SDK. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    throttling: { type: 'boolean', default: false },
  },
});

const running = await startEmulator({
  host: values.host,
  port: Number(values.port),
  clock: 'real',
  throttling: values.throttling,
});
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
