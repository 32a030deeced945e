/**
 * Values computed once from a model, each by a module-level function that is
 * also its key, and kept with the model (its `derived` method). Not a
 * module-level WeakMap keyed by the model: V8's minor GC keeps WeakMap values
 * alive, so every analysis's caches were copied and promoted to the old
 * generation, which made GC a fifth of the Dockerfile analysis time.
 */
export class DerivedValues<Model> {
  private readonly values = new Map<(model: Model) => unknown, unknown>();

  constructor(private readonly model: Model) {}

  get<T>(compute: (model: Model) => T): T {
    if (this.values.has(compute)) return this.values.get(compute) as T;
    const value = compute(this.model);
    this.values.set(compute, value);
    return value;
  }
}
