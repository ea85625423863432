/** Splits `items` into chunks of at most `size` (AWS's batch limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Follows a token-paged listing to its end. */
export async function paged<T>(
  fetchPage: (token: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.next;
  } while (token !== undefined && token !== '');
  return all;
}
