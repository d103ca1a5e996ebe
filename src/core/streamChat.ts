/**
 * `streamChat`: one chat request as an async iterable of {@link StreamEvent}s. This is the I/O
 * shell around {@link ChatStreamDecoder}: it sends the request, retries failures that happen
 * before the answer begins, enforces the idle timeout, turns cancellation into `finish: abort`, and
 * aborts the request when the consumer stops iterating.
 */
import { Attempt, type FetchLike } from './attempt';
import { ChatStreamDecoder } from './chatStreamDecoder';
import { closeNames } from './closeNames';
import { sleep, systemClock, type Clock } from './clock';
import { endpointSecrets, resolveEndpoint, type ResolvedEndpoint } from './endpoint';
import { defaultEndpointMemory, type EndpointMemory } from './endpointMemory';
import { EndpointError, errorInfo, type ErrorInfo } from './errors';
import { describeHttpFailure, isRetryableStatus } from './httpErrors';
import { listModels } from './listModels';
import { describeNetworkError, errorCode } from './networkErrors';
import { makeRedactor, type Redactor } from './redact';
import { buildChatBody, rejectsStreamOptions } from './requestBody';
import { DEFAULT_RETRY_POLICY, RetryBudget, type RetryPolicy } from './retryPolicy';
import { noResponseMessage, stalledMessage } from './timeouts';
import type { ChatRequest, EndpointConfig, StreamEvent } from './types';

/** Options of {@link streamChat}. Everything is optional; the defaults talk to the real network. */
export interface StreamOptions {
  /** The `fetch` to use (default: the global one). */
  fetch?: FetchLike;
  /** Aborting it ends the stream with `finish: abort` and aborts the request. */
  signal?: AbortSignal;
  /** No byte for this long (before or during the answer) is a `timeout` error. Default 120 s; 0 turns it off. */
  idleTimeoutMs?: number;
  /** Retry bounds (merged over {@link DEFAULT_RETRY_POLICY}). */
  retry?: Partial<RetryPolicy>;
  /** Time source for timeouts and waits. */
  clock?: Clock;
  /** Where the endpoint's quirks are remembered (default: one per process). */
  memory?: EndpointMemory;
  /** Largest single event accepted, in characters (default 16 Mi). */
  maxEventChars?: number;
  /** Receives one line per request, response and retry; secrets are already redacted. */
  log?: (line: string) => void;
}

/** The default idle timeout: long enough for a local server to load a model. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** What error bodies are read up to: enough for any message, little of a huge HTML page. */
const ERROR_BODY_CHARS = 64 * 1024;

type Outcome =
  | { type: 'response'; response: Response }
  | { type: 'failure'; info: ErrorInfo; retryable: boolean; streamOptionsRejected?: boolean }
  | { type: 'aborted' };

function errorEvent(info: ErrorInfo, interrupted: boolean): StreamEvent {
  return { type: 'error', ...errorInfo(info), interrupted };
}

/**
 * Streams one chat answer. The request is sent when iteration starts. The iterable yields `text`,
 * `reasoning`, `textWasReasoning`, `toolCall`, `usage` and `retry` events, then exactly one
 * `finish` or `error`, and ends. Failures are events, never exceptions (only misuse, such as a
 * request without messages, throws).
 *
 * - Retries (network failures, 408, 429, 5xx) happen only before the answer's first byte, within
 *   `options.retry`, each announced by a `retry` event before its wait.
 * - `stream_options` is sent unless the endpoint rejected it before; a 400 naming it is retried once
 *   without it and remembered in `options.memory`.
 * - After text arrived, a failure yields `error` with `interrupted: true`; the text stays valid.
 * - Breaking out of the loop (or `return()` on the iterator) aborts the request.
 */
