import { createHash } from 'node:crypto';
import { redactText } from '../redact/index.ts';
import type { OutboxEntry } from '../state/outbox-store.ts';

/** What one delivery carries: one notification, or a digest of those a rate limit folded. */
export type Message =
  | { readonly kind: 'single'; readonly id: string; readonly entry: OutboxEntry }
  | { readonly kind: 'digest'; readonly id: string; readonly entries: readonly OutboxEntry[] };

/** A digest lists this many of its notifications; it counts them all. */
const DIGEST_SAMPLE = 10;

export function single(entry: OutboxEntry): Message {
  return { kind: 'single', id: entry.id, entry };
}

export function digest(entries: readonly OutboxEntry[]): Message {
  const hash = createHash('sha256')
    .update(entries.map((entry) => entry.id).join('\n'))
    .digest('hex');
  return { kind: 'digest', id: `digest-${hash.slice(0, 24)}`, entries };
}

export function entriesOf(message: Message): readonly OutboxEntry[] {
  return message.kind === 'single' ? [message.entry] : message.entries;
}

function describeEntry(entry: OutboxEntry) {
  const [kind, namespace, name] = entry.identity.split('/');
  return {
    id: entry.id,
    reason: entry.reason,
    eventType: entry.type,
    identity: entry.identity,
    ...(namespace === undefined ? {} : { kind, namespace, name }),
    at: entry.at,
    message: redactText(entry.message),
  };
}

/** Counts by reason, in the order first seen. */
function countByReason(entries: readonly OutboxEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.reason] = (counts[entry.reason] ?? 0) + 1;
  return counts;
}

/** The JSON body of a webhook and an SNS message. */
export function jsonBody(message: Message): string {
  if (message.kind === 'single')
    return JSON.stringify({ type: 'notification', ...describeEntry(message.entry) });
  const { entries } = message;
  return JSON.stringify({
    type: 'digest',
    id: message.id,
    count: entries.length,
    from: entries[0]?.at,
    to: entries.at(-1)?.at,
    byReason: countByReason(entries),
    sample: entries.slice(0, DIGEST_SAMPLE).map(describeEntry),
  });
}

/** One line of text: an SNS subject (at most 100 characters) and the Slack fallback. */
export function headline(message: Message): string {
  const line =
    message.kind === 'single'
      ? `${message.entry.reason}: ${message.entry.identity}`
      : `${message.entries.length} notifications folded by the rate limit`;
  return line.slice(0, 100);
}

/** Slack's escaping for text it would read as markup. */
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An incoming-webhook payload: mrkdwn text, with blocks for a readable layout. */
export function slackBody(message: Message): string {
  let text: string;
  if (message.kind === 'single') {
    const { entry } = message;
    const icon = entry.type === 'Warning' ? ':warning:' : ':white_check_mark:';
    text = `${icon} *${entry.reason}* \`${slackEscape(entry.identity)}\`\n${slackEscape(redactText(entry.message))}`;
  } else {
    const counts = Object.entries(countByReason(message.entries))
      .map(([reason, count]) => `${reason} ×${count}`)
      .join(', ');
    const sample = message.entries
      .slice(0, DIGEST_SAMPLE)
      .map((entry) => `• *${entry.reason}* \`${slackEscape(entry.identity)}\``)
      .join('\n');
    const more =
      message.entries.length > DIGEST_SAMPLE ? `\n…and ${message.entries.length - DIGEST_SAMPLE} more` : '';
    text = `:bell: *${message.entries.length} notifications* (folded by the rate limit): ${counts}\n${sample}${more}`;
  }
  return JSON.stringify({
    text: headline(message),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  });
}
