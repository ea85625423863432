// Runs a checkout's TypeScript entry through tsx. tsx is a dev dependency: a production install of a
// checkout (npm ci --omit=dev) does not have it, and is told so in one line, not with a stack trace.
// Only checkouts load this file; the image runs the build and does not hold it.

/**
 * @param {URL} entry the .ts module to run
 * @param {string} program the name errors start with
 * @param {string} alternative how else to run it, appended to the advice to install tsx
 */
export async function runSource(entry, program, alternative = '') {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    process.stderr.write(
      `${program}: this checkout runs from its TypeScript source, which needs tsx, a dev dependency that is not installed; run \`npm ci\` (with the dev dependencies)${alternative}\n`,
    );
    process.exitCode = 1;
    return;
  }
  tsx.register();
  await import(entry.href);
}
