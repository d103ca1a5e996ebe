/**
 * The streaming core's public types. Everything here is plain data: no `vscode`, no DOM.
 * The panel, the editor commands and the command-line tool all consume {@link StreamEvent}s.
 */

/** One tool call an assistant message made (OpenAI's `tool_calls` item); `arguments` is JSON text as the model wrote it. */
export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: string;
}

/** One message sent to the model, in OpenAI chat format. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** An assistant message's native tool calls; each is answered by a `tool` message with its id. */
  toolCalls?: ToolCallRequest[];
  /** A `tool` message: the id of the call it answers. */
  toolCallId?: string;
  /**
   * Set on messages that carry tool results (a `tool` message, or the text protocol's user message
   * of `<tool_response>` blocks): the tool name(s). Not sent; when the window is short, these are
   * the first to be cut to a one-line note.
   */
  toolResultOf?: string;
}

/** A function tool offered to the model (OpenAI's `tools` item); `parameters` is a JSON Schema object. */
export interface ToolSpec {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** How the endpoint authenticates. `bearer` is OpenAI's default; `azure` sends `api-key`; `none` for local servers. */
export type AuthStyle = 'bearer' | 'azure' | 'none';

/** Where and how to send a request. Secrets are passed in `apiKey` and never logged or echoed. */
export interface EndpointConfig {
  /** Base URL as the user typed it; normalised by the core (with or without `/v1`, trailing slash, full URL). */
  baseUrl: string;
  apiKey?: string;
  /** Defaults to `azure` for Azure OpenAI hosts and `bearer` elsewhere when an `apiKey` is given, else `none`. */
  auth?: AuthStyle;
  /** Azure OpenAI `api-version` query parameter. */
  apiVersion?: string;
  /** Extra request headers (never logged). */
  headers?: Record<string, string>;
  /**
   * Send `apiKey` in this header, as it is, instead of `Authorization: Bearer` or Azure's `api-key`:
   * for gateways that take a credential header (`Ocp-Apim-Subscription-Key`, `x-goog-api-key`, …),
   * so its value lives where the key lives (secret storage), not in settings.
   */
  keyHeader?: string;
}

/** Generation parameters for one request. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  /** Native tools offered to the model (sent with `tool_choice: "auto"`); none when absent or empty. */
  tools?: ToolSpec[];
  /** Extra fields merged into the JSON body. */
  extraBody?: Record<string, unknown>;
}

/** Why a reply ended. `abort` is the user's cancellation. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'abort';

/** Error categories a user can act on; never decided by matching message text. */
export type ErrorKind =
  | 'http'
  | 'auth'
  | 'notFound'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'protocol'
  | 'api'
  /** The configuration cannot work as given (unparsable base URL, no model): fix the settings. */
  | 'config';

/**
 * The server's own identifiers for an error, copied from its error body as given (numbers written
 * out as text), so a program can tell a context overflow (`context_length_exceeded`,
 * `exceed_context_size_error`) or an exhausted quota (`insufficient_quota`) from other failures of
 * the same status without matching words. Both are absent when the server gave none.
 */
export interface ServerErrorFields {
  /** `error.code` (or a top-level `code`): `context_length_exceeded`, `insufficient_quota`, `400`. */
  code?: string;
  /** `error.type` (or a top-level `type`): `invalid_request_error`, `exceed_context_size_error`. */
  type?: string;
}

/** A typed streaming event. A stream yields any number of deltas, then exactly one `finish` or `error`. */
export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /**
   * Every `text` event so far (`chars` UTF-16 code units in all) was really reasoning: the server's chat
   * template opened `<think>` itself and only `</think>` arrived. Consumers move that text from the answer
   * to the reasoning; what follows is the answer.
   */
  | { type: 'textWasReasoning'; chars: number }
  | { type: 'toolCall'; id: string; name: string; arguments: string }
  /** Token counts as the server reported them; `cost` only when the server reports it (OpenRouter's `usage.cost`, US dollars). */
  | { type: 'usage'; promptTokens: number; completionTokens: number; totalTokens: number; cost?: number }
  | { type: 'retry'; attempt: number; delayMs: number; kind: ErrorKind; message: string }
  | { type: 'finish'; reason: FinishReason }
  | {
      type: 'error';
      kind: ErrorKind;
      message: string;
      status?: number;
      /** Milliseconds to wait, when the server said (429). */
      retryAfterMs?: number;
      /** The server's own error `code` and `type`, when it gave them. */
      server?: ServerErrorFields;
      /** True when some text had already arrived: the partial answer is kept and shown as interrupted. */
      interrupted: boolean;
      /**
       * Set when the failure is the server refusing native tools: `unsupported` (the request with
       * `tools` was rejected), `badOutput` (tools were accepted but the server could not parse the
       * model's calls). The tools loop then asks again with its text protocol.
       */
      toolsRefused?: ToolsRefusal;
    };

/** How a server refused native tool calling; see the `error` event's `toolsRefused`. */
export type ToolsRefusal = 'unsupported' | 'badOutput';
