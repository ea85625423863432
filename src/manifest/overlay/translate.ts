import type { Diagnostic, Place } from '../diagnostic.ts';
import type { PositionMap } from './emit.ts';

/**
 * Maps places in rendered files back to where their values were written, and masks the values
 * of SecureString parameters in messages (a schema error may quote the value it rejects).
 */
export class OriginMap {
  readonly #files: ReadonlyMap<string, PositionMap>;
  readonly #mask: (text: string) => string;

  constructor(files: ReadonlyMap<string, PositionMap>, mask: (text: string) => string = (text) => text) {
    this.#files = files;
    this.#mask = mask;
  }

  /** The origin of a rendered place: the value written there, else the nearest one before it; other places as they are. */
  place(place: Place): Place {
    const positions = this.#files.get(place.file);
    if (positions === undefined) return place;
    const exact = positions.get(`${place.line}:${place.column}`);
    if (exact !== undefined) return exact;
    let best: { line: number; column: number; origin: Place } | undefined;
    for (const [key, origin] of positions) {
      const [line = 0, column = 0] = key.split(':').map(Number);
      const before = line < place.line || (line === place.line && column <= place.column);
      const later = best === undefined || line > best.line || (line === best.line && column > best.column);
      if (before && later) best = { line, column, origin };
    }
    return best?.origin ?? place;
  }

  diagnostic(d: Diagnostic): Diagnostic {
    const message = this.#mask(this.#message(d.message));
    if (!this.#files.has(d.file)) return message === d.message ? d : { ...d, message };
    const origin = this.place(d);
    return { ...d, file: origin.file, line: origin.line, column: origin.column, message };
  }

  /** `file:line` of a rendered file inside a message (duplicate identities name the others so). */
  #message(message: string): string {
    const files = [...this.#files.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    if (files.length === 0) return message;
    // One pass over every rendered file at once, longest names first: a replacement is never read again.
    const pattern = new RegExp(`(${files.join('|')}):(\\d+)`, 'g');
    return message.replace(pattern, (_match, file: string, line: string) => {
      const origin = this.place({ file, line: Number(line), column: Number.MAX_SAFE_INTEGER });
      return `${origin.file}:${origin.line}`;
    });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
