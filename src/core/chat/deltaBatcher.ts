/**
 * Coalesces streaming deltas so a view gets at most one message per interval (a frame, ~16 ms)
 * instead of one per token. The first delta after a quiet interval goes at once (a slow stream
 * gains no latency); later ones wait for the interval to end. Text is never dropped or reordered:
 * every pushed piece is in exactly one batch, batches of a turn carry increasing sequence numbers
 * from 1.
 */

/** One coalesced batch for a turn. */
export interface DeltaBatch {
  turnId: string;
  seq: number;
  text: string;
  reasoning: string;
}

/** Timer functions, injectable for tests. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class DeltaBatcher {
  private turnId: string | undefined;
  private text = '';
  private reasoning = '';
  private timer: unknown;
  private lastSent = -Infinity;
  private readonly seqs = new Map<string, number>();

  constructor(
    private readonly send: (batch: DeltaBatch) => void,
    private readonly intervalMs = 16,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The last sequence number sent for a turn (0 if none). */
  seqOf(turnId: string): number {
    return this.seqs.get(turnId) ?? 0;
  }

  /**
   * Queues text for a turn: sent at once if nothing was sent in the last `intervalMs`, else when
   * that interval ends. A different turn flushes the previous one first.
   */
  push(turnId: string, text: string, reasoning: string): void {
    if (this.turnId !== undefined && this.turnId !== turnId) this.flush();
    this.turnId = turnId;
    this.text += text;
    this.reasoning += reasoning;
    if (this.timer !== undefined) return;
    const wait = this.lastSent + this.intervalMs - this.timers.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Sends what is pending now (call before a message that must follow the text, like a turn's end). */
  flush(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.turnId === undefined || (!this.text && !this.reasoning)) return;
    const seq = this.seqOf(this.turnId) + 1;
    this.seqs.set(this.turnId, seq);
    const batch: DeltaBatch = { turnId: this.turnId, seq, text: this.text, reasoning: this.reasoning };
    this.lastSent = this.timers.now();
    this.text = '';
    this.reasoning = '';
    this.send(batch);
  }

  /** Drops pending text (the receiver is about to get a snapshot that includes it). */
  discard(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.text = '';
    this.reasoning = '';
  }
}
