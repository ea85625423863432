/**
 * `node --import tsx bench/watch-stream-clients.ts <url> <count>`, forked by bench/watch-converge.ts:
 * holds `count` GET /watch streams and counts their messages by type (`status`, `event`, ...), in a
 * process of its own so the clients' reading is not charged to the operator's event loop.
 */
import { request } from 'node:http';
import { StringDecoder } from 'node:string_decoder';

const [url = '', countArg = '0'] = process.argv.slice(2);
/** Per client, messages by their `event:` field. */
const counts: Array<Record<string, number>> = [];
const requests: Array<ReturnType<typeof request>> = [];

function open(index: number): Promise<void> {
  const mine: Record<string, number> = {};
  counts[index] = mine;
  return new Promise((resolve, reject) => {
    const req = request(`${url}/watch`, (response) => {
      const decoder = new StringDecoder('utf8');
      let partial = '';
      response.on('data', (chunk: Buffer) => {
        const lines = (partial + decoder.write(chunk)).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('event: ')) continue;
          const type = line.slice('event: '.length);
          mine[type] = (mine[type] ?? 0) + 1;
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
    requests.push(req);
  });
}

await Promise.all(Array.from({ length: Number(countArg) }, (_, index) => open(index)));
process.send?.({ connected: counts.length });
process.on('message', (message: unknown) => {
  if (message === 'count') process.send?.(counts);
  if (message === 'close') {
    for (const req of requests) req.destroy();
    process.disconnect();
  }
});
