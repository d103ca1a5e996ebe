/**
 * Turning a loop round into a chat request: the round's exchange goes after the question, the text
 * protocol's tool list after the system prompt, native tools into the request. Both the fitted
 * path (the window budget, with tool results counted and cut first) and a plain one.
 */
import type { StreamFn } from '../client';
import { type ContextState, type FittedRequest, streamFitted } from '../context';
import type { ChatMessage, ChatRequest, EndpointConfig } from '../types';
import type { ToolRound, ToolSend } from './loop';
import { withoutNativeTools } from './textProtocol';

/** The system prompt with the round's addition (the text protocol's tools) after it. */
export function withSystemAddition(system: string | undefined, addition: string | undefined): string | undefined {
  if (!addition) return system;
  return system ? `${system}\n\n${addition}` : addition;
}

/** Rounds sent through the context layer: fitted to the window, with one trimmed retry after an overflow. */
export function fittedSend(stream: StreamFn, spec: FittedRequest, state: ContextState): ToolSend {
  return (round: ToolRound, signal: AbortSignal) =>
    streamFitted(
      stream,
      {
        ...spec,
        request: round.tools ? { ...spec.request, tools: round.tools } : spec.request,
        conversation: {
          ...spec.conversation,
          // Earlier answers' native calls go as text when this request offers no native tools.
          history:
            round.protocol === 'native' ? spec.conversation.history : withoutNativeTools(spec.conversation.history),
          system: withSystemAddition(spec.conversation.system, round.systemAddition),
          exchange: round.exchange,
        },
      },
      state,
      signal,
    );
}

/** Rounds sent as they are: `request.messages` (system prompt first, if any), then the exchange. */
export function plainSend(stream: StreamFn, endpoint: EndpointConfig, request: ChatRequest): ToolSend {
  return (round: ToolRound, signal: AbortSignal) => {
    let messages: ChatMessage[] = request.messages;
    if (round.systemAddition) {
      const [first, ...rest] = messages;
      messages =
        first?.role === 'system'
          ? [{ ...first, content: withSystemAddition(first.content, round.systemAddition) ?? '' }, ...rest]
          : [{ role: 'system', content: round.systemAddition }, ...messages];
    }
    const history = round.protocol === 'native' ? messages : withoutNativeTools(messages);
    const sent: ChatRequest = { ...request, messages: [...history, ...round.exchange] };
    if (round.tools) sent.tools = round.tools;
    return stream(endpoint, sent, { signal });
  };
}
