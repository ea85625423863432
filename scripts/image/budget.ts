/**
 * The most the image may add to its Node base image: production packages plus dist/, in bytes.
 * README.md ("The image") gives the measured figure; `npm run image:size` measures it again.
 */
export const IMAGE_BUDGET_BYTES = 30_000_000;
