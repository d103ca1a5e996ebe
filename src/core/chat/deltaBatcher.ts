/**
 * Paces a streaming answer's text to one view so that a fast stream gets at most one message per
 * frame the view draws, with no fixed delay. The first delta after a pause is sent at once (leading
 * edge); what arrives while the view has not yet drawn the last message is coalesced into the next
 * one, which goes out as soon as the view reports that frame ({@link DeltaBatcher.drawn}). A delta
 * that comes {@link SLOW_GAP_MS} or more after the last message, with nothing else waiting, is a
 * slow stream's token and goes at once too: holding it for the frame's report would delay it by
 * half a frame on average for no saving (a fast stream always has text waiting by then). So a slow
 * stream shows every token as it comes, a fast one gets one message per frame. A view whose frames are throttled (not drawn, or drawn rarely, as for a frame the
 * browser deems hidden) still gets the waiting text after {@link PATIENCE_MS}.
 *
 * Text is never dropped or reordered: every pushed piece is in exactly one message, messages of a
 * turn carry increasing sequence numbers from 1.
 */
import { type Clock, systemClock, type TimerHandle } from '../base';
import type { ChatTurn } from './transcript';

/**
 * How long a sent message may wait for the view's report before the next one goes anyway: long
 * enough that a view drawing even 15 frames a second sets the pace itself, short enough that text
 * still streams visibly into a view whose frames are throttled.
 */
export const PATIENCE_MS = 100;

/**
 * Half a 60 Hz frame. A delta this long after the last message, with nothing waiting, is sent
 * without waiting for the view's report; at most one such message goes per half frame, and in a
 * fast stream (tokens closer than this) text is always waiting, so those wait for the report.
 */
export const SLOW_GAP_MS = 8;

/** Coalesced text for one streaming turn: the `delta` message a view receives, exactly as posted. */
export interface DeltaMessage {
  type: 'delta';
  turnId: string;
  /** Counts a turn's messages from 1, so the view can see a gap and ask for a snapshot. */
  seq: number;
  text: string;
  /** Absent when the message carries no reasoning. */
  reasoning?: string;
}

/** How much of a turn the view holds: the last seq sent and the lengths of what it carried. */
export interface Held {
  seq: number;
  text: number;
  reasoning: number;
}

export class DeltaBatcher {
  private turnId: string | undefined;
  private text = '';
  private reasoning = '';
  /** The message the view has not reported drawn yet; nothing more is sent until it has. */
  private awaiting: { turnId: string; seq: number } | undefined;
  /** Ends the wait for the view's report after {@link PATIENCE_MS}. */
  private patience: TimerHandle | undefined;
  /** When the last message was sent ({@link Clock.now}). */
  private sentAt = Number.NEGATIVE_INFINITY;
  private readonly held = new Map<string, Held>();

  /**
   * @param send posts a message to the view.
   * @param paced false sends every delta at once, unpaced (the benchmark's pass-through reference).
   * @param clock timers, injectable for tests.
   */
  constructor(
    private readonly send: (msg: DeltaMessage) => void,
    private readonly paced = true,
    private readonly clock: Clock = systemClock,
  ) {}

  /** What the view holds of a turn, as far as this batcher sent it (zeros if nothing). */
  heldOf(turnId: string): Held {
    return this.held.get(turnId) ?? { seq: 0, text: 0, reasoning: 0 };
  }

  /** Records that the view was given a turn's whole text (a new or changed turn); the seq is kept. */
  hold(turn: ChatTurn): void {
    this.held.set(turn.id, {
      seq: this.heldOf(turn.id).seq,
      text: turn.text.length,
      reasoning: turn.reasoning?.length ?? 0,
    });
  }

  /**
   * The view is about to get a snapshot of `turns`: drops pending text (the snapshot has it),
   * stops waiting for the view, and from now on counts it as holding exactly these turns.
   * Returns the last seq sent for each turn that had deltas, which the snapshot carries so that
   * the view takes the next delta and no earlier one, also when a finished turn streams again
   * (Continue).
   */
  snapshot(turns: readonly ChatTurn[]): Record<string, number> {
    this.discard();
    const seqs: Record<string, number> = {};
    const old = new Map(this.held);
    this.held.clear();
    for (const t of turns) {
      const seq = old.get(t.id)?.seq ?? 0;
      this.held.set(t.id, { seq, text: t.text.length, reasoning: t.reasoning?.length ?? 0 });
      if (seq) seqs[t.id] = seq;
    }
    return seqs;
  }

  /**
   * Queues text for a turn: sent at once unless the view has not drawn the last message yet and
   * either text is already waiting or the last message went less than {@link SLOW_GAP_MS} ago;
   * else when the view reports it drew. A different turn flushes the previous one first.
   */
  push(turnId: string, text: string, reasoning: string): void {
    if (this.turnId !== undefined && this.turnId !== turnId) this.flush();
    const waiting = this.text !== '' || this.reasoning !== '';
    this.turnId = turnId;
    this.text += text;
    this.reasoning += reasoning;
    const slow = !waiting && this.clock.now() - this.sentAt >= SLOW_GAP_MS;
    if (!this.paced || !this.awaiting || slow) this.flush();
  }

  /**
   * The view has drawn a frame holding `seq` of `turnId`: send what waited meanwhile. A report
   * for an older message (one sent before a forced {@link flush}) changes nothing.
   */
  drawn(turnId: string, seq: number): void {
    const a = this.awaiting;
    if (!a || a.turnId !== turnId || seq < a.seq) return;
    this.stopWaiting();
    this.flush();
  }

  /** Sends what is pending now (call before a message that must follow the text, like a turn's end). */
  flush(): void {
    const turnId = this.turnId;
    if (turnId === undefined || (!this.text && !this.reasoning)) return;
    const h = this.heldOf(turnId);
    const held: Held = {
      seq: h.seq + 1,
      text: h.text + this.text.length,
      reasoning: h.reasoning + this.reasoning.length,
    };
    this.held.set(turnId, held);
    const msg: DeltaMessage = { type: 'delta', turnId, seq: held.seq, text: this.text };
    if (this.reasoning) msg.reasoning = this.reasoning;
    this.text = '';
    this.reasoning = '';
    if (this.paced) this.wait(turnId, held.seq);
    this.sentAt = this.clock.now();
    this.send(msg);
  }

  /**
   * Drops pending text and stops waiting for the view (it is about to get a snapshot that
   * includes the text, or it was reloaded and will report no frame for what it was sent).
   */
  discard(): void {
    this.text = '';
    this.reasoning = '';
    this.stopWaiting();
  }

  private wait(turnId: string, seq: number): void {
    this.stopWaiting();
    this.awaiting = { turnId, seq };
    this.patience = this.clock.setTimeout(() => {
      this.patience = undefined;
      this.awaiting = undefined;
      this.flush();
    }, PATIENCE_MS);
  }

  private stopWaiting(): void {
    if (this.patience !== undefined) this.clock.clearTimeout(this.patience);
    this.patience = undefined;
    this.awaiting = undefined;
  }
}
