/**
 * Redirects are followed by the core, not by `fetch`: a cross-origin 307/308 would re-send the
 * body, the key's headers and the profile's headers to a host the key was never bound to.
 */
/** Same-origin redirects followed for one request before it is given up as a loop. */
export const MAX_REDIRECTS = 5;

/** The statuses that carry a `Location` to follow. */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A server redirected the request to another origin. Nothing was sent there: following it would
 * hand the body (the prompt, the user's code) and the key's headers to a host the key is not
 * bound to. `location` is the new address without query or credentials, safe to show.
 */
export class CrossOriginRedirect extends Error {
  constructor(
    readonly status: number,
    readonly location: string,
  ) {
    super(`redirected to another origin: ${location}`);
    this.name = 'CrossOriginRedirect';
  }
}

/** Too many same-origin redirects in a row (a loop). */
export class TooManyRedirects extends Error {
  constructor() {
    super('too many redirects');
    this.name = 'TooManyRedirects';
  }
}

/** A URL for messages: no credentials, no query (where keys travel), no fragment. */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
