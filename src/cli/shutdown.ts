/**
 * Resolves after the first SIGINT or SIGTERM has been handled by `close`; a
 * second signal exits at once. Once closed, whatever AWS calls are still in
 * flight do not keep the process alive for long.
 */
export function waitForShutdown(close: (signal: string) => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let closing = false;
    const handle = (signal: string) => {
      if (closing) {
        process.exit(130);
      }
      closing = true;
      void close(signal).finally(() => {
        setTimeout(() => process.exit(process.exitCode ?? 0), 1_000).unref();
        resolve();
      });
    };
    process.on('SIGINT', () => handle('SIGINT'));
    process.on('SIGTERM', () => handle('SIGTERM'));
  });
}
