/** `id` is `<stream>-<sequence>`: the stream names this process's hub, so an id of another is told apart. */
export function messageId(stream: string, sequence: number): string {
  return `${stream}-${sequence}`;
}

/** The sequence of `id` when it is of `stream`, else undefined. */
export function sequenceOf(stream: string, id: string | undefined): number | undefined {
  if (id === undefined) return undefined;
  const prefix = `${stream}-`;
  if (!id.startsWith(prefix)) return undefined;
  const rest = id.slice(prefix.length);
  return /^\d{1,15}$/.test(rest) ? Number(rest) : undefined;
}

/** One SSE message; `data` is one line of JSON (JSON.stringify never writes a raw line break). */
export function sseMessage(id: string, event: string, data: string): Buffer {
  return Buffer.from(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
}

export const HEARTBEAT = Buffer.from(': heartbeat\n\n');
