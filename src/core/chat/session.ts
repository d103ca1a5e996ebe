/**
 * ChatSession: one conversation and the request streaming into it. The side panel's is shared by
 * the chat view, "Open Chat in Editor" and the editor commands, so each of them shows the same
 * streaming reply; each chat editor has one of its own, streaming independently.
 * It knows nothing of VS Code: the stream and the endpoint come in as functions.
 */

import { costAtPrices, type EndpointMemory, type RequestTarget, SetupError, type StreamFn } from '../client';
import {
  type Attachment,
  type ContextState,
  createContextState,
  type FittedRequest,
  messageWithAttachments,
  resolveWindow,
  streamFitted,
} from '../context';
import {
  type AnyTool,
  fittedSend,
  resultCapChars,
  type StepWording,
  type ToolHost,
  ToolLoop,
  type ToolMode,
  withoutNativeTools,
} from '../tools';
import type { ChatMessage, ErrorKind } from '../types';
import { type Chat, type ChatTurn, createChat, newId, type TurnRequest } from './transcript';
import { foldEvent, type SessionEvent } from './turnFold';

export { type RequestTarget, SetupError, type StreamFn };

/** One request of a session: what is sent before the answer, and how the answer's turn is treated. */
interface RunRequest {
  /** The messages before the answer, the question last. */
  history: ChatMessage[];
  /** A system prompt that replaces the configured one (the editor commands' rules). */
  systemPrompt?: string;
  /** Continue: the answer goes on after the turn's text instead of replacing it. */
  append?: boolean;
  /** The turn was just added (and announced as streaming), not reused (retry, continue). */
  fresh?: boolean;
  /** The model may call tools (a chat question; the editor commands ask without). */
  withTools?: boolean;
}

/** The prompt used to ask for the rest of an answer cut off by `length` or an interruption. */
export const CONTINUE_PROMPT =
  'Continue exactly where your previous answer stopped. Do not repeat anything, do not add an introduction.';

/** The prompt that asks for a summary of the conversation, for "summarise and continue". */
export const SUMMARY_PROMPT =
  'Summarise our conversation so far for yourself, so that we can continue it without the full history: ' +
  'the goal, the decisions made, the facts and code details that matter, and the open questions. ' +
  'Be complete but brief; write it as notes, not as an answer to me.';

/**
 * How to ask: the task, a system prompt that replaces the configured one for this request (editor
 * commands use their own), and any context. Kept on the answer as its `request`, so Regenerate,
 * Continue and Edit and resend ask the same way. Without a task it is a plain chat question.
 * `attachments` (editor context, shown as chips) stay with the question's own turn.
 */
export type AskOptions = Partial<TurnRequest> & { attachments?: Attachment[] };

/** The tools a chat question may use, resolved afresh for each answer (settings and trust may change). */
export interface SessionTools {
  host: ToolHost;
  /** The tools offered (see `offeredTools`). */
  tools: readonly AnyTool[];
  mode: ToolMode;
  /** Most requests per question (default 25). */
  maxRounds?: number;
  /** Most characters of one result; by default a share of the model's window. */
  maxResultChars?: number;
  /** Where a server's refusal of native tools is remembered. */
  memory?: EndpointMemory;
  /** Words the step lines (default English): the extension's localisation. */
  wording?: StepWording;
}

export class ChatSession {
  private current: Chat;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  private readonly now: () => number;
  /** Token counts, calibration and learned windows: shared by every chat of this session. */
  readonly context: ContextState;
  /** Each turn's request message, kept so that its token count stays cached across requests. */
  private readonly messages = new WeakMap<ChatTurn, { text: string; message: ChatMessage }>();
  private readonly tools:
    | ((turnId: string) => SessionTools | undefined | Promise<SessionTools | undefined>)
    | undefined;

  constructor(
    private readonly stream: StreamFn,
    private readonly resolveTarget: () => Promise<RequestTarget>,
    options: {
      now?: () => number;
      chat?: Chat;
      context?: ContextState;
      /**
       * The tools for chat questions, asked with the answer's turn id (its edits collect in that
       * answer's change set); none (or `undefined` from it) means plain answers.
       */
      tools?: (turnId: string) => SessionTools | undefined | Promise<SessionTools | undefined>;
    } = {},
  ) {
    this.tools = options.tools;
    this.now = options.now ?? Date.now;
    this.current = options.chat ?? createChat(this.now());
    this.context = options.context ?? createContextState();
  }

