/**
 * Turns an HTTP error response (or an error object inside a stream) into an {@link ErrorInfo} with a
 * message that says what to do. Server text is quoted only after redaction and clipping; HTML pages
 * from proxies are summarised by their title, never echoed.
 */
import { clip, sentence, type ErrorInfo } from './errors';
import type { Redactor } from '../base';
import { describeWait, retryAfterMs, type HeaderReader } from './retryAfter';
import type { ErrorKind } from '../types';

/** Reason phrases for when the response carries none (HTTP/2 has no status text). */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The error kind an HTTP status stands for. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'http';
}

/** Whether a failed request with this status may succeed if sent again after a wait. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Pulls the human-readable message out of the error JSON shapes servers use, if any. */
export function serverMessage(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload || undefined;
  if (!payload || typeof payload !== 'object') return undefined;
  const o = payload as Record<string, unknown>;
  // {"error": {"message": …}} (OpenAI), {"error": "…"} (Ollama, llama.cpp), {"message": …} (vLLM's
  // {"object":"error"}), {"detail": …} (FastAPI servers).
  const candidates = [o.error, o.message, o.detail, o.msg];
  for (const c of candidates) {
    if (typeof c === 'string' && c) return c;
    if (c && typeof c === 'object') {
      const inner = serverMessage(c);
      if (inner) return inner;
    }
  }
  if (Array.isArray(payload)) {
    const first = payload.map(serverMessage).find((m) => m);
    if (first) return first;
  }
  return undefined;
}

/** A numeric `code` in an error object that is an HTTP status (some servers put 429 or 500 there). */
export function statusInPayload(payload: unknown): number | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const o = payload as Record<string, unknown>;
  const inner = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : o;
  for (const v of [inner.code, inner.status, o.code, o.status]) {
    const n = typeof v === 'string' && /^\d{3}$/.test(v) ? Number(v) : v;
    if (typeof n === 'number' && n >= 400 && n <= 599) return n;
  }
  return undefined;
}

function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  if (!m) return undefined;
  const text = m[1]
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
  return clip(text, 100) || undefined;
}

/** Whether a body is an HTML page, by its content type or its first characters. */
export function looksLikeHtml(contentType: string, body: string): boolean {
  return /html/i.test(contentType) || /^\s*<(!doctype|html|head|body)/i.test(body);
}

/** What an HTTP error response consists of. */
export interface HttpFailure {
  status: number;
  statusText?: string;
  headers: HeaderReader;
  /** The body, possibly cut short. */
  body: string;
}

/** Context for messages. */
export interface FailureContext {
  /** The URL requested, without query or credentials. */
  url: string;
  model?: string;
  nowMs: number;
  redact: Redactor;
}

/** Describes an HTTP error response for the user. */
export function describeHttpFailure(f: HttpFailure, ctx: FailureContext): ErrorInfo {
  const status = f.status;
  const statusLine = `${status} ${f.statusText || REASONS[status] || 'error'}`.trim();
  const contentType = f.headers.get('content-type') ?? '';
  let said: string | undefined;
  let html: string | undefined;
  if (looksLikeHtml(contentType, f.body)) {
    html = htmlTitle(f.body) ?? '';
  } else {
    let payload: unknown = f.body;
    try {
      payload = JSON.parse(f.body);
    } catch {
      // A plain-text body is the message itself.
    }
    said = serverMessage(payload);
  }
  const quote = said ? ` The server said: “${clip(ctx.redact(said))}”` : '';
  const kind = kindForStatus(status);
  const wait = status === 429 || status === 503 ? retryAfterMs(f.headers, ctx.nowMs) : undefined;
  let message: string;
  if (html !== undefined) {
    const title = html ? ` (“${ctx.redact(html)}”)` : '';
    message =
      `The server answered ${statusLine} with an HTML page${title} instead of an API response. ` +
      (kind === 'notFound'
        ? 'Check the base URL: it should point at the API (often ending in /v1), not a website.'
        : 'A proxy or gateway in front of the API may be failing, or the base URL points at a website; check the base URL and try again.');
  } else if (status === 401) {
    message = `The server rejected the API key (${statusLine}). Check the API key set for this endpoint.${quote}`;
  } else if (status === 403) {
    message = `The server refused access (${statusLine}). Check that the API key is right and allowed to use this model.${quote}`;
  } else if (status === 404) {
    message =
      `Not found (${statusLine}) at ${ctx.redact(ctx.url)}. Check the base URL (it usually ends in /v1)` +
      (ctx.model ? ` and the model name “${ctx.redact(ctx.model)}”.` : '.') +
      quote;
  } else if (status === 429) {
    message =
      `The server is limiting requests (${statusLine}). ` +
      (wait !== undefined
        ? `Wait ${describeWait(wait)} and try again.`
        : 'Wait a moment and try again, or check your plan’s quota.') +
      quote;
  } else if (status >= 500) {
    message = `The server failed (${statusLine}). This is on the server’s side: try again in a moment.${quote}`;
  } else if (said) {
    return {
      kind: 'api',
      status,
      message: `The server rejected the request (${statusLine}): ${sentence(clip(ctx.redact(said)))}`,
    };
  } else {
    message = `The server answered ${statusLine}. Check the base URL and the request settings.`;
  }
  const info: ErrorInfo = { kind, message, status };
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
}

/**
 * Describes an error object the server sent in place of (or in the middle of) a stream:
 * `{"error": {…}}`, `{"error": "…"}`, `{"object": "error", …}` or the data of an `event: error`.
 * A numeric HTTP `code` in it picks the kind; otherwise the kind is `api`.
 */
export function describeStreamError(payload: unknown, redact: Redactor): ErrorInfo {
  const said = serverMessage(payload);
  const status = statusInPayload(payload);
  const kind = status !== undefined ? kindForStatus(status) : 'api';
  const text = said ? sentence(clip(redact(said))) : 'no details given.';
  const info: ErrorInfo = { kind, message: `The server reported an error: ${text}` };
  if (status !== undefined) info.status = status;
  return info;
}