export async function* streamChat(
  endpoint: EndpointConfig,
  request: ChatRequest,
  options: StreamOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  if (!request || !Array.isArray(request.messages)) throw new TypeError('streamChat: request.messages must be an array');
  const clock = options.clock ?? systemClock;
  const redact = makeRedactor(endpointSecrets(endpoint));
  const log = options.log;
  const say = log ? (line: string) => log(redact(line)) : undefined;
  if (options.signal?.aborted) {
    yield { type: 'finish', reason: 'abort' };
    return;
  }
  let resolved: ResolvedEndpoint;
  try {
    resolved = resolveEndpoint(endpoint);
  } catch (err) {
    if (!(err instanceof EndpointError)) throw err;
    yield errorEvent(err, false);
    return;
  }
  if (!request.model || !request.model.trim()) {
    yield errorEvent({ kind: 'config', message: 'No model is set. Choose the model to use for this endpoint.' }, false);
    return;
  }

  const memory = options.memory ?? defaultEndpointMemory;
  const budget = new RetryBudget({ ...DEFAULT_RETRY_POLICY, ...options.retry });
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const fetchFn = options.fetch ?? globalThis.fetch;
  let retryNumber = 0;
  let streamOptionsRetried = false;

  for (;;) {
    const includeUsage = memory.allowsStreamOptions(resolved.chatUrl);
    const attempt = new Attempt(clock, idleMs, options.signal);
    let completed = false;
    try {
      say?.(`POST ${resolved.displayUrl} model=${request.model}${retryNumber ? ` (retry ${retryNumber})` : ''}`);
      const outcome = await send(attempt, fetchFn, resolved, request, includeUsage, { clock, redact, idleMs });
      if (outcome.type === 'aborted') {
        completed = true;
        yield { type: 'finish', reason: 'abort' };
        return;
      }
      if (outcome.type === 'failure') {
        say?.(`failed: ${outcome.info.message}`);
        let delay: number | undefined;
        if (outcome.streamOptionsRejected && !streamOptionsRetried) {
          streamOptionsRetried = true;
          memory.rejectStreamOptions(resolved.chatUrl);
          delay = 0;
        } else {
          delay = outcome.retryable ? budget.next(outcome.info.retryAfterMs) : undefined;
        }
        if (delay === undefined) {
          let info = outcome.info;
          if (info.kind === 'notFound' && info.status === 404) info = await withModelHints(info, endpoint, request.model, fetchFn, clock, options.signal, redact);
          completed = true;
          yield errorEvent(info, false);
          return;
        }
        retryNumber++;
        completed = true;
        attempt.dispose(true);
        const message = outcome.streamOptionsRejected
          ? 'The server does not accept stream_options; sending the request again without it (token usage will not be reported).'
          : outcome.info.message;
        say?.(`retry ${retryNumber} in ${delay} ms`);
        yield { type: 'retry', attempt: retryNumber, delayMs: delay, kind: outcome.info.kind, message };
        if (delay > 0 && !(await sleep(clock, delay, options.signal))) {
          yield { type: 'finish', reason: 'abort' };
          return;
        }
        if (options.signal?.aborted) {
          yield { type: 'finish', reason: 'abort' };
          return;
        }
        continue;
      }
      say?.(`${outcome.response.status} ${outcome.response.headers.get('content-type') ?? ''}`);
      yield* readAnswer(attempt, outcome.response, { host: new URL(resolved.chatUrl).host, idleMs, redact, maxEventChars: options.maxEventChars });
      completed = true;
      return;
    } finally {
      attempt.dispose(completed);
    }
  }
}

