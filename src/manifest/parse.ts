import { Composer, type Document, LineCounter, Parser } from 'yaml';
import { type Diagnostic, diagnostic, type Place } from './diagnostic.ts';
import { documentProblem } from './document-problem.ts';

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
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly data: unknown;
}

export interface ParsedFile {
  readonly documents: ParsedDocument[];
  readonly errors: Diagnostic[];
  /** YAML documents met, empty ones and those with errors included. */
  readonly documentCount: number;
  /** Where the first document past `maxDocuments` starts: parsing stopped there. */
  readonly overCap?: Place;
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
  const documents: ParsedDocument[] = [];
  const errors: Diagnostic[] = [];
  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: input.file, line, column: col };
  };
  let count = 0;
  // Where the document being composed starts: an exception without a position is placed there.
  let next = 0;
  try {
    const composer = new Composer({ prettyErrors: false, uniqueKeys: true });
    const tokens = new Parser(lineCounter.addNewLine).parse(input.content);
    for (const document of composer.compose(tokens)) {
      if (count === maxDocuments) {
        return { documents, errors, documentCount: count + 1, overCap: placeAt(document.range[0]) };
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
      documents.push({ file: input.file, index, document, lineCounter, data: converted.data });
    }
  } catch (error) {
    errors.push(
      diagnostic('YAML_PARSER_FAILURE', {
        place: placeAt(next),
        params: { reason: firstLine(error instanceof Error ? error.message : String(error)) },
      }),
    );
  }
  return { documents, errors, documentCount: count };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
