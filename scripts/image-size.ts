// Prints what the image adds to its Node base: the production packages and dist/, against the budget.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMAGE_BUDGET_BYTES } from './image/budget.ts';
import { buildDistIntoTemp } from './image/build-dist.ts';
import { imageBytes, imageContents } from './image/contents.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const imageRoot = buildDistIntoTemp(root);
try {
  const contents = imageContents(root, imageRoot);
  const { packageBytes, distBytes } = imageBytes(root, imageRoot, contents.packages);
  const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  process.stdout.write(
    [
      `production packages  ${contents.packages.size}, ${megabytes(packageBytes)}`,
      `dist/                ${contents.distFiles.length} files, ${megabytes(distBytes)}`,
      `total                ${megabytes(packageBytes + distBytes)} (budget ${megabytes(IMAGE_BUDGET_BYTES)})`,
      '',
    ].join('\n'),
  );
  process.exitCode = packageBytes + distBytes > IMAGE_BUDGET_BYTES ? 1 : 0;
} finally {
  rmSync(imageRoot, { recursive: true, force: true });
}