/** Sends the request and sorts out what came back, short of reading a successful body. */
async function send(
  attempt: Attempt,
  fetchFn: FetchLike,
  resolved: ResolvedEndpoint,
  request: ChatRequest,
  includeUsage: boolean,
  ctx: { clock: Clock; redact: Redactor; idleMs: number },
): Promise<Outcome> {
  let response: Response;
  try {
    response = await attempt.fetch(fetchFn, resolved.chatUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/json', ...resolved.headers },
      body: JSON.stringify(buildChatBody(request, includeUsage)),
    });
  } catch (err) {
    if (attempt.userAborted) return { type: 'aborted' };
    if (attempt.timedOut) return { type: 'failure', info: { kind: 'timeout', message: noResponseMessage(ctx.idleMs) }, retryable: false };
    const failure = describeNetworkError(err, resolved.chatUrl, ctx.redact);
    return { type: 'failure', info: errorInfo(failure), retryable: failure.retryable };
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (response.ok && !/html/i.test(contentType)) return { type: 'response', response };

  const body = await attempt.readText(response, ERROR_BODY_CHARS);
  if (attempt.userAborted) return { type: 'aborted' };
  if (attempt.timedOut) return { type: 'failure', info: { kind: 'timeout', message: noResponseMessage(ctx.idleMs) }, retryable: false };
  const failure = { status: response.status, statusText: response.statusText, headers: response.headers, body };
  const info = describeHttpFailure(failure, { url: resolved.displayUrl, model: request.model, nowMs: ctx.clock.now(), redact: ctx.redact });
  if (response.ok) {
    // A 200 with an HTML page: a captive portal, a proxy's login page, or a website's URL.
    return { type: 'failure', info: { ...info, kind: 'protocol' }, retryable: false };
  }
  return {
    type: 'failure',
    info,
    retryable: isRetryableStatus(response.status),
    streamOptionsRejected: includeUsage && rejectsStreamOptions(response.status, body),
  };
}

/** Reads a successful response's body through the decoder, yielding events as chunks arrive. */
async function* readAnswer(
  attempt: Attempt,
  response: Response,
  ctx: StopContext & { redact: Redactor; maxEventChars?: number },
): AsyncGenerator<StreamEvent, void, undefined> {
  const decoder = new ChatStreamDecoder({ redact: ctx.redact, maxEventChars: ctx.maxEventChars });
  const reader = attempt.read(response);
  if (!reader) {
    yield* decoder.end();
    return;
  }
  const watchdog = attempt.watchdog;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (err) {
      yield* stopped(attempt, decoder, err, ctx);
      return;
    }
    if (attempt.stopped) {
      yield* stopped(attempt, decoder, undefined, ctx);
      return;
    }
    if (result.done) {
      yield* decoder.end();
      return;
    }
    watchdog.touch();
    const events = decoder.push(result.value);
    if (events.length > 0) {
      watchdog.hold();
      for (let i = 0; i < events.length; i++) yield events[i];
      watchdog.release();
    }
    if (decoder.done) return;
  }
}

interface StopContext {
  host: string;
  idleMs: number;
  redact: Redactor;
}

/** The events for a body that stopped without ending: the user's abort, the idle timeout or the network. */
function stopped(attempt: Attempt, decoder: ChatStreamDecoder, err: unknown, ctx: StopContext): StreamEvent[] {
  if (attempt.userAborted) return decoder.aborted();
  if (attempt.timedOut) return decoder.failed({ kind: 'timeout', message: stalledMessage(ctx.idleMs) });
  const code = errorCode(err);
  return decoder.failed({
    kind: 'network',
    message: `The connection to ${ctx.redact(ctx.host)} broke during the answer${code ? ` (${code})` : ''}. Try again.`,
  });
}

/** Adds the names of similar models to a 404 message, when the endpoint can list its models. */
async function withModelHints(
  info: ErrorInfo,
  endpoint: EndpointConfig,
  model: string,
  fetchFn: FetchLike,
  clock: Clock,
  signal: AbortSignal | undefined,
  redact: Redactor,
): Promise<ErrorInfo> {
  let models: string[];
  try {
    models = await listModels(endpoint, { fetch: fetchFn, clock, signal, timeoutMs: 10_000 });
  } catch {
    return info;
  }
  if (models.length === 0) return info;
  let hint: string;
  if (models.includes(model)) {
    hint = ` The server does list “${model}”, so the model may not support chat, or the base URL’s path is wrong.`;
  } else {
    const close = closeNames(model, models);
    hint = close.length
      ? ` The server has no model “${model}”; similar names: ${close.join(', ')}.`
      : ` The server has no model “${model}”; it offers ${models.slice(0, 5).join(', ')}${models.length > 5 ? `, and ${models.length - 5} more` : ''}.`;
  }
  return { ...info, message: info.message + redact(hint) };
}
