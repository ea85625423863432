import { chunks } from '../batch.ts';

/** DescribeLoadBalancers and DescribeTargetGroups take up to 20 names a call. */
export const NAMES_BATCH = 20;

/**
 * Describes resources by name, 20 a call. AWS fails the whole call when one
 * name is unknown, so a batch that fails that way is asked again name by name
 * and the unknown ones are left out.
 */
export async function describeByNames<T>(
  names: readonly string[],
  describe: (batch: string[]) => Promise<T[]>,
  isNotFound: (error: unknown) => boolean,
): Promise<T[]> {
  const found: T[] = [];
  for (const batch of chunks([...new Set(names)], NAMES_BATCH)) {
    try {
      found.push(...(await describe(batch)));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      for (const name of batch) {
        try {
          found.push(...(await describe([name])));
        } catch (single) {
          if (!isNotFound(single)) throw single;
        }
      }
    }
  }
  return found;
}
