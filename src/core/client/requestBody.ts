/** Builds the JSON body of a streaming `POST …/chat/completions`. */
import type { ChatMessage, ChatRequest } from '../types';

/** One message as the API takes it: tool calls and the id a tool result answers in OpenAI's field names. */
function wireMessage(m: ChatMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { role: m.role, content: m.content };
  if (m.toolCalls && m.toolCalls.length > 0)
    out.tool_calls = m.toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  if (m.toolCallId !== undefined) out.tool_call_id = m.toolCallId;
  return out;
}

/**
 * The request body for `request`. `stream` is always true; `stream_options.include_usage` asks for
 * token usage at the end and is left out when `includeUsage` is false (for servers that reject it).
 * Fields of `extraBody` are merged last, so configuration can set anything the server understands.
 */
export function buildChatBody(request: ChatRequest, includeUsage: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    messages: request.messages.map(wireMessage),
    stream: true,
  };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools;
    body.tool_choice = 'auto';
  }
  if (includeUsage) body.stream_options = { include_usage: true };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (request.extraBody) Object.assign(body, request.extraBody);
  return body;
}

/**
 * Whether a 400 response body says the server rejected `stream_options` (vLLM before 0.5, some
 * proxies and gateways). Deciding on the body text is unavoidable here: servers give no error code for it.
 */
export function rejectsStreamOptions(status: number, bodyText: string): boolean {
  return (status === 400 || status === 422) && /stream_options|include_usage/i.test(bodyText);
}
