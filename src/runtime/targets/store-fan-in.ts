import type { StatusChanges } from '../../api/status-snapshots.ts';
import type { RecordedEvents } from '../../api/watch/watch-hub.ts';
import type { StateEvent } from '../../state/index.ts';
import type { StateStore, StatusChange } from '../../state/state-store.ts';

type Unsubscribe = () => void;

/**
 * The status changes and events of every target's state store as one source, for the API's
 * snapshots and /watch. Only the default store's operator item is the one GET /status shows, so
 * operator changes of the others are not passed on.
 */
export class StoreFanIn implements StatusChanges, RecordedEvents {
  readonly #stores = new Map<StateStore, { readonly primary: boolean; readonly off: Unsubscribe[] }>();
  readonly #changeListeners = new Set<(change: StatusChange) => void>();
  readonly #eventListeners = new Set<(event: StateEvent) => void>();

  add(store: StateStore, primary: boolean): void {
    const off = [
      store.onStatusChange((change) => {
        if (change.kind === 'operator' && !primary) return;
        for (const listener of this.#changeListeners) listener(change);
      }),
      store.onEventRecorded((event) => {
        for (const listener of this.#eventListeners) listener(event);
      }),
    ];
    this.#stores.set(store, { primary, off });
  }

  remove(store: StateStore): void {
    for (const off of this.#stores.get(store)?.off ?? []) off();
    this.#stores.delete(store);
  }

  onStatusChange(listener: (change: StatusChange) => void): Unsubscribe {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  onEventRecorded(listener: (event: StateEvent) => void): Unsubscribe {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }
}
