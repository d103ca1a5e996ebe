/**
 * Tokens per second of a streaming answer, for the status bar. Servers send about one token per
 * delta, so deltas count as tokens until the server's usage report gives the exact number.
 */
export class ThroughputMeter {
  private firstAt: number | undefined;
  private lastAt: number | undefined;
  private deltas = 0;
  private reported: number | undefined;

  /** Counts one text or reasoning delta received at `now` (ms). */
  delta(now: number): void {
    this.firstAt ??= now;
    this.lastAt = now;
    this.deltas++;
  }

  /** The server's completion token count, when it reports usage. */
  usage(completionTokens: number): void {
    this.reported = completionTokens;
  }

  /** Tokens so far: the reported count, else the number of deltas. */
  get tokens(): number {
    return this.reported ?? this.deltas;
  }

  /**
   * Tokens per second from the first delta to `now` (or the last delta, once finished);
   * undefined until there is a measurable interval.
   */
  rate(now: number = this.lastAt ?? 0): number | undefined {
    if (this.firstAt === undefined) return undefined;
    const seconds = (now - this.firstAt) / 1000;
    // Below a tenth of a second the rate is noise.
    if (seconds < 0.1 || this.tokens < 2) return undefined;
    return (this.tokens - 1) / seconds;
  }
}
