import type { FastifyReply, FastifyRequest } from 'fastify';

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const tag = part.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The gzip representation's entity tag: another representation, so another strong tag. */
const gzipEtag = (etag: string): string => `${etag.slice(0, -1)}-gzip"`;

/**
 * JSON already serialised, with its ETag; gzip-compressed once when the client takes it; 304
 * without a body when the client has either representation.
 */
export function sendJson(
  request: FastifyRequest,
  reply: FastifyReply,
  served: { readonly body: string | Buffer; readonly etag: string; readonly gzipped?: () => Buffer },
): FastifyReply {
  const gzip = served.gzipped !== undefined && acceptsGzip(request.headers['accept-encoding']);
  const etag = gzip ? gzipEtag(served.etag) : served.etag;
  // no-cache: caches may keep it but must ask again, which costs a 304 when nothing changed.
  reply.header('etag', etag).header('cache-control', 'no-cache');
  if (served.gzipped !== undefined) reply.header('vary', 'accept-encoding');
  const header = request.headers['if-none-match'];
  if (noneMatch(header, served.etag) || noneMatch(header, gzipEtag(served.etag))) {
    return reply.code(304).send();
  }
  reply.type('application/json; charset=utf-8');
  if (gzip && served.gzipped !== undefined)
    return reply.header('content-encoding', 'gzip').send(served.gzipped());
  return reply.send(served.body);
}
