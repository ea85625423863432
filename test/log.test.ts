import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from '../src/log.ts';

const TOKEN = 'tok-3f9a8b7c6d5e4f3a2b1c';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines, text };
}

describe('createLogger', () => {
  it('writes JSON lines with a level label and the bindings of a child', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, bindings: { replica: 'r1' } });
    logger.child({ resource: 'Service/app/web' }).info({ revision: 'abc' }, 'applied');
    const [line] = out.lines();
    expect(line).toMatchObject({
      level: 'info',
      msg: 'applied',
      replica: 'r1',
      resource: 'Service/app/web',
      revision: 'abc',
    });
  });

  it('never writes a token, wherever it is put', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, level: 'debug' });
    logger.info({ config: { apiToken: TOKEN, workers: 4 } }, 'configuration');
    logger.info(
      { req: { method: 'POST', url: '/sync', headers: { authorization: `Bearer ${TOKEN}` } } },
      'request',
    );
    logger.warn({ token: TOKEN, nested: [{ clientSecret: TOKEN, password: TOKEN }] }, 'odd');
    logger.debug(`refused header Bearer ${TOKEN}`);
    logger.child({ authorization: `Bearer ${TOKEN}` }).info('child');
    logger.error({ detail: { secretAccessKey: TOKEN, sessionToken: TOKEN } }, 'credentials');
    const lines = out.lines();
    expect(lines).toHaveLength(6);
    expect(out.text()).not.toContain(TOKEN);
    expect(lines[0]).toMatchObject({ config: { apiToken: REDACTED, workers: 4 } });
    expect(lines[1]).toMatchObject({ req: { headers: { authorization: REDACTED } } });
    expect(lines[3]?.msg).toBe(`refused header Bearer ${REDACTED}`);
  });

  it('keeps counters whose names merely end in Token', () => {
    const out = capture();
    createLogger({ destination: out.stream }).info({ fencingToken: 7, nextToken: 'page-2' }, 'lease');
    expect(out.lines()[0]).toMatchObject({ fencingToken: 7, nextToken: 'page-2' });
  });

  it('leaves class instances to the serializers instead of walking them', () => {
    const out = capture();
    createLogger({ destination: out.stream }).error({ err: new Error('boom') }, 'failed');
    expect(out.lines()[0]).toMatchObject({ err: { type: 'Error', message: 'boom' } });
  });
});
