import type { Operator } from '../../converge/operator.ts';
import type { StateStore } from '../../state/state-store.ts';
import { startTargetOperator, type TargetOperator, type TargetOperatorDeps } from './target-operator.ts';
import { DEFAULT_TARGET, sameConnection, type TargetSpec, targetOfNamespace } from './target-spec.ts';

/** What the process does with each target operator's state store (the API's fan-in, notifications). */
export interface StoreHooks {
  added(store: StateStore): void;
  removed(store: StateStore): void;
}

/**
 * The operator of every target: the default one (the operator's own account and region, made by
 * the runtime) and one per Target of the revision in force, started when a Target appears and
 * stopped when it goes or its region, role or external id change.
 */
export class TargetOperators {
  readonly #default: Operator;
  readonly #deps: TargetOperatorDeps;
  readonly #hooks: StoreHooks;
  readonly #byKey = new Map<string, TargetOperator>();
  #specs: readonly TargetSpec[] = [];

  constructor(defaultOperator: Operator, deps: TargetOperatorDeps, hooks: StoreHooks) {
    this.#default = defaultOperator;
    this.#deps = deps;
    this.#hooks = hooks;
  }

  get specs(): readonly TargetSpec[] {
    return this.#specs;
  }

  /** Every operator, the default one first. */
  all(): Operator[] {
    return [this.#default, ...[...this.#byKey.values()].map((target) => target.operator)];
  }

  /** The operator that manages `identity` (`Kind/namespace/name`). */
  forIdentity(identity: string): Operator {
    const namespace = identity.split('/')[1] ?? '';
    const key = targetOfNamespace(this.#specs, namespace);
    return key === DEFAULT_TARGET ? this.#default : (this.#byKey.get(key)?.operator ?? this.#default);
  }

  /** Starts, keeps or stops target operators to match the Targets of the revision in force. */
  async sync(specs: readonly TargetSpec[]): Promise<void> {
    this.#specs = specs;
    const wanted = new Map(specs.map((spec) => [spec.key, spec]));
    for (const [key, running] of [...this.#byKey]) {
      const spec = wanted.get(key);
      if (spec !== undefined && sameConnection(spec, running.spec)) continue;
      this.#byKey.delete(key);
      this.#hooks.removed(running.store);
      await running.close();
    }
    for (const spec of specs) {
      if (this.#byKey.has(spec.key)) continue;
      const started = startTargetOperator(spec, this.#deps);
      this.#hooks.added(started.store);
      this.#byKey.set(spec.key, started);
    }
  }

  async close(): Promise<void> {
    for (const running of this.#byKey.values()) await running.close();
    this.#byKey.clear();
  }
}
