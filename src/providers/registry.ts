import type { Kind } from '../manifest/kinds.ts';
import type { Provider } from './types.ts';

/** Providers by kind. */
export class ProviderRegistry {
  readonly #byKind = new Map<Kind, Provider>();

  constructor(providers: readonly Provider[]) {
    for (const provider of providers) this.#byKind.set(provider.kind, provider);
  }

  get(kind: Kind): Provider {
    const provider = this.#byKind.get(kind);
    if (provider === undefined) throw new Error(`No provider for kind ${kind}`);
    return provider;
  }

  has(kind: Kind): boolean {
    return this.#byKind.has(kind);
  }
}
