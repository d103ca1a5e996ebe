/**
 * The typed error of the core: a {@link ErrorKind} a caller can switch on, a message a user can act
 * on (never the API key, never a raw payload), and the HTTP status and wait time when known.
 */
import type { ErrorKind, ServerErrorFields, ToolsRefusal } from '../types';

/** Fields that describe a failure, shared by {@link EndpointError} and the stream's `error` event. */
export interface ErrorInfo {
  kind: ErrorKind;
  /** Says what happened and what to do; already redacted. */
  message: string;
  status?: number;
  /** Milliseconds the server asked us to wait (429 `Retry-After`). */
  retryAfterMs?: number;
  /** The server's own `code` and `type` for the error, when its body gave them. */
  server?: ServerErrorFields;
  /** The failure is the server refusing native tool calling (see `toolRefusal.ts`). */
  toolsRefused?: ToolsRefusal;
}

/**
 * Thrown by the promise-returning parts of the core (`listModels`, endpoint resolution); the stream
 * reports the same information as an `error` event instead of throwing.
 */
export class EndpointError extends Error implements ErrorInfo {
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly server?: ServerErrorFields;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'EndpointError';
    this.kind = info.kind;
    if (info.status !== undefined) this.status = info.status;
    if (info.retryAfterMs !== undefined) this.retryAfterMs = info.retryAfterMs;
    if (info.server !== undefined) this.server = info.server;
  }
}

/** Copies only the {@link ErrorInfo} fields, dropping `undefined` ones so events compare cleanly. */
export function errorInfo(e: ErrorInfo): ErrorInfo {
  const out: ErrorInfo = { kind: e.kind, message: e.message };
  if (e.status !== undefined) out.status = e.status;
  if (e.retryAfterMs !== undefined) out.retryAfterMs = e.retryAfterMs;
  if (e.server !== undefined) out.server = e.server;
  if (e.toolsRefused !== undefined) out.toolsRefused = e.toolsRefused;
  return out;
}

/** Shortens server-provided text for a message: one line, at most `max` characters. */
export function clip(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Ends server-provided text with a full stop unless it already ends a sentence, so messages read cleanly. */
export function sentence(text: string): string {
  return /[.!?…:;)”"']$/.test(text) ? text : `${text}.`;
}
