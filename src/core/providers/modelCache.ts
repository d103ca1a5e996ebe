/** Model lists per endpoint, kept for a while so the model picker opens at once. */

/** A cached list and when it was fetched. */
interface Entry {
  models: string[];
  at: number;
}

/** Model lists keyed by endpoint (profile name and base URL), valid for `ttlMs`. */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached list, or undefined when there is none or it is older than the time to live. */
  get(key: string): string[] | undefined {
    const e = this.entries.get(key);
    if (!e || this.now() - e.at > this.ttlMs) return undefined;
    return e.models;
  }

  set(key: string, models: string[]): void {
    this.entries.set(key, { models: [...models], at: this.now() });
  }

  /** Forgets one list (the picker's refresh button) or all of them. */
  invalidate(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
