/** `GET {base}/models`: the model names an endpoint offers. */

import { type Clock, makeRedactor, systemClock } from '../base';
import type { EndpointConfig } from '../types';
import { Attempt, type FetchLike } from './attempt';
import { endpointSecrets, resolveEndpoint, sendsCredentials } from './endpoint';
import { EndpointError } from './errors';
import { describeHttpFailure } from './httpErrors';
import { isPlainModelName } from './modelName';
import { describeNetworkError } from './networkErrors';

import { noResponseMessage } from './timeouts';

/** Options of {@link listModels}. */
export interface ListModelsOptions {
  fetch?: FetchLike;
  signal?: AbortSignal;
  clock?: Clock;
  /** Gives up when no byte arrives for this long. Default 15 s. */
  timeoutMs?: number;
}

/** The most of an answer read: a list of thousands of models (OpenRouter) fits easily. */
const MAX_BODY_CHARS = 8 * 1024 * 1024;

/**
 * Model names in the list shapes servers use: `{data: [{id}]}` (OpenAI), `{models: [{name}]}`, a
 * bare array. Names that are not plain (too long, control or bidi characters) are left out.
 */
function modelNames(payload: unknown): string[] {
  const root = payload as { data?: unknown; models?: unknown } | null;
  const list = Array.isArray(payload)
    ? payload
    : Array.isArray(root?.data)
      ? root.data
      : Array.isArray(root?.models)
        ? root.models
        : [];
  const names = new Set<string>();
  for (const item of list as unknown[]) {
    let name: unknown = item;
    if (item && typeof item === 'object') {
      const o = item as { id?: unknown; name?: unknown; model?: unknown };
      name = [o.id, o.model, o.name].find((v) => typeof v === 'string' && v !== '');
    }
    if (typeof name === 'string' && isPlainModelName(name)) names.add(name);
  }
  return [...names];
}

/**
 * Lists the models of an endpoint, in the server's order. Rejects with an {@link EndpointError}
 * (kinds as for chat: `auth`, `notFound`, `network`, `timeout`, `protocol`, …; messages redacted),
 * or with an `AbortError` when `signal` aborts.
 */
export async function listModels(endpoint: EndpointConfig, options: ListModelsOptions = {}): Promise<string[]> {
  return modelNames(await fetchModelList(endpoint, options));
}

/**
 * The parsed JSON of `GET {base}/models`, as the server sent it, for readers of fields beyond the
 * names (a model's context window). Rejects as {@link listModels} does.
 */
export async function fetchModelList(endpoint: EndpointConfig, options: ListModelsOptions = {}): Promise<unknown> {
  const resolved = resolveEndpoint(endpoint);
  const redact = makeRedactor(endpointSecrets(endpoint));
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const attempt = new Attempt(clock, timeoutMs, options.signal);
  let completed = false;
  try {
    let response: Response;
    try {
      response = await attempt.fetch(options.fetch ?? globalThis.fetch, resolved.modelsUrl, {
        method: 'GET',
        headers: { Accept: 'application/json', ...resolved.headers },
      });
    } catch (err) {
      if (attempt.userAborted) throw new DOMException('The model list request was cancelled.', 'AbortError');
      if (attempt.timedOut) throw new EndpointError({ kind: 'timeout', message: noResponseMessage(timeoutMs) });
      throw new EndpointError(describeNetworkError(err, resolved.modelsUrl, redact));
    }
    const url = resolved.modelsUrl.split('?')[0];
    const body = await attempt.readText(response, MAX_BODY_CHARS);
    if (attempt.userAborted) throw new DOMException('The model list request was cancelled.', 'AbortError');
    if (attempt.timedOut) throw new EndpointError({ kind: 'timeout', message: noResponseMessage(timeoutMs) });
    if (!response.ok) {
      throw new EndpointError(
        describeHttpFailure(
          { status: response.status, statusText: response.statusText, headers: response.headers, body },
          { url, nowMs: clock.now(), redact, keySent: sendsCredentials(resolved.headers) },
        ),
      );
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      throw new EndpointError({
        kind: 'protocol',
        status: response.status,
        message: `The model list at ${url} is not JSON. Check the base URL.`,
      });
    }
    completed = true;
    return payload;
  } finally {
    attempt.dispose(completed);
  }
}
