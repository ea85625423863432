/** Resolves after the first SIGINT or SIGTERM has been handled by `close`. */
export function waitForShutdown(close: (signal: string) => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let closing = false;
    const handle = (signal: string) => {
      if (closing) return;
      closing = true;
      void close(signal).finally(resolve);
    };
    process.once('SIGINT', () => handle('SIGINT'));
    process.once('SIGTERM', () => handle('SIGTERM'));
  });
}
