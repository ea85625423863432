import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-shipshape-signature';
export const TIMESTAMP_HEADER = 'x-shipshape-timestamp';
export const DELIVERY_HEADER = 'x-shipshape-delivery';

/** `sha256=<hex>`: HMAC-SHA256 of `<timestamp>.<body>`, so a captured body cannot be replayed with a new time. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does with the two headers; constant time. */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
