/** Replaces `${name}` in every string of a value with what a setup step saved under that name. */
export function substitute(value: unknown, saved: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
      const found = saved.get(name);
      if (found === undefined) throw new Error(`nothing was saved as ${whole}`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, saved));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, saved)]));
  }
  return value;
}

/** The value at a dot path (`LoadBalancers.0.LoadBalancerArn`) of an answer. */
export function valueAt(answer: unknown, path: string): unknown {
  let current: unknown = answer;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
