/**
 * One HTTP exchange with an idle timeout and cancellation: the pieces `streamChat` and
 * `listModels` share. The user's signal and the idle watchdog both end the exchange through one
 * AbortController, and the flags say which of them did, so the caller reports the right thing.
 */
import { type Clock, IdleWatchdog } from '../base';
import { CrossOriginRedirect, MAX_REDIRECTS, REDIRECT_STATUSES, shownUrl, TooManyRedirects } from './redirects';

/** The `fetch` the core calls; the global one by default. Tests and the benchmark inject their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const noop = (): void => {};

/** The state of one request: who ended it, and the reader to cancel. */
export class Attempt {
  readonly controller = new AbortController();
  /** The user's signal aborted. */
  userAborted = false;
  /** No byte arrived for the idle timeout. */
  timedOut = false;
  readonly watchdog: IdleWatchdog;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private readonly aborted: Promise<never>;
  private readonly onUserAbort = (): void => {
    this.userAborted = true;
    this.end();
  };

  constructor(
    clock: Clock,
    idleTimeoutMs: number,
    private readonly userSignal: AbortSignal | undefined,
  ) {
    this.aborted = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    this.aborted.catch(noop);
    this.watchdog = new IdleWatchdog(clock, idleTimeoutMs, () => {
      this.timedOut = true;
      this.end();
    });
    if (userSignal?.aborted) this.onUserAbort();
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
  }

  /** Whether the user or the watchdog ended this exchange. */
  get stopped(): boolean {
    return this.userAborted || this.timedOut;
  }

  /**
   * Calls `fetch`, settling as soon as the exchange is stopped even if the injected `fetch`
   * ignores its signal. Redirects are followed here, not by `fetch`: within the same origin only
   * (at most {@link MAX_REDIRECTS}); a redirect to another origin throws {@link CrossOriginRedirect}
   * before anything is sent there. Throws what `fetch` throws, {@link TooManyRedirects}, or an
   * `Error('aborted')` when stopped.
   */
  async fetch(fetchFn: FetchLike, url: string, init: RequestInit): Promise<Response> {
    let current = new URL(url);
    let request: RequestInit = { ...init, redirect: 'manual', signal: this.controller.signal };
    for (let hops = 0; ; hops++) {
      const pending = fetchFn(current.href, request);
      pending.catch(noop);
      const response = await Promise.race([pending, this.aborted]);
      this.watchdog.touch();
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return response;
      response.body?.cancel().catch(noop);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return response;
      }
      if (next.origin !== current.origin) throw new CrossOriginRedirect(response.status, shownUrl(next));
      if (hops >= MAX_REDIRECTS) throw new TooManyRedirects();
      // As fetch does: 303, and 301/302 after a POST, turn into a GET without a body.
      const method = (request.method ?? 'GET').toUpperCase();
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST'))
        request = { ...request, method: 'GET', body: undefined };
      current = next;
    }
  }

  /** A reader of the body that {@link end} can cancel; `undefined` for a body-less response. */
  read(response: Response): ReadableStreamDefaultReader<Uint8Array> | undefined {
    this.reader = response.body?.getReader();
    return this.reader;
  }

  /**
   * Reads a body as text up to `limit` characters (error pages can be large; the start says enough).
   * Never throws: a failure mid-read returns what arrived.
   */
  async readText(response: Response, limit: number): Promise<string> {
    const reader = this.read(response);
    if (!reader) return '';
    const decoder = new TextDecoder();
    let text = '';
    try {
      while (text.length < limit) {
        const { done, value } = await reader.read();
        if (done || this.stopped) break;
        this.watchdog.touch();
        text += decoder.decode(value, { stream: true });
      }
      text += decoder.decode();
    } catch {
      // Keep what arrived.
    }
    reader.cancel().catch(noop);
    return text.length > limit ? text.slice(0, limit) : text;
  }

  /** Aborts the request and cancels the body; a pending `read()` then settles at once. */
  end(): void {
    this.controller.abort();
    this.reader?.cancel().catch(noop);
  }

  /**
   * Releases timers and listeners and stops reading (a server may keep talking after `[DONE]`);
   * aborts the request too unless it `completed`.
   */
  dispose(completed: boolean): void {
    this.watchdog.stop();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
    if (completed) this.reader?.cancel().catch(noop);
    else this.end();
  }
}
