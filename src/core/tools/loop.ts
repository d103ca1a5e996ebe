/**
 * The tools loop: one pure driver for the extension and the CLI. It sends a request, runs the
 * model's tool calls in order, sends their results back, and repeats until an answer comes without
 * calls, within bounds (rounds, repeated calls) and at once on cancellation. It speaks native tool
 * calling or the text protocol, and in `auto` mode falls back from one to the other when the server
 * refuses native tools, remembering that per endpoint and model.
 */
import type { EndpointMemory } from '../client';
import type { ContextEvent } from '../context';
import type { ChatMessage, StreamEvent, ToolCallRequest, ToolSpec, ToolsRefusal } from '../types';
import { capResult, DEFAULT_MAX_ROUNDS, REPEAT_LIMIT } from './limits';
import { type PreparedCall, prepareCall, runPrepared, toolSpecs } from './registry';
import { refused } from './results';
import { type StepWording, stepLine, stepText } from './stepLines';
import { ToolTagParser } from './tagParser';
import { textToolsPrompt, toolResponseMessage } from './textProtocol';
import type { AnyTool, ToolHost, ToolProgress, ToolResult } from './types';

/** `rill.tools` / `--tools`: `auto` native with a text fallback, `native` only, `text` only, `off`. */
export type ToolMode = 'auto' | 'native' | 'text' | 'off';

/** How one request offers the tools. */
export type ToolProtocol = 'native' | 'text' | 'none';

/** One request of the loop, for the caller's `send` to turn into a chat request. */
export interface ToolRound {
  /** 1 for the question's first request. */
  round: number;
  protocol: ToolProtocol;
  /**
   * This answer's messages so far, after the question: each assistant message with its calls,
   * then their results. Send them after the question, as they are.
   */
  exchange: readonly ChatMessage[];
  /** Native tools to put in the request's `tools` (native protocol). */
  tools?: ToolSpec[];
  /** Text to append to the system prompt (text protocol). */
  systemAddition?: string;
}

/** Sends one round: the stream's events (and the context layer's, when it fits the request). */
export type ToolSend = (round: ToolRound, signal: AbortSignal) => AsyncIterable<StreamEvent | ContextEvent>;

/** A call about to run: the step's line while it runs. */
export interface ToolCallEvent {
  type: 'toolCall';
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
  /** "Reading src/retry.ts, lines 1-120". */
  step: string;
  /** How the model made the call. */
  protocol: 'native' | 'text';
}

/** A running call's step changed: it waits for the user's Run, or runs. */
export type ToolProgressEvent = { type: 'toolProgress'; id: string; title: string } & Omit<ToolProgress, 'title'>;

/** A call's result (refusals included); `content` is what the model gets, `summary` the step's line in words. */
export type ToolResultEvent = { type: 'toolResult'; id: string; name: string; summary: string } & Omit<
  ToolResult,
  'summary'
>;

/** The server refused native tools: the round is asked again with the text protocol. */
export interface ToolFallbackEvent {
  type: 'toolFallback';
  reason: ToolsRefusal;
  /** Answer text of the refused round already yielded: views drop its last `retractChars` characters. */
  retractChars: number;
  message: string;
}

/** The loop stopped before the model finished: why, in words for the transcript. */
export interface ToolStopEvent {
  type: 'toolStop';
  reason: 'maxRounds' | 'repeated';
  message: string;
}

/** What the loop yields: the stream's events (its own `toolCall` replaced), the context layer's, and the steps. */
export type ToolLoopEvent =
  | Exclude<StreamEvent, { type: 'toolCall' }>
  | ContextEvent
  | ToolCallEvent
  | ToolProgressEvent
  | ToolResultEvent
  | ToolFallbackEvent
  | ToolStopEvent;

