/** Reads how long a server asked us to wait before trying again. */

/** The part of `Headers` this needs, so plain objects work in tests. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Milliseconds to wait from the response headers, or `undefined` when they do not say.
 * Understands `retry-after-ms` (OpenAI, Azure), `Retry-After` in seconds and `Retry-After` as an
 * HTTP date (resolved against `nowMs`, epoch milliseconds). Negative waits become 0.
 */
export function retryAfterMs(headers: HeaderReader, nowMs: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n)) return Math.max(0, Math.round(n));
  }
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Says a wait in words for messages: `20 s`, `1.5 s`, `3 min`. */
export function describeWait(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} min`;
  if (ms >= 10_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 100) / 10} s`;
}
