/**
 * Files of the production packages the runtime never reads: TypeScript declarations and source
 * maps (the image does not run with --enable-source-maps). The Dockerfile deletes them after
 * `npm ci --omit=dev` with a `find` over these suffixes; the size budget leaves them out too.
 */
export const DROPPED_SUFFIXES: readonly string[] = ['.d.ts', '.d.mts', '.d.cts', '.map'];

export function isDropped(fileName: string): boolean {
  return DROPPED_SUFFIXES.some((suffix) => fileName.endsWith(suffix));
}
