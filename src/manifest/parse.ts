import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import { type Diagnostic, diagnostic } from './diagnostic.ts';

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
}

/** Splits a file into documents; a document with a syntax error is reported and left out. */
export function parseManifestFile(input: ManifestInput): ParsedFile {
  const lineCounter = new LineCounter();
  const documents: ParsedDocument[] = [];
  const errors: Diagnostic[] = [];
  const all = parseAllDocuments(input.content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // A stream with nothing but comments parses to an empty list (or an EmptyStream).
  const list = Array.isArray(all) ? all : [];
  list.forEach((document, index) => {
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        errors.push(
          diagnostic('YAML_SYNTAX', {
            place: { file: input.file, line, column: col },
            params: { reason: firstLine(error.message) },
          }),
        );
      }
      return;
    }
    const data: unknown = document.toJS();
    if (data === null || data === undefined) return; // an empty document, e.g. a trailing `---`
    documents.push({ file: input.file, index, document, lineCounter, data });
  });
  return { documents, errors };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
