/**
 * The streaming core's public surface: everything the panel, the editor commands and the
 * command-line tool use. No `vscode`, no DOM.
 */
export * from './types';
export { streamChat, DEFAULT_IDLE_TIMEOUT_MS, type StreamOptions } from './streamChat';
export { listModels, type ListModelsOptions } from './listModels';
export { ChatStreamDecoder, DEFAULT_MAX_EVENT_CHARS, type DecoderOptions } from './chatStreamDecoder';
export { resolveEndpoint, isAzureHost, DEFAULT_AZURE_API_VERSION, type ResolvedEndpoint } from './endpoint';
export { EndpointMemory, defaultEndpointMemory } from './endpointMemory';
export { EndpointError, type ErrorInfo } from './errors';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
export { systemClock, type Clock, type TimerHandle } from './clock';
export { closeNames } from './closeNames';
export { makeRedactor, type Redactor } from './redact';
export type { FetchLike } from './attempt';
