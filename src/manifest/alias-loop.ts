import { type Document, isAlias, isNode, type Node, visit } from 'yaml';

/**
 * Whether data made by `toJS` contains itself, as an alias inside the node it names makes it:
 * such data has no end, and whatever walks it next recurses until the stack runs out.
 * Iterative; a part shared by several aliases is walked once.
 */
export function isCircular(root: unknown): boolean {
  const open = new Set<object>();
  const done = new Set<object>();
  const stack: Array<{ readonly value: object; readonly leaving: boolean }> = [];
  const enter = (value: unknown) => {
    if (typeof value === 'object' && value !== null && !done.has(value))
      stack.push({ value, leaving: false });
  };
  enter(root);
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { value, leaving } = top;
    if (leaving) {
      open.delete(value);
      done.add(value);
    } else if (open.has(value)) {
      return true;
    } else if (!done.has(value)) {
      open.add(value);
      stack.push({ value, leaving: true });
      for (const child of Object.values(value)) enter(child);
    }
  }
  return false;
}

/** Where the first alias inside the node it names is; anchors are taken in document order, as aliases resolve them. */
export function loopingAlias(document: Document.Parsed): number | undefined {
  const anchors = new Map<string, Node>();
  let offset: number | undefined;
  visit(document, (_, node, path) => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined || !path.includes(target)) return undefined;
      offset = node.range?.[0];
      return visit.BREAK;
    }
    if (isNode(node) && node.anchor !== undefined) anchors.set(node.anchor, node);
    return undefined;
  });
  return offset;
}