/** Options of a {@link ToolLoop}. */
export interface ToolLoopOptions<H extends ToolHost = ToolHost> {
  send: ToolSend;
  host: H;
  /** The tools offered (see `offeredTools`); none means a plain answer. */
  tools: readonly AnyTool<H>[];
  mode: ToolMode;
  signal: AbortSignal;
  /** Most requests for one question (default {@link DEFAULT_MAX_ROUNDS}). */
  maxRounds?: number;
  /** Most characters of one result (see `resultCapChars`); unbounded when absent. */
  maxResultChars?: number;
  /** Where a refusal of native tools is remembered, under `endpointKey` and `model`. */
  memory?: EndpointMemory;
  endpointKey?: string;
  model?: string;
  /** Words the step lines (default English): the extension passes its localisation. */
  wording?: StepWording;
  /** Clock for {@link ToolLoop.toolMs} (default `performance.now`). */
  now?: () => number;
}

/** The arguments in a canonical form (keys sorted), so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one call. */
function canonical(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          )
        : v,
    );
  } catch {
    return json.trim();
  }
}

/** The result of a call that was not run because the loop stopped or the user cancelled. */
function notRun(name: string, why: string): ToolResult {
  return { ok: false, content: `Not run: ${why}`, summary: stepLine('notRun', name), refusal: 'cancelled' };
}

/**
 * One question's loop. Iterate {@link run} once; afterwards {@link exchange} holds this answer's
 * messages after the question (every call answered, so it can be saved and sent again).
 */
export class ToolLoop<H extends ToolHost = ToolHost> {
  /** The answer's tool messages so far, after the question. */
  readonly exchange: ChatMessage[] = [];
  /** Time spent inside the tools (the host's I/O), in milliseconds. */
  toolMs = 0;
  /** The protocol the last request used. */
  protocol: ToolProtocol;
  private readonly recent: string[] = [];

  constructor(private readonly o: ToolLoopOptions<H>) {
    const remembered = o.memory?.prefersTextTools(o.endpointKey ?? '', o.model ?? '') === true;
    this.protocol =
      o.mode === 'off' || o.tools.length === 0
        ? 'none'
        : o.mode === 'text' || (o.mode === 'auto' && remembered)
          ? 'text'
          : 'native';
  }

  /** Runs one call, yielding its step's progress (an approval asked, a command started) as it comes. */
  private async *runWithProgress(
    prepared: PreparedCall<H>,
    id: string,
  ): AsyncGenerator<ToolProgressEvent, ToolResult, undefined> {
    const queue: ToolProgressEvent[] = [];
    let wake: (() => void) | undefined;
    const progress = (p: ToolProgress) => {
      queue.push({ type: 'toolProgress', id, ...p, title: stepText(p.title, this.o.wording) });
      wake?.();
    };
    let settled = false;
    const running = runPrepared(prepared, this.o.host, this.o.signal, { id, progress }).finally(() => {
      settled = true;
      wake?.();
    });
    for (;;) {
      while (queue.length) yield queue.shift() as ToolProgressEvent;
      if (settled) return running;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = undefined;
    }
  }

