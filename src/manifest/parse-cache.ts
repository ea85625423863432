import { type ManifestInput, type ParsedFile, parseManifestFile } from './parse.ts';

/**
 * Parsed files by name, kept between loads: a source that changed one object of a thousand
 * re-parses that one (parsing is most of what loading a revision costs). A file is parsed
 * again when its content differs; files that left the source are dropped at the next load.
 */
export class ParseCache {
  #byFile = new Map<string, { readonly content: string; readonly parsed: ParsedFile }>();

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
          : parseManifestFile(input, left);
      parsed.push(file);
      // A parse cut short at the cap is not the file's whole parse: never reused.
      if (file.overCap !== undefined) break;
      next.set(input.file, { content: input.content, parsed: file });
      left -= file.documentCount;
    }
    this.#byFile = next;
    return parsed;
  }
}
