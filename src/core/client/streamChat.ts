/**
 * `streamChat`: one chat request as an async iterable of {@link StreamEvent}s. This is the I/O
 * shell around {@link ChatStreamDecoder}: it sends the request, retries failures that happen
 * before the answer begins, enforces the idle timeout, turns cancellation into `finish: abort`, and
 * aborts the request when the consumer stops iterating.
 */

import { type Clock, makeRedactor, type Redactor, sleep, systemClock } from '../base';
import type { ChatRequest, EndpointConfig, StreamEvent } from '../types';
import { AnswerReader } from './answerReader';
import { Attempt, type FetchLike } from './attempt';
import { closeNames } from './closeNames';
import { endpointSecrets, type ResolvedEndpoint, resolveEndpoint, sendsCredentials } from './endpoint';
import { defaultEndpointMemory, type EndpointMemory } from './endpointMemory';
import { EndpointError, type ErrorInfo, errorInfo } from './errors';
import { EventIterator, type Step } from './eventIterator';
import { describeHttpFailure, isQuotaExhausted, isRetryableStatus } from './httpErrors';
import { listModels } from './listModels';
import { describeNetworkError } from './networkErrors';
import { buildChatBody, rejectsStreamOptions } from './requestBody';
import { type AttemptFailure, DEFAULT_RETRY_POLICY, RetryBudget, type RetryPolicy, RetryState } from './retryPolicy';
import { noResponseMessage } from './timeouts';
import { toolsRefusalInResponse } from './toolRefusal';

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
  /** Most text, reasoning and tool-call argument characters one answer may hold (default 16 Mi). */
  maxAnswerChars?: number;
  /** Receives one line per request, response and retry; secrets are already redacted. */
  log?: (line: string) => void;
}

/** The default idle timeout: long enough for a local server to load a model. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** What error bodies are read up to: enough for any message, little of a huge HTML page. */
const ERROR_BODY_CHARS = 64 * 1024;

type Outcome = { type: 'response'; response: Response } | ({ type: 'failure' } & AttemptFailure) | { type: 'aborted' };

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
export function streamChat(
  endpoint: EndpointConfig,
  request: ChatRequest,
  options: StreamOptions = {},
): AsyncIterableIterator<StreamEvent> {
  if (!request || !Array.isArray(request.messages))
    throw new TypeError('streamChat: request.messages must be an array');
  return new EventIterator(run(endpoint, request, options));
}

/** Everything one request needs once its endpoint is resolved. */
interface RequestContext {
  endpoint: EndpointConfig;
  resolved: ResolvedEndpoint;
  request: ChatRequest;
  options: StreamOptions;
  clock: Clock;
  redact: Redactor;
  idleMs: number;
  fetchFn: FetchLike;
  say: ((line: string) => void) | undefined;
}

/** The request's life: batches of events, then the open answer for the iterator to read. */
async function* run(
  endpoint: EndpointConfig,
  request: ChatRequest,
  options: StreamOptions,
): AsyncGenerator<Step, void, undefined> {
  const redact = makeRedactor(endpointSecrets(endpoint));
  const log = options.log;
  if (options.signal?.aborted) {
    yield [{ type: 'finish', reason: 'abort' }];
    return;
  }
  let resolved: ResolvedEndpoint;
  try {
    resolved = resolveEndpoint(endpoint);
  } catch (err) {
    if (!(err instanceof EndpointError)) throw err;
    yield [errorEvent(err, false)];
    return;
  }
  if (!request.model?.trim()) {
    yield [
      errorEvent({ kind: 'config', message: 'No model is set. Choose the model to use for this endpoint.' }, false),
    ];
    return;
  }
  const ctx: RequestContext = {
    endpoint,
    resolved,
    request,
    options,
    clock: options.clock ?? systemClock,
    redact,
    idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    fetchFn: options.fetch ?? globalThis.fetch,
    say: log ? (line: string) => log(redact(line)) : undefined,
  };

  const opened = yield* connect(ctx);
  if (!opened) return;
  const { attempt, response } = opened;
  ctx.say?.(`${response.status} ${response.headers.get('content-type') ?? ''}`);
  const answer = new AnswerReader(attempt, response, {
    host: new URL(resolved.chatUrl).host,
    idleMs: ctx.idleMs,
    redact,
    maxEventChars: options.maxEventChars,
    maxAnswerChars: options.maxAnswerChars,
  });
  try {
    // The iterator reads the answer itself, a chunk at a time, and resumes here when it is done
    // (or calls return() when the consumer stops early).
    yield answer;
  } finally {
    attempt.dispose(answer.completed);
  }
}

/**
 * Sends the request until a response worth reading arrives: retries what may pass (each announced
 * before its wait), ends with an `error` or `finish: abort` batch otherwise. Returns the open
 * exchange, which the caller then owns and disposes.
 */
