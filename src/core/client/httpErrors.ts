/**
 * Turns an HTTP error response (or an error object inside a stream) into an {@link ErrorInfo} with a
 * message that says what to do. Server text is quoted only after redaction and clipping; HTML pages
 * from proxies are summarised by their title, never echoed.
 */

import type { Redactor } from '../base';
import type { ErrorKind, ServerErrorFields } from '../types';
import { clip, type ErrorInfo, sentence } from './errors';
import { describeWait, type HeaderReader, retryAfterMs } from './retryAfter';
import { toolsRefusalInStream } from './toolRefusal';

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
  // {"error": "Not Found", "message": "Cannot POST /v1/chat"} (Express, NestJS): the error is a
  // title and the message says what was wrong; both are worth reading.
  if (typeof o.error === 'string' && typeof o.message === 'string' && o.message && o.message !== o.error)
    return o.error ? `${o.error}: ${o.message}` : o.message;
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

/** The longest server `code` or `type` kept: identifiers are short; anything longer is not one. */
const MAX_IDENTIFIER_CHARS = 100;

function identifier(v: unknown, redact: Redactor): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || v === '') return undefined;
  return clip(redact(v), MAX_IDENTIFIER_CHARS) || undefined;
}

/**
 * The server's own `code` and `type` from an error body (`{"error": {"code", "type"}}`, or beside a
 * string `error`, or at the top of `{"object": "error", …}`), redacted; `undefined` when it gave neither.
 */
export function serverErrorFields(payload: unknown, redact: Redactor): ServerErrorFields | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const o = payload as Record<string, unknown>;
  const inner = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : o;
  const code = identifier(inner.code, redact) ?? (inner === o ? undefined : identifier(o.code, redact));
  const type = identifier(inner.type, redact) ?? (inner === o ? undefined : identifier(o.type, redact));
  if (code === undefined && type === undefined) return undefined;
  const out: ServerErrorFields = {};
  if (code !== undefined) out.code = code;
  if (type !== undefined) out.type = type;
  return out;
}

/** Codes by which a server says that waiting will not help: the account's quota or billing is exhausted. */
const EXHAUSTED = /^(insufficient_quota|billing_hard_limit_reached|billing_not_active|quota_exceeded)$/i;

/** Whether an error says the account's quota or credit is used up (a 429 that no wait can cure). */
export function isQuotaExhausted(info: ErrorInfo): boolean {
  const s = info.server;
  return !!s && ((s.code !== undefined && EXHAUSTED.test(s.code)) || (s.type !== undefined && EXHAUSTED.test(s.type)));
}

function htmlTitle(html: string, redact: Redactor): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  if (!m) return undefined;
  const text = m[1]
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
  // Redacted before it is clipped: clipping first could cut a key in two and keep its start.
  return clip(redact(text), 100) || undefined;
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
  /** Whether the request carried an API key (a 401 without one means the server wants one). */
  keySent?: boolean;
}

/** The longest reason phrase quoted: a server can put anything there. */
const MAX_REASON_CHARS = 80;

/** Describes an HTTP error response for the user. */
export function describeHttpFailure(f: HttpFailure, ctx: FailureContext): ErrorInfo {
  const status = f.status;
  // Server text (reason phrase, body) is redacted here, once, before anything is clipped or quoted.
  const reason = clip(ctx.redact(f.statusText ?? ''), MAX_REASON_CHARS);
  const statusLine = `${status} ${reason || REASONS[status] || 'error'}`.trim();
  const contentType = f.headers.get('content-type') ?? '';
  const body = ctx.redact(f.body);
  let said: string | undefined;
  let html: string | undefined;
  let server: ServerErrorFields | undefined;
  if (looksLikeHtml(contentType, body)) {
    html = htmlTitle(body, ctx.redact) ?? '';
  } else {
    let payload: unknown = body;
    try {
      payload = JSON.parse(body);
    } catch {
      // A plain-text body is the message itself.
    }
    said = serverMessage(payload);
    server = serverErrorFields(payload, ctx.redact);
  }
  const quote = said ? ` The server said: “${clip(ctx.redact(said))}”` : '';
  const kind = kindForStatus(status);
  const wait = status === 429 || status === 503 ? retryAfterMs(f.headers, ctx.nowMs) : undefined;
  let message: string;
  if (html !== undefined) {
    const title = html ? ` (“${html}”)` : '';
    message =
      `The server answered ${statusLine} with an HTML page${title} instead of an API response. ` +
      (kind === 'notFound'
        ? 'Check the base URL: it should point at the API (often ending in /v1), not a website.'
        : 'A proxy or gateway in front of the API may be failing, or the base URL points at a website; check the base URL and try again.');
  } else if (status === 401 && ctx.keySent === false) {
    message = `The server wants an API key (${statusLine}), and none was sent. Set the API key for this endpoint.${quote}`;
  } else if (status === 401) {
    message = `The server rejected the API key (${statusLine}). Check the API key set for this endpoint.${quote}`;
  } else if (status === 403) {
    message = `The server refused access (${statusLine}). Check that the API key is right and allowed to use this model.${quote}`;
  } else if (status === 404) {
    message =
      `Not found (${statusLine}) at ${ctx.redact(ctx.url)}. Check the base URL (it usually ends in /v1)` +
      (ctx.model ? ` and the model name “${ctx.redact(ctx.model)}”.` : '.') +
      quote;
  } else if (status === 429 && isQuotaExhausted({ kind, message: '', server })) {
    message = `The account’s quota or credit is used up (${statusLine}): waiting will not help. Check the plan and billing with the provider.${quote}`;
  } else if (status === 429) {
    message =
      `The server is limiting requests (${statusLine}). ` +
      (wait !== undefined && wait >= 1000
        ? `Wait ${describeWait(wait)} and try again.`
        : 'Wait a moment and try again, or check your plan’s quota.') +
      quote;
  } else if (status >= 500) {
    message = `The server failed (${statusLine}). This is on the server’s side: try again in a moment.${quote}`;
  } else if (said) {
    const info: ErrorInfo = {
      kind: 'api',
      status,
      message: `The server rejected the request (${statusLine}): ${sentence(clip(ctx.redact(said)))}`,
    };
    if (server) info.server = server;
    return info;
  } else {
    message = `The server answered ${statusLine}. Check the base URL and the request settings.`;
  }
  const info: ErrorInfo = { kind, message, status };
  if (wait !== undefined) info.retryAfterMs = wait;
  if (server) info.server = server;
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
  const server = serverErrorFields(payload, redact);
  if (server) info.server = server;
  const refused = toolsRefusalInStream(payload);
  if (refused) info.toolsRefused = refused;
  return info;
}
