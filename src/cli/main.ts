import { exitOnPortInUse } from '../port-in-use.ts';
import { dispatch } from './dispatch.ts';

process.exitCode = await dispatch(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).catch(exitOnPortInUse('shipshape', 'bin/shipshape.js'));
