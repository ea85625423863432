import { type ManifestInput, type ParsedFile, parseManifestFile } from './parse.ts';

/** What a cache has done so far: to check that unchanged files are not parsed again. */
export interface ParseCounts {
  /** Files parsed because the cache had no parse of their content. */
  readonly parsed: number;
  /** Times a kept file was parsed again for its syntax trees (to place a problem in it). */
  readonly rebuilt: number;
}

/**
 * Parsed files by name, kept between loads: a source that changed one object of a thousand
 * re-parses that one (parsing is most of what loading a revision costs). A file is parsed
 * again when its content differs; files that left the source are dropped at the next load.
 * Kept documents hold their data, not their syntax trees (see FileSyntax).
 */
export class ParseCache {
  #byFile = new Map<string, { readonly content: string; readonly parsed: ParsedFile }>();
  #parsed = 0;

  /**
   * Parses the inputs in order, reusing the parse of an unchanged file, until they hold more than
   * `maxDocuments` documents together: the file that goes over is the last one, its `overCap` set.
   * Keeps only these files.
   */
  parseAll(inputs: readonly ManifestInput[], maxDocuments = Number.POSITIVE_INFINITY): ParsedFile[] {
    const next = new Map<string, { readonly content: string; readonly parsed: ParsedFile }>();
    const parsed: ParsedFile[] = [];
    let left = maxDocuments;
    for (const input of inputs) {
      const known = this.#byFile.get(input.file);
      const file =
        known !== undefined && known.content === input.content && known.parsed.documentCount <= left
          ? known.parsed
          : this.#parse(input, left);
      parsed.push(file);
      // A parse cut short at the cap is not the file's whole parse: never reused.
      if (file.overCap !== undefined) break;
      next.set(input.file, { content: input.content, parsed: file });
      left -= file.documentCount;
    }
    this.#byFile = next;
    return parsed;
  }

  /** Counts since the cache was made; `rebuilt` over the files it keeps now. */
  counts(): ParseCounts {
    let rebuilt = 0;
    for (const { parsed } of this.#byFile.values()) rebuilt += parsed.syntax.builds;
    return { parsed: this.#parsed, rebuilt };
  }

  #parse(input: ManifestInput, maxDocuments: number): ParsedFile {
    this.#parsed++;
    return parseManifestFile(input, maxDocuments);
  }
}
