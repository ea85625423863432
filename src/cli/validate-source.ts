import { diagnostic } from '../manifest/diagnostic.ts';
import type { ReadLimits } from '../manifest/limits.ts';
import { placeAtOrigins } from '../manifest/overlay/load-rendered.ts';
import { loadRevision } from '../manifest/revision.ts';
import { openSource } from '../source/open-source.ts';
import type { CommandIo } from './command.ts';
import type { Validated } from './validate.ts';

/**
 * What the operator would read from an S3 prefix or a manifests table right now, validated as one
 * revision. A source without a commit record says so on standard error, once, as `serve` logs it.
 */
export async function validateSource(url: string, limits: ReadLimits, io: CommandIo): Promise<Validated> {
  try {
    const source = openSource(url, {
      limits,
      onNotice: (message) => io.stderr(`warning: ${message}\n`),
    });
    const snapshot = await source.snapshot();
    if (snapshot.commit !== undefined) {
      const { id, author, message } = snapshot.commit;
      io.stderr(
        `commit ${id}${author === '' ? '' : ` by ${author}`}${message === '' ? '' : `: ${message.split('\n', 1)[0]}`}\n`,
      );
    }
    const result = loadRevision(snapshot.inputs, {
      readProblems: snapshot.problems,
      maxDocuments: limits.documents,
    });
    const rendered = snapshot.rendered;
    if (rendered === undefined) return { result };
    return {
      result: placeAtOrigins(result, rendered.origins, snapshot.problems),
      rendering: { overlay: true, shown: rendered.shown },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unreadable = diagnostic('SOURCE_UNREADABLE', {
      place: { file: url, line: 1, column: 1 },
      params: { what: url, reason },
    });
    return { result: { ok: false, errors: [unreadable], warnings: [] } };
  }
}
