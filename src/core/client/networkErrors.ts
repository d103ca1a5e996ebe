/**
 * Turns what `fetch` throws (undici wraps the socket error as `cause`) into an {@link ErrorInfo},
 * deciding on error codes, never on message text.
 */

import type { Redactor } from '../base';
import { clip, type ErrorInfo } from './errors';
import { CrossOriginRedirect, TooManyRedirects } from './redirects';

/** Socket error codes worth one more try after a short wait. */
const TRANSIENT = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** The first error `code` along the `cause` chain (and inside an `AggregateError`), if any. */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === 'string') return o.code;
    if (Array.isArray(o.errors)) {
      const inner = o.errors.map(errorCode).find((c) => c);
      if (inner) return inner;
    }
    e = o.cause;
  }
  return undefined;
}

/** A network failure described for the user, and whether retrying may help. */
export interface NetworkFailure extends ErrorInfo {
  retryable: boolean;
}

/**
 * Describes a network failure talking to `url` (shown without query or credentials).
 * Connection refused and DNS failures are not retried: they are configuration problems or a
 * server that is not running, and waiting only delays the message.
 */
export function describeNetworkError(err: unknown, url: string, redact: Redactor): NetworkFailure {
  const code = errorCode(err);
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Keep the URL as given.
  }
  host = redact(host);
  if (err instanceof CrossOriginRedirect)
    return {
      kind: 'config',
      retryable: false,
      status: err.status,
      message: `${host} redirected the request (HTTP ${err.status}) to ${redact(err.location)}, another server. Rill did not follow it, so nothing was sent there. If that address is right, make it the base URL.`,
    };
  if (err instanceof TooManyRedirects)
    return {
      kind: 'protocol',
      retryable: false,
      message: `${host} kept redirecting the request (a redirect loop). Check the base URL.`,
    };
  switch (code) {
    case 'ECONNREFUSED':
      return {
        kind: 'network',
        retryable: false,
        message: `Could not connect to ${host}: connection refused. Is the server running, and are the base URL’s host and port right?`,
      };
    case 'ENOTFOUND':
      return {
        kind: 'network',
        retryable: false,
        message: `Could not find the host ${host} (DNS lookup failed). Check the base URL’s host name and your network connection.`,
      };
    case 'EAI_AGAIN':
      return {
        kind: 'network',
        retryable: true,
        message: `Could not look up the host ${host} (DNS temporarily unavailable). Check your network connection.`,
      };
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        kind: 'network',
        retryable: false,
        message: `The TLS certificate of ${host} was not accepted (${code}). Check the base URL, or the proxy that presents this certificate.`,
      };
  }
  const detail = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
  return {
    kind: 'network',
    retryable: code !== undefined && TRANSIENT.has(code),
    message: `The connection to ${host} failed${code ? ` (${code})` : ''}: ${clip(redact(detail), 200)}. Check your network connection and try again.`,
  };
}
