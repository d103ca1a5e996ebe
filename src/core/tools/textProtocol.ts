/**
 * The text protocol, for models without native tool calling: the tools described in the system
 * prompt, calls written as `<tool_call>{"name": …, "arguments": {…}}</tool_call>` (the form Qwen,
 * Hermes and many open models are trained on), results sent back in the next request as a user
 * message of `<tool_response>` blocks.
 */
import type { ChatMessage } from '../types';
import type { AnyTool, ObjectSchema } from './types';

/** `path, start_line?, end_line?`: a tool's parameters as a signature, optional ones marked. */
function signature(schema: ObjectSchema): string {
  const required = new Set(schema.required ?? []);
  return Object.keys(schema.properties)
    .map((k) => (required.has(k) ? k : `${k}?`))
    .join(', ');
}

/** The system prompt section that teaches the protocol and lists `tools`. Compact: small models have small windows. */
export function textToolsPrompt(tools: readonly AnyTool<never>[]): string {
  const list = tools.map((t) => `- ${t.name}(${signature(t.parameters)}): ${t.description}`).join('\n');
  return [
    "You can look through the user's workspace with these tools (paths are relative to the workspace root):",
    list,
    'To call a tool, write exactly:',
    '<tool_call>{"name": "read_file", "arguments": {"path": "src/main.ts"}}</tool_call>',
    'then stop; the results come back in <tool_response> blocks. Call tools only when you need to look; otherwise answer directly.',
  ].join('\n');
}

/** Keeps a result from closing its block early (workspace text is hostile). */
function escapeBlock(text: string): string {
  return text.replace(/<\/tool_response>/gi, '<\\/tool_response>');
}

/** The user message that carries one round's results in the text protocol. */
export function toolResponseMessage(results: readonly { name: string; content: string }[]): ChatMessage {
  const content = results
    .map((r) => `<tool_response name="${r.name.replace(/[^\w.-]/g, '')}">\n${escapeBlock(r.content)}\n</tool_response>`)
    .join('\n');
  return { role: 'user', content, toolResultOf: results.map((r) => r.name).join(', ') };
}

/**
 * `messages` with native tool calls and `tool` results rewritten in the text protocol: an
 * assistant message's calls become `<tool_call>` tags after its text, consecutive results one user
 * message of `<tool_response>` blocks. For a request that offers no native tools (text protocol,
 * tools off), whose server may reject `tool_calls` and `tool` messages. Returns `messages` itself
 * when there is nothing to rewrite.
 */
export function withoutNativeTools(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  if (!messages.some((m) => m.role === 'tool' || m.toolCalls?.length)) return messages;
  const out: ChatMessage[] = [];
  let results: { name: string; content: string }[] = [];
  const flush = () => {
    if (results.length) out.push(toolResponseMessage(results));
    results = [];
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      results.push({ name: m.toolResultOf ?? 'tool', content: m.content });
      continue;
    }
    flush();
    if (m.toolCalls?.length) {
      const tags = m.toolCalls.map(
        (c) => `<tool_call>{"name": ${JSON.stringify(c.name)}, "arguments": ${c.arguments || '{}'}}</tool_call>`,
      );
      out.push({ role: 'assistant', content: [m.content, ...tags].filter(Boolean).join('\n') });
    } else out.push(m);
  }
  flush();
  return out;
}
