/**
 * What one chat request is sent to and how it is streamed: the types shared by the request client,
 * the connection test and the chat session.
 */
import type { ChatRequest, EndpointConfig, ErrorKind, StreamEvent } from '../types';
import type { ModelPrices } from './modelPrices';

/** The streaming client, injected (the real one is `streamChat` from the core). */
export type StreamFn = (
  endpoint: EndpointConfig,
  request: ChatRequest,
  options: { signal: AbortSignal },
) => AsyncIterable<StreamEvent>;

/** What one request is sent to and with: resolved fresh for every request, so setting changes apply at once. */
export interface RequestTarget {
  endpoint: EndpointConfig;
  model: string;
  systemPrompt?: string;
  temperature?: number;
  maxTokens?: number;
  extraBody?: Record<string, unknown>;
  /** The profile's `contextTokens` setting: the model's context window as the user knows it. */
  contextTokens?: number;
  /** The window the server's `/models` list states for the model, when known. */
  serverWindowTokens?: number;
  /** The server is Ollama (see `servedByOllama`): warnings may then name Ollama's settings. */
  ollama?: boolean;
  /** The endpoint without credentials, the key windows learned from errors are kept under (default: the base URL). */
  endpointKey?: string;
  /**
   * The model's prices from the server's model list, for an answer's cost when the server's usage
   * reports none. A promise, so the list can be read while the answer streams; it resolves
   * undefined when the list states no prices (or cannot be read).
   */
  prices?: Promise<ModelPrices | undefined>;
}

/** Thrown by a target resolver when no request can be made (no model, no key); shown as the turn's error. */
export class SetupError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind = 'api',
  ) {
    super(message);
  }
}