async function* connect(
  ctx: RequestContext,
): AsyncGenerator<readonly StreamEvent[], { attempt: Attempt; response: Response } | undefined, undefined> {
  const { resolved, request, options, clock } = ctx;
  const memory = options.memory ?? defaultEndpointMemory;
  const retries = new RetryState(
    new RetryBudget({ ...DEFAULT_RETRY_POLICY, ...options.retry }),
    memory,
    resolved.chatUrl,
  );
  for (;;) {
    const includeUsage = memory.allowsStreamOptions(resolved.chatUrl);
    const attempt = new Attempt(clock, ctx.idleMs, options.signal);
    let handedOver = false;
    let retry: StreamEvent & { type: 'retry' };
    try {
      ctx.say?.(
        `POST ${resolved.displayUrl} model=${request.model}${retries.count ? ` (retry ${retries.count})` : ''}`,
      );
      const outcome = await send(attempt, ctx, includeUsage);
      if (outcome.type === 'response') {
        handedOver = true;
        return { attempt, response: outcome.response };
      }
      if (outcome.type === 'aborted') {
        yield [{ type: 'finish', reason: 'abort' }];
        return undefined;
      }
      ctx.say?.(`failed: ${outcome.info.message}`);
      const next = retries.after(outcome);
      if (!next) {
        let info = outcome.info;
        if (info.kind === 'notFound' && info.status === 404) info = await withModelHints(info, ctx);
        yield [errorEvent(info, false)];
        return undefined;
      }
      retry = next;
    } finally {
      // A failed exchange has been read to its end (or cut): nothing is left to abort.
      if (!handedOver) attempt.dispose(true);
    }
    ctx.say?.(`retry ${retry.attempt} in ${retry.delayMs} ms`);
    yield [retry];
    if (!(await sleep(clock, retry.delayMs, options.signal))) {
      yield [{ type: 'finish', reason: 'abort' }];
      return undefined;
    }
  }
}

/** Sends the request and sorts out what came back, short of reading a successful body. */
async function send(attempt: Attempt, ctx: RequestContext, includeUsage: boolean): Promise<Outcome> {
  const { resolved, request } = ctx;
  let response: Response;
  try {
    response = await attempt.fetch(ctx.fetchFn, resolved.chatUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'text/event-stream, application/json',
        ...resolved.headers,
      },
      body: JSON.stringify(buildChatBody(request, includeUsage)),
    });
  } catch (err) {
    if (attempt.userAborted) return { type: 'aborted' };
    if (attempt.timedOut)
      return { type: 'failure', info: { kind: 'timeout', message: noResponseMessage(ctx.idleMs) }, retryable: false };
    const failure = describeNetworkError(err, resolved.chatUrl, ctx.redact);
    return { type: 'failure', info: errorInfo(failure), retryable: failure.retryable };
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (response.ok && !/html/i.test(contentType)) return { type: 'response', response };

  const body = await attempt.readText(response, ERROR_BODY_CHARS);
  if (attempt.userAborted) return { type: 'aborted' };
  if (attempt.timedOut)
    return { type: 'failure', info: { kind: 'timeout', message: noResponseMessage(ctx.idleMs) }, retryable: false };
  const failure = { status: response.status, statusText: response.statusText, headers: response.headers, body };
  const info = describeHttpFailure(failure, {
    url: resolved.displayUrl,
    model: request.model,
    nowMs: ctx.clock.now(),
    redact: ctx.redact,
    keySent: sendsCredentials(resolved.headers),
  });
  const refused = request.tools && request.tools.length > 0 ? toolsRefusalInResponse(response.status, body) : undefined;
  if (refused) {
    // Not a server failure, whatever its status (llama.cpp says 500): sending it again fails the same way.
    return { type: 'failure', info: { ...info, toolsRefused: refused }, retryable: false };
  }
  if (response.ok) {
    // A 200 with an HTML page: a captive portal, a proxy's login page, or a website's URL.
    return { type: 'failure', info: { ...info, kind: 'protocol' }, retryable: false };
  }
  return {
    type: 'failure',
    info,
    // An exhausted quota stays exhausted: sending again only spends the user's time.
    retryable: isRetryableStatus(response.status) && !isQuotaExhausted(info),
    streamOptionsRejected: includeUsage && rejectsStreamOptions(response.status, body),
  };
}

/** Adds the names of similar models to a 404 message, when the endpoint can list its models. */
async function withModelHints(info: ErrorInfo, ctx: RequestContext): Promise<ErrorInfo> {
  const model = ctx.request.model;
  let models: string[];
  try {
    models = await listModels(ctx.endpoint, {
      fetch: ctx.fetchFn,
      clock: ctx.clock,
      signal: ctx.options.signal,
      timeoutMs: 10_000,
    });
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
  return { ...info, message: info.message + ctx.redact(hint) };
}
