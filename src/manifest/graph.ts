import { type Kind, kindOrder } from './kinds.ts';

export interface GraphNode {
  readonly identity: string;
  readonly kind: Kind;
}

/** `from` depends on `to`: `to` is created first and deleted last. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * Resources and what each depends on. Edges come from references; where they leave the order
 * open, the kind order of docs/MANIFESTS.md decides, then the identity, so the order is always
 * the same for the same revision.
 */
export class DependencyGraph {
  readonly #nodes: ReadonlyMap<string, GraphNode>;
  readonly #dependencies = new Map<string, Set<string>>();
  readonly #dependents = new Map<string, Set<string>>();

  constructor(nodes: readonly GraphNode[], edges: readonly GraphEdge[]) {
    this.#nodes = new Map(nodes.map((node) => [node.identity, node]));
    for (const node of nodes) {
      this.#dependencies.set(node.identity, new Set());
      this.#dependents.set(node.identity, new Set());
    }
    for (const { from, to } of edges) {
      if (!this.#nodes.has(from) || !this.#nodes.has(to)) continue;
      this.#dependencies.get(from)?.add(to);
      this.#dependents.get(to)?.add(from);
    }
  }

  get nodes(): GraphNode[] {
    return [...this.#nodes.values()];
  }

  /** What `identity` references (directly). */
  dependenciesOf(identity: string): string[] {
    return [...(this.#dependencies.get(identity) ?? [])].sort();
  }

  /** What references `identity` (directly). */
  dependentsOf(identity: string): string[] {
    return [...(this.#dependents.get(identity) ?? [])].sort();
  }

  /** Every identity, each after all it depends on. Members of a cycle (never in a valid revision) come last. */
  createOrder(): string[] {
    const waiting = new Map([...this.#dependencies].map(([id, deps]) => [id, deps.size]));
    const ready = [...waiting].filter(([, n]) => n === 0).map(([id]) => id);
    ready.sort(this.#compare);
    const order: string[] = [];
    while (ready.length > 0) {
      const next = ready.shift() as string;
      order.push(next);
      for (const dependent of this.#dependents.get(next) ?? []) {
        const left = (waiting.get(dependent) ?? 0) - 1;
        waiting.set(dependent, left);
        if (left === 0) insertSorted(ready, dependent, this.#compare);
      }
    }
    const placed = new Set(order);
    const stuck = [...waiting.keys()].filter((id) => !placed.has(id));
    return [...order, ...stuck.sort(this.#compare)];
  }

  /** The reverse of {@link createOrder}: dependents before what they depend on. */
  deleteOrder(): string[] {
    return this.createOrder().reverse();
  }

  /** Each cycle as a path that starts and ends at the same identity, e.g. [a, b, a]. */
  findCycles(): string[][] {
    return stronglyConnected(this.#dependencies)
      .filter(
        (group) => group.length > 1 || this.#dependencies.get(group[0] ?? '')?.has(group[0] ?? '') === true,
      )
      .map((group) => this.#cycleThrough(group))
      .sort((a, b) => this.#compare(a[0] ?? '', b[0] ?? ''));
  }

  #cycleThrough(group: readonly string[]): string[] {
    const members = new Set(group);
    const start = [...group].sort(this.#compare)[0] ?? '';
    // Breadth-first search for the shortest way from start's dependencies back to start.
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const next of [...(this.#dependencies.get(current) ?? [])].sort(this.#compare)) {
        if (!members.has(next)) continue;
        if (next === start) {
          const path = [start];
          for (let at: string | undefined = current; at !== undefined && at !== start; at = previous.get(at))
            path.splice(1, 0, at);
          return [...path, start];
        }
        if (!previous.has(next)) {
          previous.set(next, current);
          queue.push(next);
        }
      }
    }
    return [start, start];
  }

  readonly #compare = (a: string, b: string): number => {
    const ka = this.#nodes.get(a);
    const kb = this.#nodes.get(b);
    const byKind =
      (ka === undefined ? 99 : kindOrder(ka.kind)) - (kb === undefined ? 99 : kindOrder(kb.kind));
    return byKind !== 0 ? byKind : a < b ? -1 : a > b ? 1 : 0;
  };
}

function insertSorted(list: string[], item: string, compare: (a: string, b: string) => number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(list[mid] as string, item) <= 0) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, item);
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: Iterator<string> }> = [];
    const open = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (edges.get(node) ?? new Set<string>()).values() });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: Iterator<string> };
      const step = frame.next.next();
      if (!step.done) {
        const to = step.value;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined)
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group);
      }
    }
  }
  return groups;
}
