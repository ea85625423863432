export interface RingMessage {
  readonly sequence: number;
  readonly bytes: Buffer;
}

/** The latest messages, at most `maxMessages` and about `maxBytes`, to resume a stream from. */
export class MessageRing {
  readonly #maxMessages: number;
  readonly #maxBytes: number;
  #messages: RingMessage[] = [];
  #head = 0;
  #bytes = 0;
  /** The lowest sequence a client may have seen last and still be resumed. */
  #resumableFrom: number;

  constructor(maxMessages: number, maxBytes: number, sequence: number) {
    this.#maxMessages = maxMessages;
    this.#maxBytes = maxBytes;
    this.#resumableFrom = sequence;
  }

  push(message: RingMessage): void {
    this.#messages.push(message);
    this.#bytes += message.bytes.length;
    while (
      this.#messages.length - this.#head > 1 &&
      (this.#messages.length - this.#head > this.#maxMessages || this.#bytes > this.#maxBytes)
    ) {
      const old = this.#messages[this.#head];
      if (old === undefined) break;
      this.#bytes -= old.bytes.length;
      this.#resumableFrom = old.sequence;
      this.#head += 1;
    }
    // Compacted now and then, so a full ring does not shift its array on every message.
    if (this.#head > this.#maxMessages) {
      this.#messages = this.#messages.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Nothing before `sequence` can be resumed (messages were missed there). */
  cut(sequence: number): void {
    this.#messages = [];
    this.#head = 0;
    this.#bytes = 0;
    this.#resumableFrom = sequence;
  }

  /** The messages after `seen`, or undefined when some of them are gone. */
  after(seen: number, latest: number): RingMessage[] | undefined {
    if (seen < this.#resumableFrom || seen > latest) return undefined;
    return this.#messages.slice(this.#head).filter((message) => message.sequence > seen);
  }
}
