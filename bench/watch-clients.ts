/**
 * `node --import tsx bench/watch-clients.ts <url> <count>`, forked by bench/watch-cost.ts: holds
 * `count` GET /watch streams and counts their `event` messages, in a process of its own so the
 * clients' parsing is not charged to the API's event loop (browsers run elsewhere too).
 */
import { request } from 'node:http';

const EVENT_LINE = 'event: event\n';
const [url = '', countArg = '0'] = process.argv.slice(2);
const counts: number[] = [];
const requests: Array<ReturnType<typeof request>> = [];

function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let carry = '';
    counts[index] = 0;
    const req = request(`${url}/watch`, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const text = carry + chunk;
        counts[index] = (counts[index] ?? 0) + text.split(EVENT_LINE).length - 1;
        carry = text.slice(-(EVENT_LINE.length - 1));
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
