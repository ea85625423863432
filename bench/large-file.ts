import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_READ_LIMITS } from '../src/manifest/limits.ts';
import type { BenchResult, Figure } from './results.ts';

const MB = 1024 * 1024;
const CLI = fileURLToPath(new URL('../bin/shipshape.js', import.meta.url));
const USAGE = fileURLToPath(new URL('./report-usage.ts', import.meta.url));

interface Run {
  readonly seconds: number;
  readonly maxRssMiB: number;
  readonly code: number;
  readonly firstLine: string;
}

/** At most `bytes` bytes of valid manifests: whole Cluster documents with a padding annotation each. */
function manifests(bytes: number): string {
  const padding = 'x'.repeat(900);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const document = `---\napiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata:\n  name: c${i}\n  annotations: {pad: ${padding}}\nspec: {}\n`;
    if (size + document.length > bytes) return parts.join('');
    parts.push(document);
    size += document.length;
  }
}

/** `shipshape validate dir` in a fresh process, as a user runs it: wall time from spawn to exit, peak RSS. */
function validate(dir: string, extra: readonly string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', USAGE, CLI, 'validate', dir, ...extra],
      { maxBuffer: 16 * MB },
      (_error, stdout, stderr) => {
        const seconds = (performance.now() - started) / 1000;
        const usage = stderr.trim().split('\n').pop() ?? '';
        try {
          const { maxRssKiB, code } = JSON.parse(usage) as { maxRssKiB: number; code: number };
          resolve({ seconds, maxRssMiB: maxRssKiB / 1024, code, firstLine: stdout.split('\n')[0] ?? '' });
        } catch {
          reject(new Error(`validate gave no usage line: ${stderr.slice(-2000)}`));
        }
      },
    );
  });
}

/**
 * `validate` on one 50 MB manifest file with the default caps (refused from its size, unread),
 * beside a file just under the 1 MiB cap (read, parsed and checked whole) and an empty folder
 * (what starting the CLI costs).
 */
export async function largeFile(): Promise<BenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'shipshape-bench-large-'));
  try {
    const folders = { large: join(root, 'large'), capped: join(root, 'capped'), empty: join(root, 'empty') };
    for (const dir of Object.values(folders)) await mkdir(dir);
    await writeFile(join(folders.large, 'fleet.yaml'), manifests(50 * 1_000_000));
    await writeFile(join(folders.capped, 'fleet.yaml'), manifests(DEFAULT_READ_LIMITS.fileBytes - 1));
    const empty = await validate(folders.empty, []);
    const large = await validate(folders.large, []);
    const capped = await validate(folders.capped, []);
    if (!large.firstLine.includes('SS160'))
      throw new Error(`the 50 MB file was not refused: ${large.firstLine}`);
    if (capped.code !== 0) throw new Error(`the file under the cap did not validate: ${capped.firstLine}`);
    const figures: Figure[] = [
      {
        id: 'large-file.seconds',
        bench: 'large-file',
        figure: 'validate on one 50 MB file: wall time, process start to exit',
        measured: large.seconds,
        unit: 's',
        reference: empty.seconds,
        referenceLabel: 'validate on an empty folder',
        goal: { max: 2, label: '≤ 2 s' },
        note: `exit ${large.code}: ${large.firstLine.slice(0, 90)}`,
      },
      {
        id: 'large-file.rss',
        bench: 'large-file',
        figure: 'validate on one 50 MB file: peak RSS',
        measured: large.maxRssMiB,
        unit: 'MiB',
        reference: empty.maxRssMiB,
        referenceLabel: 'validate on an empty folder',
        goal: { max: 200, label: '≤ 200 MB' },
      },
      {
        id: 'large-file.at-cap-rss',
        bench: 'large-file',
        figure: 'validate on one file of 1 MiB less a byte (read whole): peak RSS',
        measured: capped.maxRssMiB,
        unit: 'MiB',
        reference: empty.maxRssMiB,
        referenceLabel: 'validate on an empty folder',
        note: `${capped.seconds.toFixed(2)} s, exit ${capped.code}`,
      },
    ];
    return { figures, details: { empty, large, capped } };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
