/**
 * The synchronous heart of the stream: response body bytes in, typed {@link StreamEvent}s out.
 * Layers: `TextDecoder` (`stream: true`, so UTF-8 characters split across chunks survive) →
 * {@link SseReader} (eventsource-parser) → `JSON.parse` → events.
 * `[DONE]`, in-stream error objects and the end of the body are decided here, so every consumer
 * sees the same rules. It knows nothing about I/O: the async layer feeds it and stops reading once
 * {@link ChatStreamDecoder.done} is set.
 */

import type { Redactor } from '../../base';
import type { FinishReason, StreamEvent } from '../../types';
import { type ErrorInfo, errorInfo } from '../errors';
import { describeStreamError } from '../httpErrors';
import { mapFinishReason } from './finishReason';
import { SseReader } from './sseReader';
import { ThinkSplitter } from './thinkSplitter';
import { ToolCallAssembler, type ToolCallFragment } from './toolCalls';
import { checkedUsage } from './usage';

/** The largest event (or non-streaming JSON body) accepted by default: 16 Mi characters (≥ 16 MiB). */
export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

/**
 * The most answer one stream may deliver by default: text, reasoning and tool-call arguments
 * together, 16 Mi characters (about 4 million tokens, far beyond any model's output). A body that
 * decompresses to more (a gzip bomb, a server stuck in a loop) is stopped before it exhausts memory.
 */
export const DEFAULT_MAX_ANSWER_CHARS = 16 * 1024 * 1024;

/** Options of a {@link ChatStreamDecoder}. */
export interface DecoderOptions {
  /** Characters one event may hold before the stream is stopped with a `protocol` error. */
  maxEventChars?: number;
  /** Characters of text, reasoning and tool-call arguments together before the stream is stopped. */
  maxAnswerChars?: number;
  /** Applied to any server text quoted in error messages. */
  redact?: Redactor;
}

interface Usage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  total_tokens?: unknown;
  /** What the request cost, as OpenRouter reports it (in its credits, US dollars). */
  cost?: unknown;
}

const STREAM = { stream: true } as const;
const identity: Redactor = (s) => s;

/**
 * The answer's choice in a chunk: the one with `index` 0 (or without an index, as single-choice
 * servers send it). A server asked for several choices (`n > 1`, or a gateway that ignores `n`)
 * interleaves them, and a chunk may then carry only another choice's delta: that is not the answer.
 */
function answerChoice(choices: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(choices)) return undefined;
  // The usual chunk: one choice, the answer's. Checked first without a loop (once per token).
  const first = choices[0] as { index?: unknown } | null | undefined;
  if (first && typeof first === 'object' && (first.index === 0 || first.index === undefined || first.index === null))
    return first as Record<string, unknown>;
  for (const c of choices) {
    if (!c || typeof c !== 'object') continue;
    const index = (c as { index?: unknown }).index;
    if (index === undefined || index === null || index === 0) return c as Record<string, unknown>;
  }
  return undefined;
}

/** The tool-call argument characters in a delta (`tool_calls`, or the older `function_call`). */
function argumentChars(delta: Record<string, unknown>, calls: unknown): number {
  let n = 0;
  if (Array.isArray(calls)) {
    for (const c of calls) {
      const args = (c as ToolCallFragment | null)?.function?.arguments;
      if (typeof args === 'string') n += args.length;
    }
  } else {
    const args = (delta.function_call as ToolCallFragment['function'] | null | undefined)?.arguments;
    if (typeof args === 'string') n += args.length;
  }
  return n;
}

/**
 * Decodes one response body. Each call returns the events it completed, in order; after a `finish`
 * or `error` event {@link done} is true and further input is ignored.
 *
 * The body's format is sniffed from its first visible character, not trusted from the content type:
 * `{` or `[` is a whole JSON answer (a server that ignored `stream: true`, or an error object),
 * `<` is an HTML page (an error), anything else is server-sent events.
 */
export class ChatStreamDecoder {
  /** A `finish` or `error` event has been produced; stop reading. */
  done = false;
  /** Text or reasoning has been produced: a later error is reported as `interrupted`. */
  produced = false;

  private readonly decoder = new TextDecoder('utf-8');
  private readonly sse: SseReader;
  private readonly maxChars: number;
  private readonly maxAnswerChars: number;
  /** Text, reasoning and tool-call argument characters delivered so far. */
  private answerChars = 0;
  private readonly redact: Redactor;
  private readonly think = new ThinkSplitter();
  private readonly tools = new ToolCallAssembler();
  private format: 'unknown' | 'sse' | 'json' = 'unknown';
  /** Text read before the format was known, or the whole JSON body. */
  private pending: string[] = [];
  private pendingChars = 0;
  private out: StreamEvent[] = [];
  private sawChunk = false;
  private finishReason: FinishReason | undefined;
  private usage: Usage | undefined;

