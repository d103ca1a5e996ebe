/**
 * Assembles tool calls from streamed fragments. OpenAI sends an `index` per call, the `id` and name
 * in the first fragment and argument pieces after; other servers start indexes at 1, leave the
 * index out, send the name late, repeat the id, or end with an empty-arguments fragment. Calls are
 * therefore keyed on `id`, with the index (or, lacking one, the latest call) naming the call for
 * fragments that carry no id.
 */
import type { StreamEvent } from '../../types';

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

/** The JSON shape of one tool-call fragment, as loosely as servers send it. */
export interface ToolCallFragment {
  index?: unknown;
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown } | null;
}

/** Collects fragments; {@link drain} gives the complete calls in the order they started. */
export class ToolCallAssembler {
  private readonly calls = new Map<string, PendingCall>();
  private readonly idByIndex = new Map<number, string>();
  private latest: PendingCall | undefined;

  /** How many calls have started. */
  get size(): number {
    return this.calls.size;
  }

  /** Adds the fragments of one delta's `tool_calls` array. */
  push(fragments: readonly ToolCallFragment[]): void {
    for (const f of fragments) {
      if (!f || typeof f !== 'object') continue;
      const index = typeof f.index === 'number' ? f.index : undefined;
      const givenId = typeof f.id === 'string' && f.id !== '' ? f.id : undefined;
      let call: PendingCall | undefined;
      if (givenId !== undefined) call = this.calls.get(givenId);
      else if (index !== undefined) {
        const id = this.idByIndex.get(index);
        call = id === undefined ? undefined : this.calls.get(id);
      } else call = this.latest;
      if (!call) {
        const id = givenId ?? `call_${index ?? this.calls.size}`;
        call = { id, name: '', args: '' };
        this.calls.set(id, call);
      }
      if (index !== undefined) this.idByIndex.set(index, call.id);
      this.latest = call;
      const fn = f.function;
      if (!fn) continue;
      if (typeof fn.name === 'string' && fn.name !== '' && fn.name !== call.name) {
        // A name sent once is the usual case; a server that sends it in pieces gets them joined.
        call.name = call.name === '' ? fn.name : call.name + fn.name;
      }
      if (typeof fn.arguments === 'string') call.args += fn.arguments;
      else if (fn.arguments !== undefined && fn.arguments !== null) call.args += JSON.stringify(fn.arguments);
    }
  }

  /** Appends one `toolCall` event per call to `out` and forgets them. */
  drain(out: StreamEvent[]): void {
    for (const c of this.calls.values()) out.push({ type: 'toolCall', id: c.id, name: c.name, arguments: c.args });
    this.calls.clear();
    this.idByIndex.clear();
    this.latest = undefined;
  }
}

/**
 * The line an answer ends with when the model finished by asking for tools that Rill did not run
 * (tools off for the request, or a server that does not support them): says so, and how to let the
 * model use tools. Without it such an answer ends in silence, often with no text at all.
 */
export function unansweredToolCallNotice(names: readonly string[]): string {
  const asked = names.length ? ` (${[...new Set(names)].join(', ')})` : '';
  return (
    `The model asked to use a tool${asked}, which was not run: tools are off for this request, or the server ` +
    'does not support them. To let the model use tools, set "rill.tools" to "auto", "native" or "text" ' +
    '("off" keeps them off).'
  );
}
