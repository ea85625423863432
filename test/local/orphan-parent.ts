// Run as a child by the orphan tests: starts one local server, prints its endpoint, then waits to be killed.

import { startLocalS3 } from '../../src/local/s3.ts';
import { motoTarget } from '../conformance/targets/moto.ts';

const which = process.argv[2];
const server = which === 'moto' ? await motoTarget.start() : await startLocalS3();
const directory = 'directory' in server ? server.directory : '';
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, directory })}\n`);
setInterval(() => undefined, 60_000);
