import { LineCounter } from 'yaml';
import { type Diagnostic, diagnostic, type Place } from './diagnostic.ts';
import { documentProblem } from './document-problem.ts';
import { composeDocuments, type DocumentSyntax, FileSyntax } from './file-syntax.ts';

/** One manifest file, from a folder, a bucket or a table. */
export interface ManifestInput {
  readonly file: string;
  readonly content: string;
}

/** One YAML document of a file, with what is needed to map a field back to file:line:col. */
export interface ParsedDocument {
  readonly file: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  readonly data: unknown;
  /** Where the document's content starts (the document's own start when it has none). */
  readonly start: Place;
  /** The document's syntax tree: not kept, parsed again from the file's content when asked. */
  syntax(): DocumentSyntax;
}

export interface ParsedFile {
  readonly documents: ParsedDocument[];
  readonly errors: Diagnostic[];
  /** YAML documents met, empty ones and those with errors included. */
  readonly documentCount: number;
  /** Where the first document past `maxDocuments` starts: parsing stopped there. */
  readonly overCap?: Place;
  /** Rebuilds the syntax trees of `documents`, shared by them. */
  readonly syntax: FileSyntax;
}

/**
 * Splits a file into documents; a document with a syntax error is reported and left out. Nothing
 * the YAML library throws escapes: it becomes this file's error, at the document it stopped in.
 * Stops after `maxDocuments` documents, giving where the next one starts.
 */
export function parseManifestFile(
  input: ManifestInput,
  maxDocuments: number = Number.POSITIVE_INFINITY,
): ParsedFile {
  const lineCounter = new LineCounter();
  const kept: Kept[] = [];
  const errors: Diagnostic[] = [];
  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: input.file, line, column: col };
  };
  let count = 0;
  // Where the document being composed starts: an exception without a position is placed there.
  let next = 0;
  const done = (counts: { documentCount: number; overCap?: Place }): ParsedFile => {
    // Rebuilds compose as far as the last document kept: what stopped this parse is never met again.
    const syntax = new FileSyntax(input.content, (kept.at(-1)?.index ?? -1) + 1);
    const documents = kept.map((document) => new KeptDocument(input.file, document, syntax));
    return { documents, errors, ...counts, syntax };
  };
  try {
    for (const document of composeDocuments(input.content, lineCounter)) {
      if (count === maxDocuments) {
        return done({ documentCount: count + 1, overCap: placeAt(document.range[0]) });
      }
      count++;
      next = document.range[2];
      const index = count - 1;
      if (document.errors.length > 0) {
        for (const error of document.errors) {
          errors.push(
            diagnostic('YAML_SYNTAX', {
              place: placeAt(error.pos[0]),
              params: { reason: firstLine(error.message) },
            }),
          );
        }
        continue;
      }
      const converted = documentProblem(document, placeAt);
      if (converted.problem !== undefined) {
        errors.push(converted.problem);
        continue;
      }
      if (converted.data === null || converted.data === undefined) continue; // an empty document, e.g. a trailing `---`
      const start = placeAt(document.contents?.range?.[0] ?? document.range[0]);
      kept.push({ index, data: converted.data, start });
    }
  } catch (error) {
    errors.push(
      diagnostic('YAML_PARSER_FAILURE', {
        place: placeAt(next),
        params: { reason: firstLine(error instanceof Error ? error.message : String(error)) },
      }),
    );
  }
  return done({ documentCount: count });
}

interface Kept {
  readonly index: number;
  readonly data: unknown;
  readonly start: Place;
}

/** A document as parsing keeps it: its data and start, and the way back to its syntax tree. */
class KeptDocument implements ParsedDocument {
  readonly file: string;
  readonly index: number;
  readonly data: unknown;
  readonly start: Place;
  readonly #syntax: FileSyntax;

  constructor(file: string, kept: Kept, syntax: FileSyntax) {
    this.file = file;
    this.index = kept.index;
    this.data = kept.data;
    this.start = kept.start;
    this.#syntax = syntax;
  }

  syntax(): DocumentSyntax {
    return this.#syntax.document(this.index);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
