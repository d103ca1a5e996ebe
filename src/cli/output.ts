/**
 * Writes the stream's events for a terminal or a pipe: plain text, or one JSON object per line.
 * Every write respects backpressure, so a multi-megabyte answer arrives whole through a slow pipe.
 */
import { once } from 'node:events';
import type { StreamEvent } from '../core/types';
import { stripControls } from './terminalText';

/** A writable stream that may push back (stdout, stderr). */
export interface Sink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
}

/** Writes `text`, waiting for `drain` when the sink's buffer is full. */
export async function put(sink: Sink, text: string): Promise<void> {
  if (!sink.write(text)) await once(sink as unknown as NodeJS.EventEmitter, 'drain');
}

/**
 * Writes one note or error line, `rill: TEXT`, to stderr. On a terminal its control characters
 * are stripped first: an error can quote a file or a server (a JSON parse error quotes the text),
 * and `ESC ] 52` there would write the clipboard. Every line the tool writes to stderr goes here.
 */
export function putNote(err: Sink, text: string): Promise<void> {
  return put(err, `rill: ${err.isTTY ? stripControls(text) : text}\n`);
}

/** Receives every event of one answer, in order. */
export interface EventPrinter {
  print(event: StreamEvent): Promise<void>;
  /** The stream ended: finish the output. */
  end(): Promise<void>;
}

const FINISH_NOTES: Record<string, string> = {
  length: 'the answer reached the token limit (raise --max-tokens)',
  tool_calls: 'the model asked to call tools',
  content_filter: 'the provider’s content filter stopped the answer',
  abort: 'cancelled',
};

/** Plain mode: the answer on stdout, notes and errors on stderr. */
export class PlainPrinter implements EventPrinter {
  private lastChar = '\n';
  private reasoningChars = 0;

  constructor(
    private readonly out: Sink,
    private readonly err: Sink,
  ) {}

  async print(e: StreamEvent): Promise<void> {
    switch (e.type) {
      case 'text': {
        // Through a pipe the answer's bytes pass unchanged; a terminal would obey its escapes.
        const text = this.out.isTTY ? stripControls(e.text) : e.text;
        if (!text) return;
        this.lastChar = text[text.length - 1];
        return put(this.out, text);
      }
      case 'reasoning':
        this.reasoningChars += e.text.length;
        return;
      case 'textWasReasoning':
        return this.note(`the text above (${e.chars} characters) was the model’s reasoning; the answer follows`);
      case 'toolCall':
        return this.note(`tool call ${e.id}: ${e.name}(${e.arguments})`);
      case 'usage':
        return this.note(
          `usage: ${e.promptTokens} prompt + ${e.completionTokens} completion = ${e.totalTokens} tokens`,
        );
      case 'retry':
        return this.note(`retry ${e.attempt} in ${(e.delayMs / 1000).toFixed(1)} s: ${e.message}`);
      case 'finish':
        if (this.reasoningChars > 0)
          await this.note(`${this.reasoningChars} characters of reasoning not shown (use --json to see them)`);
        if (e.reason !== 'stop') await this.note(`finished: ${FINISH_NOTES[e.reason] ?? e.reason}`);
        return;
      case 'error':
        return this.note(
          `error (${e.kind}${e.status ? `, HTTP ${e.status}` : ''}): ${e.message}${e.interrupted ? ' The answer above is incomplete.' : ''}`,
        );
    }
  }

  async end(): Promise<void> {
    // End a terminal's last line; a pipe gets exactly the answer's bytes.
    if (this.out.isTTY && this.lastChar !== '\n') await put(this.out, '\n');
  }

  private async note(text: string): Promise<void> {
    if (this.lastChar !== '\n' && this.out.isTTY && this.err.isTTY) {
      await put(this.out, '\n');
      this.lastChar = '\n';
    }
    await putNote(this.err, text);
  }
}

/** `--json` mode: one JSON object per event on stdout. */
export class JsonPrinter implements EventPrinter {
  constructor(private readonly out: Sink) {}

  print(e: StreamEvent): Promise<void> {
    return put(this.out, `${JSON.stringify(e)}\n`);
  }

  async end(): Promise<void> {}
}