  constructor(options: DecoderOptions = {}) {
    this.maxChars = options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
    this.maxAnswerChars = options.maxAnswerChars ?? DEFAULT_MAX_ANSWER_CHARS;
    this.redact = options.redact ?? identity;
    this.sse = new SseReader(
      {
        data: (data, event) => this.onData(data, event),
        overflow: () => this.overflow(),
        errorField: (value) => this.onData(value, 'error'),
      },
      this.maxChars,
    );
  }

  /** Feeds a chunk of the body. */
  push(bytes: Uint8Array): StreamEvent[] {
    const out: StreamEvent[] = (this.out = []);
    if (this.done) return out;
    const text = this.decoder.decode(bytes, STREAM);
    if (text.length === 0) return out;
    if (this.format === 'sse') this.sse.feed(text);
    else this.route(text);
    return out;
  }

  /** The body ended normally. Produces the terminal event if none came yet. */
  end(): StreamEvent[] {
    const out: StreamEvent[] = (this.out = []);
    if (this.done) return out;
    const tail = this.decoder.decode();
    if (tail) this.route(tail);
    if (this.format === 'json') {
      this.endJson();
      return out;
    }
    // Some servers do not end their last event with a blank line; dispatch it anyway.
    if (this.format === 'sse' && !this.done) this.sse.end();
    if (this.done) return out;
    if (this.finishReason) this.complete(this.finishReason);
    else if (!this.sawChunk)
      this.fail({
        kind: 'protocol',
        message: 'The server closed the connection without sending an answer. Check the base URL and the model name.',
      });
    else
      this.fail({
        kind: 'protocol',
        message: 'The answer stopped early: the server closed the stream before the answer was finished.',
      });
    return out;
  }

  /**
   * The transport failed mid-body (network error, idle timeout). If the server had already given a
   * finish reason the answer is complete and finishes normally; otherwise an `error` event.
   */
  failed(info: ErrorInfo): StreamEvent[] {
    const out: StreamEvent[] = (this.out = []);
    if (this.done) return out;
    if (this.finishReason) this.complete(this.finishReason);
    else this.fail(info);
    return out;
  }

  /** The user cancelled: held-back text is released, then `finish` with reason `abort`. */
  aborted(): StreamEvent[] {
    const out: StreamEvent[] = (this.out = []);
    if (this.done) return out;
    this.think.flush(out);
    this.terminal({ type: 'finish', reason: 'abort' });
    return out;
  }

