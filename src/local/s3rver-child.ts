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

/**
 * s3rver 3.7.1 ignores If-Match / If-None-Match on PutObject. The program wraps its PutObject
 * controller (routes.js calls it through the module's exports, after the signature check and the
 * bucket check) so that a conditional PUT is answered as S3 answers it: 412 PreconditionFailed
 * when If-Match names another ETag or If-None-Match: * finds an object, 404 NoSuchKey when If-Match
 * finds none, 501 NotImplemented for an If-None-Match other than *. Conditional PUTs of one key run
 * one at a time, so two with the same If-Match cannot both win. Copies, multipart uploads and
 * unconditional PUTs are unchanged.
 */
const CONDITIONAL_PUT = `
const objectController = require(path.join(path.dirname(settings.modulePath), 'controllers', 'object.js'));
const S3Error = require(path.join(path.dirname(settings.modulePath), 'models', 'error.js'));
const unconditionalPut = objectController.putObject;
const conditionalTails = new Map();
const unquoted = (etag) => etag.trim().replace(/^"(.*)"$/, '$1');
const currentEtag = async (store, bucket, key) => {
  try {
    return (await store.getMetadata(bucket, key)).etag;
  } catch (error) {
    if (error && error.code === 'ENOENT') return undefined;
    throw error;
  }
};
const checkPreconditions = async (ctx) => {
  const ifMatch = ctx.headers['if-match'];
  const ifNoneMatch = ctx.headers['if-none-match'];
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'If-None-Match' });
  }
  const etag = await currentEtag(ctx.store, ctx.params.bucket, ctx.params.key);
  if (ifMatch !== undefined) {
    if (etag === undefined) throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: ctx.params.key });
    if (ifMatch.trim() !== '*' && unquoted(ifMatch) !== unquoted(etag)) {
      throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-Match' });
    }
  }
  if (ifNoneMatch !== undefined && etag !== undefined) {
    throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-None-Match' });
  }
};
objectController.putObject = async function conditionalPutObject(ctx) {
  if (ctx.headers['if-match'] === undefined && ctx.headers['if-none-match'] === undefined) {
    return unconditionalPut(ctx);
  }
  const id = ctx.params.bucket + '/' + ctx.params.key;
  const before = conditionalTails.get(id) || Promise.resolve();
  let release;
  const mine = new Promise((resolve) => {
    release = resolve;
  });
  const tail = before.then(() => mine);
  conditionalTails.set(id, tail);
  try {
    await before;
    await checkPreconditions(ctx);
    return await unconditionalPut(ctx);
  } finally {
    release();
    if (conditionalTails.get(id) === tail) conditionalTails.delete(id);
  }
};
`;

export const S3RVER_CHILD_PROGRAM = `
const path = require('node:path');
const settings = JSON.parse(process.env.${S3RVER_CHILD_SETTINGS_VARIABLE});
const S3rver = require(settings.modulePath);
const { DUMMY_ACCOUNT } = require(path.join(path.dirname(settings.modulePath), 'models', 'account.js'));
DUMMY_ACCOUNT.createKeyPair(settings.accessKeyId, settings.secretAccessKey);
${CONDITIONAL_PUT}
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
