/** Answers shared by the reads of one look, so that two kinds needing the same listing make it once. */
export class ReadMemo {
  readonly #answers = new Map<string, Promise<unknown>>();

  /** The answer of `read` for `key`, read at most once per memo; a failed read is not kept. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const known = this.#answers.get(key);
    if (known !== undefined) return known as Promise<T>;
    const answer = read();
    this.#answers.set(key, answer);
    answer.catch(() => this.#answers.delete(key));
    return answer;
  }
}
