/**
 * Hands out events that an async source produces in batches (one batch per network chunk), so
 * that a chunk costs one resumption of the source and an event costs one resolved promise.
 * With one event per chunk, as real servers send them, the generator machinery otherwise costs
 * as much as parsing.
 */
import type { StreamEvent } from './types';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** An async iterator over the events of batches; `return()` ends the source (its `finally` runs). */
export class EventIterator implements AsyncIterableIterator<StreamEvent> {
  private batch: readonly StreamEvent[] = [];
  private next_ = 0;
  private pulling: Promise<IteratorResult<StreamEvent, undefined>> | undefined;

  constructor(private readonly source: AsyncGenerator<readonly StreamEvent[], void, undefined>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event; waits for the source only when the current batch is used up. */
  next(): Promise<IteratorResult<StreamEvent, undefined>> {
    // A caller that does not wait for one result before asking again gets them in order.
    if (this.pulling) return this.pulling.then(() => this.next());
    if (this.next_ < this.batch.length) return Promise.resolve({ value: this.batch[this.next_++], done: false });
    const pulling = this.pull();
    this.pulling = pulling;
    return pulling.finally(() => {
      if (this.pulling === pulling) this.pulling = undefined;
    });
  }

  /** Stops early: drops buffered events and ends the source, which aborts its request. */
  async return(): Promise<IteratorResult<StreamEvent, undefined>> {
    this.batch = [];
    this.next_ = 0;
    await this.source.return(undefined);
    return DONE;
  }

  private async pull(): Promise<IteratorResult<StreamEvent, undefined>> {
    for (;;) {
      const r = await this.source.next();
      if (r.done) {
        this.batch = [];
        return DONE;
      }
      if (r.value.length > 0) {
        this.batch = r.value;
        this.next_ = 1;
        return { value: r.value[0], done: false };
      }
    }
  }
}
