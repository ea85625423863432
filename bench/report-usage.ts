/**
 * Preloaded into a child process (`node --import tsx --import ./bench/report-usage.ts ...`): at
 * exit, writes the process's peak resident memory and its exit code as one JSON line to stderr.
 */
process.on('exit', (code) => {
  process.stderr.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, code })}\n`);
});