  /** The conversation. Treat as read-only; change it through the session's methods. */
  get chat(): Chat {
    return this.current;
  }

  /** True while a reply streams. */
  get busy(): boolean {
    return this.controller !== undefined;
  }

  /** Subscribes to session events; returns the unsubscribe function. */
  onEvent(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: SessionEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  /** Turns the model's tools on or off for this chat (kept with the chat). */
  setTools(on: boolean): void {
    this.current.tools = on;
    this.emit({ type: 'chatSettings' });
  }

  /** Replaces the conversation (new chat, or one opened from history), stopping any reply first. */
  async replaceChat(chat: Chat = createChat(this.now())): Promise<void> {
    await this.stop();
    this.current = chat;
    this.emit({ type: 'chatReplaced' });
  }

  /**
   * Adds a user message and streams the reply. Resolves with the finished assistant turn
   * (whatever its status); never rejects for request failures, which land in `turn.error`.
   * Throws if a reply is already streaming.
   */
  async ask(text: string, options: AskOptions = {}): Promise<ChatTurn> {
    this.assertIdle();
    const user: ChatTurn = { id: newId(), role: 'user', text, status: 'complete' };
    if (options.attachments?.length) user.attachments = options.attachments;
    this.push(user);
    return this.reply(options);
  }

  /** Answers the last user message again, the way it was asked, replacing assistant turns from `turnId` on. */
  async regenerate(turnId: string): Promise<ChatTurn | undefined> {
    this.assertIdle();
    const i = this.indexOf(turnId);
    const turn = this.current.turns[i];
    if (turn?.role !== 'assistant') return undefined;
    this.truncate(i);
    return this.reply(turn.request);
  }

  /**
   * Replaces a user message's text (keeping its attachments), drops everything after it, and asks
   * again the way it was asked.
   */
  async editResend(turnId: string, text: string): Promise<ChatTurn | undefined> {
    this.assertIdle();
    const i = this.indexOf(turnId);
    if (i < 0 || this.current.turns[i]?.role !== 'user') return undefined;
    const answer = this.current.turns[i + 1];
    const request = answer?.role === 'assistant' ? answer.request : undefined;
    const attachments = this.current.turns[i].attachments;
    this.truncate(i);
    return this.ask(text, { ...request, attachments });
  }

  /**
   * Summarise and continue: asks the model to summarise the conversation before the last question
   * (as much of it as fits), shows the summary as a turn, and answers the last question again from
   * the summary on, the way it was asked: requests no longer send the turns before the summary.
   */
  async summariseAndContinue(): Promise<ChatTurn | undefined> {
    this.assertIdle();
    const turns = this.current.turns;
    let q = turns.length - 1;
    while (q >= 0 && turns[q].role !== 'user') q--;
    if (q <= 0) return undefined;
    const question = turns[q];
    const answer = turns[q + 1];
    const request = answer?.role === 'assistant' ? answer.request : undefined;
    this.truncate(q);
    const summary: ChatTurn = {
      id: newId(),
      role: 'assistant',
      text: '',
      status: 'streaming',
      summary: true,
      request: { task: 'chat' },
    };
    const history = this.messagesBefore(q);
    this.push(summary);
    await this.run(summary, { history: [...history, { role: 'user', content: SUMMARY_PROMPT }], fresh: true });
    if (summary.status !== 'complete') return summary;
    return this.ask(question.text, { ...request, attachments: question.attachments });
  }

  /** Asks for the rest of an assistant turn (after `length` or an interruption) and joins it to the same turn. */
  async continueTurn(turnId: string): Promise<ChatTurn | undefined> {
    this.assertIdle();
    const i = this.indexOf(turnId);
    const turn = this.current.turns[i];
    if (turn?.role !== 'assistant') return undefined;
    this.truncate(i + 1);
    const history = this.messagesBefore(i, turn.request);
    // The answer so far with its tool rounds, so the rest builds on what it looked at.
    history.push(...this.messagesOf(turn), { role: 'user', content: CONTINUE_PROMPT });
    await this.run(turn, { history, systemPrompt: turn.request?.systemPrompt, append: true });
    return turn;
  }

  /**
   * Takes out the questions that failed only because nothing was set up (a `config` error and no
   * text): once a provider works they are noise, and the chat may look empty again. Resolves with
   * the questions taken out, oldest first (to offer them again); none while a reply streams.
   */
  dropSetupFailures(): string[] {
    if (this.busy) return [];
    const turns = this.current.turns;
    const dropped: string[] = [];
    const kept: ChatTurn[] = [];
    for (let i = 0; i < turns.length; i++) {
      const answer = turns[i + 1];
      const failed = answer?.role === 'assistant' && answer.status === 'error' && answer.error?.kind === 'config';
      if (turns[i].role === 'user' && failed && !answer.text) {
        dropped.push(turns[i].text);
        i++;
      } else kept.push(turns[i]);
    }
    if (!dropped.length) return [];
    this.current.turns = kept;
    this.current.updatedAt = this.now();
    this.emit({ type: 'chatReplaced' });
    return dropped;
  }

  /** Stops the streaming reply, keeping its text (marked interrupted). Resolves when it has ended. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
  }

  private assertIdle(): void {
    if (this.busy) throw new Error('A reply is still streaming; stop it first.');
  }

  private indexOf(turnId: string): number {
    return this.current.turns.findIndex((t) => t.id === turnId);
  }

  private push(turn: ChatTurn): void {
    this.current.turns.push(turn);
    this.current.updatedAt = this.now();
    this.emit({ type: 'turnAdded', turn });
  }

  private truncate(fromIndex: number): void {
    if (fromIndex >= this.current.turns.length) return;
    this.current.turns.splice(fromIndex);
    this.current.updatedAt = this.now();
    this.emit({ type: 'truncated', fromIndex });
  }

  /**
   * The conversation before turn `end`, as request messages: from the last summary on, failed turns
   * without text left out, attachments in their delimited blocks; for a request asked on its own
   * ({@link TurnRequest.alone}), only its question (the last user turn before `end`). The same message
   * objects are returned for unchanged turns, so their token counts stay cached.
   */
  private messagesBefore(end: number, request?: TurnRequest): ChatMessage[] {
    const turns = this.current.turns.slice(0, end);
    let start = 0;
    for (let i = turns.length - 1; i >= 0; i--) {
      if (request?.alone ? turns[i].role === 'user' : turns[i].summary && turns[i].status === 'complete') {
        start = i;
        break;
      }
    }
    return turns
      .slice(start)
      .filter((t) => t.text.length > 0 || (t.exchange?.length ?? 0) > 0)
      .flatMap((t) => this.messagesOf(t));
  }

  /** A turn's request messages: its tool rounds (if any), then its message with the text after the last step. */
  private messagesOf(t: ChatTurn): ChatMessage[] {
    if (!t.exchange?.length) return [this.messageOf(t)];
    const last = t.steps?.at(-1)?.at ?? 0;
    const rest = t.text.slice(last);
    return rest ? [...t.exchange, { role: 'assistant', content: rest }] : [...t.exchange];
  }

  private messageOf(t: ChatTurn): ChatMessage {
    const kept = this.messages.get(t);
    if (kept && kept.text === t.text) return kept.message;
    const message: ChatMessage = t.summary
      ? { role: 'user', content: `A summary of our conversation so far:\n\n${t.text}` }
      : { role: t.role, content: messageWithAttachments(t.text, t.attachments) };
    this.messages.set(t, { text: t.text, message });
    return message;
  }

  private async reply(options: AskOptions = {}): Promise<ChatTurn> {
    const request: TurnRequest = { task: options.task ?? 'chat' };
    if (options.systemPrompt !== undefined) request.systemPrompt = options.systemPrompt;
    if (options.alone) request.alone = true;
    if (options.context !== undefined) request.context = options.context;
    const turn: ChatTurn = { id: newId(), role: 'assistant', text: '', status: 'streaming', request };
    const history = this.messagesBefore(this.current.turns.length, request);
    this.push(turn);
    await this.run(turn, {
      history,
      systemPrompt: options.systemPrompt,
      fresh: true,
      withTools: request.task === 'chat',
    });
    return turn;
  }

  private async run(
    turn: ChatTurn,
    { history, systemPrompt, append = false, fresh = false, withTools = false }: RunRequest,
  ): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    let done!: () => void;
    this.running = new Promise<void>((r) => (done = r));
    this.emit({ type: 'busy', busy: true });
    if (!append) turn.text = '';
    turn.status = 'streaming';
    turn.startedAt = this.now();
    turn.firstTokenAt = undefined;
    turn.endedAt = undefined;
    delete turn.error;
    delete turn.finishReason;
    delete turn.notice;
    if (!append) {
      delete turn.reasoning;
      delete turn.steps;
      delete turn.exchange;
      delete turn.toolStop;
    }
    // A new turn was just announced as streaming; an existing one (retry, continue) changed state.
    if (!fresh) this.emit({ type: 'turnUpdated', turn });
    try {
      const target = await this.resolveTarget();
      turn.model = target.model;
      const system = systemPrompt ?? target.systemPrompt;
      // The question is the last message; when it is a user turn's, its attachments go separately so they can be cut.
      const last = history.length - 1;
      // Which turn each message is, for the question's attachments and the first turn still sent.
      const turnOf = new Map<ChatMessage, ChatTurn>();
      for (const t of this.current.turns) {
        const m = this.messages.get(t)?.message;
        if (m) turnOf.set(m, t);
      }
      const asked = turnOf.get(history[last]);
      const sentTurnIds = history.map((m) => turnOf.get(m)?.id);
      const question: ChatMessage = asked ? { role: 'user', content: asked.text } : history[last];
      const spec: FittedRequest = {
        endpoint: target.endpoint,
        endpointKey: target.endpointKey ?? target.endpoint.baseUrl,
        request: {
          model: target.model,
          temperature: target.temperature,
          maxTokens: target.maxTokens,
          extraBody: target.extraBody,
        },
        conversation: { system, history: history.slice(0, last), question, attachments: asked?.attachments },
        window: { setting: target.contextTokens, server: target.serverWindowTokens },
        ollama: target.ollama,
      };
      const kit = withTools ? await this.tools?.(turn.id) : undefined;
      const loop =
        kit && kit.mode !== 'off' && kit.tools.length > 0
          ? new ToolLoop({
              send: fittedSend(this.stream, spec, this.context),
              host: kit.host,
              tools: kit.tools,
              mode: kit.mode,
              signal: controller.signal,
              maxRounds: kit.maxRounds,
              maxResultChars: kit.maxResultChars ?? this.resultCap(spec),
              memory: kit.memory,
              wording: kit.wording,
              endpointKey: spec.endpointKey,
              model: target.model,
            })
          : undefined;
      const events = loop
        ? loop.run()
        : streamFitted(
            this.stream,
            {
              ...spec,
              conversation: { ...spec.conversation, history: withoutNativeTools(spec.conversation.history) },
            },
            this.context,
            controller.signal,
          );
      // Read while the answer streams; a failed read means no prices, never an error of the answer.
      const prices = target.prices?.catch(() => undefined);
      const run = { runStart: turn.text.length, sentTurnIds, now: this.now };
      try {
        for await (const ev of events) {
          const told = foldEvent(turn, ev, run);
          if (told) this.emit(told);
        }
      } finally {
        if (loop && loop.exchange.length > 0) turn.exchange = loop.exchange;
      }
      await this.priceUsage(turn, prices);
    } catch (e) {
      if (!controller.signal.aborted) {
        const kind: ErrorKind = e instanceof SetupError ? e.kind : 'api';
        turn.error = { kind, message: e instanceof Error ? e.message : String(e) };
      }
    } finally {
      if (turn.status === 'streaming') {
        // Ended without a finish event: stopped by the user, or a setup error before the request.
        if (controller.signal.aborted) turn.finishReason = 'abort';
        turn.status = turn.error && !turn.text ? 'error' : 'interrupted';
      }
      turn.endedAt = this.now();
      this.current.updatedAt = turn.endedAt;
      this.controller = undefined;
      this.emit({ type: 'turnUpdated', turn });
      this.emit({ type: 'busy', busy: false });
      done();
    }
  }

  /** The most characters one tool result may take: a share of the window this request will be fitted to. */
  private resultCap(spec: FittedRequest): number {
    const learned = this.context.memory.get(spec.endpointKey, spec.request.model);
    return resultCapChars(resolveWindow({ ...spec.window, learned }).tokens);
  }

  /**
   * Gives the turn's usage a cost from the model list's prices when the server reported none
   * (OpenRouter reports `usage.cost`; a gateway may only list prices). Without prices: no cost.
   */
  private async priceUsage(turn: ChatTurn, prices: RequestTarget['prices']): Promise<void> {
    const usage = turn.usage;
    if (!usage || usage.cost !== undefined || !prices) return;
    const listed = await prices;
    const cost = listed && costAtPrices(usage, listed);
    if (cost === undefined) return;
    usage.cost = cost;
    usage.priced = true;
  }
}
