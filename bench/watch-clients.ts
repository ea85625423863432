/**
 * `node --import tsx bench/watch-clients.ts <url> <count>`, forked by bench/watch-cost.ts: holds
 * `count` GET /watch streams and counts their `event` messages, in a process of its own so the
 * clients' parsing is not charged to the API's event loop (browsers run elsewhere too).
 */
import { request } from 'node:http';

const EVENT_LINE = Buffer.from('event: event\n');
const [url = '', countArg = '0'] = process.argv.slice(2);
const counts: number[] = [];
const requests: Array<ReturnType<typeof request>> = [];

function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let carry: Buffer = Buffer.alloc(0);
    counts[index] = 0;
    const req = request(`${url}/watch`, (response) => {
      // Bytes, not text: decoding and splitting would cost this process more than the API's writes.
      response.on('data', (chunk: Buffer) => {
        const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
        let found = 0;
        for (
          let at = bytes.indexOf(EVENT_LINE);
          at >= 0;
          at = bytes.indexOf(EVENT_LINE, at + EVENT_LINE.length)
        ) {
          found += 1;
        }
        counts[index] = (counts[index] ?? 0) + found;
        carry = bytes.subarray(Math.max(0, bytes.length - (EVENT_LINE.length - 1)));
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
  if (message === 'count')
    process.send?.({ least: Math.min(...counts), total: counts.reduce((a, b) => a + b, 0) });
  if (message === 'close') {
    for (const req of requests) req.destroy();
    process.disconnect();
  }
});
