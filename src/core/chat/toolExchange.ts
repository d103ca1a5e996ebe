/**
 * An answer's tool steps as request messages again, so a conversation is sent correctly after a
 * reload, on Continue and with every later question: each round's text and calls as an assistant
 * message, then the calls' results, then the answer's last text. Written in the protocol of the
 * request that carries them: native (`tool_calls` and `tool` messages) or the text protocol
 * (`<tool_call>` tags and a user message of `<tool_response>` blocks), since a server without
 * native tools may refuse `tool` messages.
 */
import { toolResponseMessage } from '../tools';
import type { ChatMessage } from '../types';
import type { ChatTurn, ToolStep, ToolStepStatus } from './transcript';

/** What the model is told of a call that has no result (the answer stopped while it ran). */
export const NOT_RUN_RESULT = 'Not run: the answer stopped before this call finished.';

/** The steps in rounds, in order (a round's calls share `round`, and come one after another). */
function rounds(steps: readonly ToolStep[]): ToolStep[][] {
  const out: ToolStep[][] = [];
  for (const s of steps) {
    const last = out[out.length - 1];
    if (last && last[0].round === s.round) last.push(s);
    else out.push([s]);
  }
  return out;
}

/** A call as the text protocol writes it; arguments that are not JSON go as a string. */
function callTag(s: ToolStep): string {
  let args: string;
  try {
    args = JSON.stringify(JSON.parse(s.arguments || '{}'));
  } catch {
    args = JSON.stringify(s.arguments);
  }
  return `<tool_call>{"name": ${JSON.stringify(s.name)}, "arguments": ${args}}</tool_call>`;
}

/**
 * The messages an assistant turn stands for in a request. A turn without steps is one message of
 * its text; with steps, the rounds of the answer in `protocol`'s form, then its text after the
 * last step (when there is any).
 */
export function answerMessages(turn: ChatTurn, protocol: 'native' | 'text'): ChatMessage[] {
  const steps = turn.steps ?? [];
  if (steps.length === 0) return [{ role: 'assistant', content: turn.text }];
  const out: ChatMessage[] = [];
  let pos = 0;
  for (const group of rounds(steps)) {
    const at = Math.min(Math.max(group[0].at, pos), turn.text.length);
    const text = turn.text.slice(pos, at);
    pos = at;
    const results = group.map((s) => ({ name: s.name, content: s.result ?? NOT_RUN_RESULT }));
    if (protocol === 'native') {
      out.push({
        role: 'assistant',
        content: text,
        toolCalls: group.map((s) => ({ id: s.id, name: s.name, arguments: s.arguments })),
      });
      for (const [i, s] of group.entries())
        out.push({ role: 'tool', toolCallId: s.id, content: results[i].content, toolResultOf: s.name });
    } else {
      out.push({ role: 'assistant', content: `${text}${group.map(callTag).join('\n')}` });
      out.push(toolResponseMessage(results));
    }
  }
  const rest = turn.text.slice(pos);
  if (rest) out.push({ role: 'assistant', content: rest });
  return out;
}

/** A step's status from its result: done, refused, or stopped by the user. */
export function stepStatus(ok: boolean, refusal: string | undefined): ToolStepStatus {
  if (ok) return 'done';
  return refusal === 'cancelled' ? 'cancelled' : 'refused';
}