  /** Routes decoded text while the format is unknown or JSON. */
  private route(text: string): void {
    if (this.format === 'sse') {
      this.sse.feed(text);
      return;
    }
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.format === 'unknown') {
      const first = /\S/.exec(text);
      if (!first) {
        // Whitespace before the body's first character is buffered too, so it is bounded too.
        if (this.pendingChars > this.maxChars) this.overflow();
        return;
      }
      const c = text.charCodeAt(first.index);
      if (c === 0x3c /* < */) {
        // An HTML page labelled as something else: a proxy's error or login page.
        this.pending = [];
        this.fail({
          kind: 'protocol',
          message:
            'The server answered with an HTML page instead of an event stream. Check the base URL: it should point at the API (often ending in /v1), not a website.',
        });
        return;
      }
      this.format = c === 0x7b /* { */ || c === 0x5b /* [ */ ? 'json' : 'sse';
      if (this.format === 'sse') {
        const all = this.pending.join('');
        this.pending = [];
        this.pendingChars = 0;
        this.sse.feed(all);
        return;
      }
    }
    if (this.pendingChars > this.maxChars) this.overflow();
  }

  private endJson(): void {
    const body = this.pending.join('');
    this.pending = [];
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      this.fail({
        kind: 'protocol',
        message: 'The server answered with JSON that could not be read (cut short or malformed).',
      });
      return;
    }
    if (payload && typeof payload === 'object' && !Array.isArray(payload))
      this.onChunk(payload as Record<string, unknown>);
    else if (Array.isArray(payload)) this.fail(describeStreamError(payload, this.redact));
    if (this.done) return;
    if (this.sawChunk) this.complete(this.finishReason ?? 'stop');
    else this.fail({ kind: 'protocol', message: 'The server answered with JSON that holds no answer.' });
  }

  private onData(data: string, event: string | undefined): void {
    if (this.done) return;
    if (event === 'error') {
      let payload: unknown = data;
      try {
        payload = JSON.parse(data);
      } catch {
        // Plain text after `event: error` is the message itself.
      }
      this.fail(describeStreamError(payload, this.redact));
      return;
    }
    if (data === '[DONE]' || (data.length < 16 && data.trim() === '[DONE]')) {
      if (!this.sawChunk) {
        this.fail({
          kind: 'protocol',
          message:
            'The server ended the stream without sending anything usable. Check the model name and that the server supports streaming chat.',
        });
      } else {
        this.complete(this.finishReason ?? 'stop');
      }
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      // A non-JSON line (a proxy's status text, a stray log line): nothing to show, keep reading.
      return;
    }
    if (chunk !== null && typeof chunk === 'object') this.onChunk(chunk as Record<string, unknown>);
  }

  /** One parsed chunk (or a whole non-streaming completion). */
  private onChunk(chunk: Record<string, unknown>): void {
    if ((chunk.error !== undefined && chunk.error !== null) || chunk.object === 'error') {
      this.fail(describeStreamError(chunk, this.redact));
      return;
    }
    this.sawChunk = true;
    const choice = answerChoice(chunk.choices);
    if (choice) {
      const delta = (choice.delta ?? choice.message) as Record<string, unknown> | null | undefined;
      if (delta && typeof delta === 'object') this.onDelta(delta);
      const reason = choice.finish_reason;
      if (typeof reason === 'string' && reason !== '') {
        if (reason === 'error') {
          this.fail({ kind: 'api', message: 'The server stopped the answer with an error and gave no details.' });
          return;
        }
        this.finishReason = mapFinishReason(reason);
      }
    }
    const usage = chunk.usage ?? (chunk.x_groq as { usage?: unknown } | undefined)?.usage;
    if (usage !== null && typeof usage === 'object') this.usage = usage as Usage;
  }

  private onDelta(delta: Record<string, unknown>): void {
    const out = this.out;
    // Each field is read once: this runs once per token.
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    const content = delta.content;
    const calls = delta.tool_calls;
    let chars = 0;
    if (typeof content === 'string') chars += content.length;
    if (typeof reasoning === 'string') chars += reasoning.length;
    if (calls !== undefined || delta.function_call !== undefined) chars += argumentChars(delta, calls);
    if (!this.withinAnswerCap(chars)) return;
    if (typeof reasoning === 'string' && reasoning !== '') {
      this.produced = true;
      out.push({ type: 'reasoning', text: reasoning });
    }
    if (typeof content === 'string' && content !== '') {
      this.produced = true;
      this.think.push(content, out);
    }
    if (Array.isArray(calls)) this.tools.push(calls as ToolCallFragment[]);
    else if (delta.function_call && typeof delta.function_call === 'object') {
      // The pre-tools `function_call` shape: one call, no id.
      this.tools.push([{ index: 0, function: delta.function_call as ToolCallFragment['function'] }]);
    }
  }

  /**
   * Counts a delta's `chars` (text, reasoning and tool-call arguments) against the answer cap; past
   * it the stream ends with an error (what came before stays, marked interrupted) and the delta is
   * dropped.
   */
  private withinAnswerCap(chars: number): boolean {
    this.answerChars += chars;
    if (this.answerChars <= this.maxAnswerChars) return true;
    const mb = Math.round(this.maxAnswerChars / (1024 * 1024));
    this.fail({
      kind: 'protocol',
      message: `The answer grew past ${mb} MB (text, reasoning and tool-call arguments together); the stream was stopped. What arrived before is kept.`,
    });
    return false;
  }

  private overflow(): void {
    const mb = Math.round(this.maxChars / (1024 * 1024));
    this.pending = [];
    this.fail({
      kind: 'protocol',
      message: `An event from the server was larger than ${mb} MB; the stream was stopped.`,
    });
  }

  private complete(reason: FinishReason): void {
    const out = this.out;
    this.think.flush(out);
    this.tools.drain(out);
    const usage = this.usage && checkedUsage(this.usage);
    if (usage) out.push({ type: 'usage', ...usage });
    this.terminal({ type: 'finish', reason });
  }

  private fail(info: ErrorInfo): void {
    this.think.flush(this.out);
    this.terminal({ type: 'error', ...errorInfo(info), interrupted: this.produced });
  }

  private terminal(event: StreamEvent): void {
    this.out.push(event);
    this.done = true;
  }
}
