import { type Document, visit } from 'yaml';
import { isCircular, loopingAlias } from './alias-loop.ts';
import { type Diagnostic, diagnostic, type Place } from './diagnostic.ts';

/** The yaml library's own default, written out: aliases of a document may expand to this many nodes. */
export const MAX_ALIAS_COUNT = 100;

const ALIAS_LIMIT = /excessive alias count/i;

/**
 * A document's data (`toJS`), or why it has none: an alias bomb past MAX_ALIAS_COUNT, placed at
 * the document's first alias; an alias inside the node it names, placed there; or any other
 * exception of the conversion, at the document's start.
 */
export function documentProblem(
  document: Document.Parsed,
  placeAt: (offset: number) => Place,
): { readonly data: unknown; readonly problem?: undefined } | { readonly problem: Diagnostic } {
  try {
    const data: unknown = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (!isCircular(data)) return { data };
    return {
      problem: diagnostic('YAML_PARSER_FAILURE', {
        place: placeAt(loopingAlias(document) ?? document.range[0]),
        params: { reason: 'this alias is inside the node it names, so the document never ends' },
      }),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (ALIAS_LIMIT.test(reason)) {
      return {
        problem: diagnostic('TOO_MANY_ALIASES', {
          place: placeAt(firstAlias(document) ?? document.range[0]),
          params: { limit: MAX_ALIAS_COUNT },
        }),
      };
    }
    const start = document.contents?.range[0] ?? document.range[0];
    return { problem: diagnostic('YAML_PARSER_FAILURE', { place: placeAt(start), params: { reason } }) };
  }
}

function firstAlias(document: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}
