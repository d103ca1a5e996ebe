/**
 * Reads a successful response's body: one `reader.read()` per network chunk, each chunk decoded
 * into a batch of events. Written with plain promise callbacks rather than a generator: it runs
 * once per chunk, and servers send a chunk per token.
 */

import type { Redactor } from '../base';
import type { StreamEvent } from '../types';
import type { Attempt } from './attempt';
import { ChatStreamDecoder } from './decode/chatStreamDecoder';
import { errorCode } from './networkErrors';
import { stalledMessage } from './timeouts';

/** What reading needs to know for its messages and limits. */
export interface AnswerContext {
  /** The server's host, for messages. */
  host: string;
  idleMs: number;
  redact: Redactor;
  maxEventChars?: number;
  maxAnswerChars?: number;
}

/** The body of one answer, batch by batch; see {@link nextBatch}. */
export class AnswerReader {
  /** The body was read to its end (or to `[DONE]`): nothing is left to abort. */
  completed = false;
  private finished = false;
  private readonly decoder: ChatStreamDecoder;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private readonly onRead = (result: ReadableStreamReadResult<Uint8Array>): readonly StreamEvent[] => this.take(result);
  private readonly onFail = (err: unknown): readonly StreamEvent[] => {
    this.finished = true;
    return this.stopped(err);
  };

  constructor(
    private readonly attempt: Attempt,
    response: Response,
    private readonly ctx: AnswerContext,
  ) {
    this.decoder = new ChatStreamDecoder({
      redact: ctx.redact,
      maxEventChars: ctx.maxEventChars,
      maxAnswerChars: ctx.maxAnswerChars,
    });
    this.reader = attempt.read(response);
  }

  /**
   * The events of the next chunk (possibly none), or `undefined` once the terminal event has been
   * handed out. Only time spent waiting for the server counts towards the idle timeout: the
   * watchdog holds while a chunk is decoded and while the consumer takes its events.
   */
  nextBatch(): Promise<readonly StreamEvent[] | undefined> | readonly StreamEvent[] | undefined {
    if (this.finished) return undefined;
    if (!this.reader) {
      this.finished = this.completed = true;
      return this.decoder.end();
    }
    this.attempt.watchdog.release();
    return this.reader.read().then(this.onRead, this.onFail);
  }

  private take(result: ReadableStreamReadResult<Uint8Array>): readonly StreamEvent[] {
    this.attempt.watchdog.hold();
    if (this.attempt.stopped) {
      this.finished = true;
      return this.stopped(undefined);
    }
    if (result.done) {
      this.finished = this.completed = true;
      return this.decoder.end();
    }
    const events = this.decoder.push(result.value);
    if (this.decoder.done) this.finished = this.completed = true;
    return events;
  }

  /** The events for a body that stopped without ending: the user's abort, the idle timeout or the network. */
  private stopped(err: unknown): readonly StreamEvent[] {
    if (this.attempt.userAborted) return this.decoder.aborted();
    if (this.attempt.timedOut)
      return this.decoder.failed({ kind: 'timeout', message: stalledMessage(this.ctx.idleMs) });
    const code = errorCode(err);
    return this.decoder.failed({
      kind: 'network',
      message: `The connection to ${this.ctx.redact(this.ctx.host)} broke during the answer${code ? ` (${code})` : ''}. Try again.`,
    });
  }
}
