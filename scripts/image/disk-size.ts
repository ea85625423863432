import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bytes of the files under `folder` (symbolic links not followed) that `counted` keeps.
 * Nested `node_modules` are left out when `skipNested` is set: npm installs them as packages of
 * their own.
 */
export function diskSize(
  folder: string,
  skipNested = false,
  counted: (fileName: string) => boolean = () => true,
): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!(skipNested && entry.name === 'node_modules')) total += diskSize(path, skipNested, counted);
    } else if (counted(entry.name)) {
      total += lstatSync(path).size;
    }
  }
  return total;
}
