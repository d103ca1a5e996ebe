/**
 * Hands out events that arrive in batches (one batch per network chunk), so that a chunk costs
 * one step of the source and an event costs one resolved promise. With one event per chunk, as
 * servers send them, generator machinery per event would otherwise cost as much as parsing.
 */

import type { StreamEvent } from '../types';
import { AnswerReader } from './answerReader';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * What the request's generator yields: a batch of events, or the open answer, which this iterator
 * then reads chunk by chunk before resuming the generator (whose `finally` releases the request).
 */
export type Step = readonly StreamEvent[] | AnswerReader;

/** An async iterator over the events of a request; `return()` ends the request's generator, aborting it. */
export class EventIterator implements AsyncIterableIterator<StreamEvent> {
  private batch: readonly StreamEvent[] = [];
  private index = 0;
  private answer: AnswerReader | undefined;
  private pulling: Promise<IteratorResult<StreamEvent, undefined>> | undefined;

  constructor(private readonly source: AsyncGenerator<Step, void, undefined>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event; waits only when the current batch is used up. */
  next(): Promise<IteratorResult<StreamEvent, undefined>> {
    // A caller that does not wait for one result before asking again gets them in order.
    if (this.pulling) return this.pulling.then(() => this.next());
    if (this.index < this.batch.length) return Promise.resolve({ value: this.batch[this.index++], done: false });
    // pull() always waits at least once, so it clears `pulling` only after this assignment.
    this.pulling = this.pull();
    return this.pulling;
  }

  /** Stops early: drops buffered events and ends the source, which aborts its request. */
  async return(): Promise<IteratorResult<StreamEvent, undefined>> {
    this.batch = [];
    this.index = 0;
    this.answer = undefined;
    await this.source.return(undefined);
    return DONE;
  }

  private async pull(): Promise<IteratorResult<StreamEvent, undefined>> {
    try {
      for (;;) {
        let batch: readonly StreamEvent[] | undefined;
        if (this.answer) {
          batch = await this.answer.nextBatch();
          if (batch === undefined) this.answer = undefined;
        } else {
          const r = await this.source.next();
          if (r.done) {
            this.batch = [];
            return DONE;
          }
          if (r.value instanceof AnswerReader) this.answer = r.value;
          else batch = r.value;
        }
        if (batch && batch.length > 0) {
          this.batch = batch;
          this.index = 1;
          return { value: batch[0], done: false };
        }
      }
    } finally {
      this.pulling = undefined;
    }
  }
}