  /** Runs the loop; yields the answer's events, ending with exactly one `finish` or `error`. */
  async *run(): AsyncGenerator<ToolLoopEvent, void, undefined> {
    const o = this.o;
    const maxRounds = o.maxRounds ?? DEFAULT_MAX_ROUNDS;
    const specs = toolSpecs(o.tools);
    const prompt = textToolsPrompt(o.tools);
    const now = o.now ?? (() => performance.now());
    let fellBack = false;
    for (let round = 1; ; round++) {
      const protocol = this.protocol;
      const request: ToolRound = { round, protocol, exchange: this.exchange };
      if (protocol === 'native') request.tools = specs;
      if (protocol === 'text') request.systemAddition = prompt;
      // Tags are looked for even with native tools: some servers' parsers miss the calls models write.
      const parser = protocol === 'none' ? undefined : new ToolTagParser(`call_${round}`);
      const native: ToolCallRequest[] = [];
      const shown: string[] = [];
      let shownChars = 0;
      let end: (StreamEvent & { type: 'finish' | 'error' }) | undefined;
      let refusal: ToolsRefusal | undefined;
      for await (const ev of o.send(request, o.signal)) {
        if (ev.type === 'text') {
          const text = parser ? parser.push(ev.text) : ev.text;
          if (text) {
            shown.push(text);
            shownChars += text.length;
            yield { type: 'text', text };
          }
        } else if (ev.type === 'toolCall') {
          native.push({ id: ev.id || `call_${round}_${native.length + 1}`, name: ev.name, arguments: ev.arguments });
        } else if (ev.type === 'finish') {
          end = ev;
        } else if (ev.type === 'error') {
          if (ev.toolsRefused && protocol === 'native' && o.mode === 'auto' && !fellBack) {
            refusal = ev.toolsRefused;
            break;
          }
          end = ev;
        } else yield ev;
      }
      if (refusal) {
        fellBack = true;
        o.memory?.rememberTextTools(o.endpointKey ?? '', o.model ?? '');
        this.protocol = 'text';
        yield {
          type: 'toolFallback',
          reason: refusal,
          retractChars: shownChars,
          message:
            refusal === 'unsupported'
              ? 'The server does not take native tool calls for this model; asking again with tools described in the prompt.'
              : "The server could not read the model's tool calls; asking again with tools described in the prompt.",
        };
        round--;
        continue;
      }
      if (parser) {
        const rest = parser.end();
        if (rest) {
          shown.push(rest);
          yield { type: 'text', text: rest };
        }
      }
      end ??= { type: 'finish', reason: 'stop' };
      if (end.type === 'error' || end.reason === 'abort') {
        yield end;
        return;
      }
      const byText = native.length === 0;
      const calls = byText ? (parser?.calls ?? []) : native;
      if (calls.length === 0 || protocol === 'none') {
        yield end.reason === 'tool_calls' ? { type: 'finish', reason: 'stop' } : end;
        return;
      }
      this.exchange.push(
        byText
          ? { role: 'assistant', content: parser?.rawText ?? '' }
          : { role: 'assistant', content: shown.join(''), toolCalls: calls },
      );
      let stop: ToolStopEvent | undefined =
        round >= maxRounds
          ? {
              type: 'toolStop',
              reason: 'maxRounds',
              message: `Stopped after ${maxRounds} rounds of tool calls, the limit for one question. Ask again to go on.`,
            }
          : undefined;
      const results: { call: ToolCallRequest; result: ToolResult }[] = [];
      for (const call of calls) {
        let result: ToolResult | undefined;
        if (!stop && !o.signal.aborted) {
          const key = `${call.name}\u0000${canonical(call.arguments)}`;
          this.recent.push(key);
          if (this.recent.length > REPEAT_LIMIT) this.recent.shift();
          if (this.recent.length === REPEAT_LIMIT && this.recent.every((k) => k === key))
            stop = {
              type: 'toolStop',
              reason: 'repeated',
              message: `Stopped: the model asked for the same call (${call.name}) ${REPEAT_LIMIT} times in a row.`,
            };
        }
        const prepared = prepareCall(call, o.tools, o.host);
        yield {
          type: 'toolCall',
          id: call.id,
          name: call.name,
          arguments: call.arguments,
          step: stepText(prepared.step, o.wording),
          protocol: byText ? 'text' : 'native',
        };
        if (stop) result = notRun(call.name, stop.message);
        else if (o.signal.aborted) result = refused(call.name, { reason: 'cancelled' });
        else {
          const started = now();
          result = yield* this.runWithProgress(prepared, call.id);
          this.toolMs += now() - started;
          if (o.maxResultChars !== undefined) result.content = capResult(result.content, o.maxResultChars);
        }
        results.push({ call, result });
        yield {
          type: 'toolResult',
          id: call.id,
          name: call.name,
          ...result,
          summary: stepText(result.summary, o.wording),
        };
      }
      if (byText)
        this.exchange.push(toolResponseMessage(results.map((r) => ({ name: r.call.name, content: r.result.content }))));
      else
        for (const { call, result } of results)
          this.exchange.push({ role: 'tool', toolCallId: call.id, content: result.content, toolResultOf: call.name });
      if (o.signal.aborted) {
        yield { type: 'finish', reason: 'abort' };
        return;
      }
      if (stop) {
        yield stop;
        yield { type: 'finish', reason: 'stop' };
        return;
      }
    }
  }
}
