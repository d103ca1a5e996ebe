/**
 * What the core has learned about endpoints during this process: which ones reject
 * `stream_options`, and which models refused native tool calling (the tools loop then uses its
 * text protocol for them). Callers own an instance (one per extension session, say) and pass it to every
 * request; without one, a process-wide default is used.
 */
export class EndpointMemory {
  private readonly noStreamOptions = new Set<string>();
  private readonly textTools = new Set<string>();

  /** Whether requests to this chat URL may carry `stream_options` (true until one was rejected). */
  allowsStreamOptions(chatUrl: string): boolean {
    return !this.noStreamOptions.has(chatUrl);
  }

  /** Records that this chat URL answered 400 to `stream_options`; later requests leave it out. */
  rejectStreamOptions(chatUrl: string): void {
    this.noStreamOptions.add(chatUrl);
  }

  /** Whether `model` at this endpoint refused native tools before: ask with the text protocol at once. */
  prefersTextTools(endpointKey: string, model: string): boolean {
    return this.textTools.has(`${endpointKey}\u0000${model}`);
  }

  /** Records that `model` at this endpoint refused native tools (or could not produce them). */
  rememberTextTools(endpointKey: string, model: string): void {
    this.textTools.add(`${endpointKey}\u0000${model}`);
  }

  /** Forgets everything learned (e.g. after the user changed the endpoint's settings). */
  clear(): void {
    this.noStreamOptions.clear();
    this.textTools.clear();
  }
}

/** Shared by requests that do not pass their own {@link EndpointMemory}. */
export const defaultEndpointMemory = new EndpointMemory();
