import type { StateEvent } from '../../src/state/types.ts';
import type { RuntimeHarness } from '../support/runtime-harness.ts';

export interface ResourceBody {
  readonly identity: string;
  readonly sync: string;
  readonly health: string;
  readonly drift: ReadonlyArray<{
    readonly path: string;
    readonly desired: unknown;
    readonly actual: unknown;
  }>;
  readonly conditions: ReadonlyArray<{
    readonly type: string;
    readonly reason: string;
    readonly message: string;
  }>;
  readonly lastError?: { readonly code: string; readonly message: string };
  readonly awsIds: Readonly<Record<string, string>>;
}

export interface StatusBody {
  readonly operator: {
    readonly currentRevision?: string;
    readonly lastGoodRevision?: string;
    readonly lastPass?: { readonly at: string; readonly outcome: string };
    readonly sourceErrors: ReadonlyArray<{
      file: string;
      line: number;
      column: number;
      code: string;
      path: string;
      message: string;
    }>;
  };
  readonly resources: readonly ResourceBody[];
}

/** Reads the running operator's API as a user would, over HTTP. */
export function statusClient(h: RuntimeHarness) {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${h.running.url}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    status: (namespace?: string) =>
      get<StatusBody>(
        namespace === undefined ? '/status' : `/status?namespace=${encodeURIComponent(namespace)}`,
      ),
    resource: (identity: string) => get<ResourceBody>(`/status/${identity}`),
    events: async (identity: string) =>
      (await get<{ events: StateEvent[] }>(`/events?identity=${encodeURIComponent(identity)}&limit=100`))
        .events,
  };
}

/** One line a resource, for failure messages. */
export function describeResources(resources: readonly ResourceBody[]): string {
  return resources
    .map(
      (r) =>
        `${r.identity} ${r.sync}/${r.health}${r.lastError ? ` ${r.lastError.code}: ${r.lastError.message}` : ''}${r.drift.length > 0 ? ` drift ${JSON.stringify(r.drift)}` : ''}`,
    )
    .join('\n');
}
