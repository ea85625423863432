import { Composer, type Document, LineCounter, Parser } from 'yaml';

/** A document's syntax tree, with the line counter of its file to turn offsets into line:col. */
export interface DocumentSyntax {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

interface FileTrees {
  readonly documents: readonly Document.Parsed[];
  readonly lineCounter: LineCounter;
}

/**
 * The documents of a YAML text, in order, empty ones and those with errors included. Parsing and
 * rebuilding both go through here, so a document's index means the same thing to both.
 */
export function composeDocuments(content: string, lineCounter: LineCounter): Iterable<Document.Parsed> {
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true });
  return composer.compose(new Parser(lineCounter.addNewLine).parse(content));
}

/**
 * What it takes to rebuild the syntax trees of a file: its content. Parsed documents keep their
 * data, not their trees (a tree weighs several times its data, and a cache of thousands of files
 * would hold them all); a tree is needed only to place a problem or to render an overlay. A
 * rebuilt file is shared by its documents for as long as one of them is in use, then collectable.
 */
export class FileSyntax {
  readonly #content: string;
  /** Documents to compose: up to the last one a caller may ask for. */
  readonly #documents: number;
  #trees: WeakRef<FileTrees> | undefined;
  #builds = 0;

  constructor(content: string, documents: number) {
    this.#content = content;
    this.#documents = documents;
  }

  /** How many times the file was parsed again to answer `document`. */
  get builds(): number {
    return this.#builds;
  }

  /** The syntax of the document at `index` (0-based, as parsing counted it). */
  document(index: number): DocumentSyntax {
    const trees = this.#trees?.deref() ?? this.#build();
    const document = trees.documents[index];
    if (document === undefined) throw new RangeError(`no YAML document ${index} in this file`);
    return { document, lineCounter: trees.lineCounter };
  }

  #build(): FileTrees {
    const lineCounter = new LineCounter();
    const documents: Document.Parsed[] = [];
    for (const document of composeDocuments(this.#content, lineCounter)) {
      documents.push(document);
      // Past the documents kept lies at most what stopped the first parse: never composed again.
      if (documents.length === this.#documents) break;
    }
    const trees = { documents, lineCounter };
    this.#trees = new WeakRef(trees);
    this.#builds++;
    return trees;
  }
}
