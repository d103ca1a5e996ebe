/**
 * What the core has learned about endpoints during this process: so far, which ones reject
 * `stream_options`. Callers own an instance (one per extension session, say) and pass it to every
 * request; without one, a process-wide default is used.
 */
export class EndpointMemory {
  private readonly noStreamOptions = new Set<string>();

  /** Whether requests to this chat URL may carry `stream_options` (true until one was rejected). */
  allowsStreamOptions(chatUrl: string): boolean {
    return !this.noStreamOptions.has(chatUrl);
  }

  /** Records that this chat URL answered 400 to `stream_options`; later requests leave it out. */
  rejectStreamOptions(chatUrl: string): void {
    this.noStreamOptions.add(chatUrl);
  }

  /** Forgets everything learned (e.g. after the user changed the endpoint's settings). */
  clear(): void {
    this.noStreamOptions.clear();
  }
}

/** Shared by requests that do not pass their own {@link EndpointMemory}. */
export const defaultEndpointMemory = new EndpointMemory();
