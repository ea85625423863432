import { type ManifestInput, type ParsedFile, parseManifestFile } from './parse.ts';

/**
 * Parsed files by name, kept between loads: a source that changed one object of a thousand
 * re-parses that one (parsing is most of what loading a revision costs). A file is parsed
 * again when its content differs; files that left the source are dropped at the next load.
 */
export class ParseCache {
  #byFile = new Map<string, { readonly content: string; readonly parsed: ParsedFile }>();

  /** Parses every input, reusing the parse of an unchanged file; keeps only these files. */
  parseAll(inputs: readonly ManifestInput[]): ParsedFile[] {
    const next = new Map<string, { readonly content: string; readonly parsed: ParsedFile }>();
    const parsed = inputs.map((input) => {
      const known = this.#byFile.get(input.file);
      const entry =
        known !== undefined && known.content === input.content
          ? known
          : { content: input.content, parsed: parseManifestFile(input) };
      next.set(input.file, entry);
      return entry.parsed;
    });
    this.#byFile = next;
    return parsed;
  }
}
