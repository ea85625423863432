import type { FieldPath, PathSegment } from './field-path.ts';

/** Whether `pattern` names `path` or one of its ancestors (`[*]` and partial selectors match). */
export function covers(pattern: FieldPath, path: FieldPath): boolean {
  return pattern.length <= path.length && pattern.every((segment, i) => segmentCovers(segment, path[i]));
}

/** Whether one path lies at or below the other, either way round: they may name the same data. */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i += 1) {
    if (!segmentsIntersect(a[i], b[i])) return false;
  }
  return true;
}

function segmentCovers(pattern: PathSegment | undefined, segment: PathSegment | undefined): boolean {
  if (pattern === undefined || segment === undefined) return false;
  switch (pattern.kind) {
    case 'member':
      return segment.kind === 'member' && segment.name === pattern.name;
    case 'index':
      return segment.kind === 'index' && segment.index === pattern.index;
    case 'any':
      return segment.kind !== 'member';
    case 'select':
      return (
        segment.kind === 'select' &&
        pattern.match.every(([key, value]) => segment.match.some(([k, v]) => k === key && v === value))
      );
  }
}

function segmentsIntersect(a: PathSegment | undefined, b: PathSegment | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a.kind === 'any') return b.kind !== 'member';
  if (b.kind === 'any') return a.kind !== 'member';
  if (a.kind === 'select' && b.kind === 'select') {
    return a.match.every(([key, value]) => b.match.every(([k, v]) => k !== key || v === value));
  }
  return segmentCovers(a, b);
}
