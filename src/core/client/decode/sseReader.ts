/**
 * The server-sent-events layer: decoded text in, `data` strings out, through eventsource-parser
 * (which handles comments, CR/CRLF/LF line ends, `data:` with or without a space, multi-line data
 * and lines that are not SSE). Bounds the size of one event.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';

/** Receives what {@link SseReader} finds. */
export interface SseSink {
  /** One complete event's data, with the event's name when it had one. */
  data(data: string, event: string | undefined): void;
  /** An event grew past the size limit; the reader accepts no more input. */
  overflow(): void;
  /**
   * A non-standard `error:` field (older llama.cpp servers send their error this way, at HTTP 200,
   * before `data: [DONE]`), with its value.
   */
  errorField(value: string): void;
}

/** Feeds text to eventsource-parser and passes events on; see {@link SseSink}. */
export class SseReader {
  private readonly parser: EventSourceParser;
  private stopped = false;

  constructor(
    private readonly sink: SseSink,
    private readonly maxChars: number,
  ) {
    this.parser = createParser({
      onEvent: (e) => {
        // The parser bounds what it buffers between feeds; an event that arrives whole in one
        // feed is bounded here, so the limit holds however the bytes were cut.
        if (e.data.length > this.maxChars) this.stop();
        else if (!this.stopped) sink.data(e.data, e.event);
      },
      onError: (e) => {
        if (e.type === 'max-buffer-size-exceeded') this.stop();
        else if (e.type === 'unknown-field' && e.field === 'error' && !this.stopped) sink.errorField(e.value ?? '');
        // Other unknown fields and bad `retry` values are lines that are not SSE: ignored, like comments.
      },
      maxBufferSize: maxChars,
    });
  }

  /** Feeds decoded text (any cut: inside lines, between CR and LF). */
  feed(text: string): void {
    if (!this.stopped) this.parser.feed(text);
  }

  /** The body ended: dispatches a last event that lacked its closing blank line. */
  end(): void {
    if (!this.stopped) this.parser.feed('\n\n');
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.sink.overflow();
  }
}
