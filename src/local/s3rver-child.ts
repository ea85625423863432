/**
 * The program run in the child Node process that hosts s3rver (CommonJS, given to `node -e`).
 * It reads its settings from the environment variable named below, prints {"port": N} on one
 * line once listening, and stops, removing its folder, when its stdin ends (the parent closed it, or died).
 */
export const S3RVER_CHILD_SETTINGS_VARIABLE = 'SHIPSHAPE_LOCAL_S3_SETTINGS';

export interface S3rverChildSettings {
  readonly modulePath: string;
  readonly host: string;
  readonly port: number;
  readonly directory: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly buckets: readonly string[];
}

export const S3RVER_CHILD_PROGRAM = `
const path = require('node:path');
const settings = JSON.parse(process.env.${S3RVER_CHILD_SETTINGS_VARIABLE});
const S3rver = require(settings.modulePath);
const { DUMMY_ACCOUNT } = require(path.join(path.dirname(settings.modulePath), 'models', 'account.js'));
DUMMY_ACCOUNT.createKeyPair(settings.accessKeyId, settings.secretAccessKey);
const server = new S3rver({
  address: settings.host,
  port: settings.port,
  silent: true,
  directory: settings.directory,
  configureBuckets: settings.buckets.map((name) => ({ name, configs: [] })),
});
// Nothing is kept on stop, so no graceful close is needed. The folder goes here too, for when
// the parent died without removing it.
const stop = () => {
  require('node:fs').rmSync(settings.directory, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
server.run().then(
  (address) => {
    process.stdout.write(JSON.stringify({ port: address.port }) + '\\n');
  },
  (error) => {
    process.stderr.write(String(error && error.stack ? error.stack : error));
    process.exit(1);
  },
);
process.on('SIGTERM', stop);
`;
