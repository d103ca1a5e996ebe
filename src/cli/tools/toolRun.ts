/**
 * `rill --tools`: one question answered through the tools loop over the `--cwd` folder, and the
 * loop's own events printed (a step line on stderr per executed call; with `--json`, a line
 * `{"type":"tool","id","name","ok"}` per call, before the answer's text goes on).
 */
import * as fs from 'node:fs';
import type { StreamFn } from '../../core/client';
import { type ContextState, type FittedRequest, resolveWindow } from '../../core/context';
import { EDIT_TOOLS, type EditHost } from '../../core/edits';
import {
  type AnyTool,
  FILE_TOOLS,
  fittedSend,
  offeredTools,
  resultCapChars,
  ToolLoop,
  type ToolLoopEvent,
} from '../../core/tools';
import { UsageError } from '../args';
import { CliEditHost } from '../edits';
import { put, type Sink } from '../output';
import { stripControls } from '../terminalText';
import { NodeToolHost } from './nodeToolHost';

/** What a tools run needs beyond the request. */
export interface ToolRunSpec {
  folder: string;
  mode: 'auto' | 'native' | 'text';
  stream: StreamFn;
  fitted: FittedRequest;
  state: ContextState;
  signal: AbortSignal;
  /** `--tools edit`: the edit tools too; their proposals collect in this host's change set. */
  edits?: (host: CliEditHost) => void;
}

/** The host over `folder`; a usage error when it is not a readable folder. */
export function openToolHost(folder: string, windowTokens: number): NodeToolHost {
  let ok = false;
  try {
    ok = fs.statSync(folder).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`--cwd ${folder} is not a folder.`);
  return new NodeToolHost(folder, { windowTokens });
}

/** The loop's events for one question. */
export function toolEvents(spec: ToolRunSpec): AsyncIterable<ToolLoopEvent> {
  const window = resolveWindow({
    ...spec.fitted.window,
    learned: spec.state.memory.get(spec.fitted.endpointKey, spec.fitted.request.model),
  });
  const reader = openToolHost(spec.folder, window.tokens);
  let host: EditHost | typeof reader = reader;
  let tools: readonly AnyTool<EditHost>[] = offeredTools(FILE_TOOLS, reader);
  if (spec.edits) {
    const editing = new CliEditHost(reader, spec.folder, { isExcluded: (p) => reader.isExcluded(p) });
    spec.edits(editing);
    host = editing;
    tools = [...offeredTools(FILE_TOOLS, editing), ...EDIT_TOOLS];
  }
  const loop = new ToolLoop<EditHost>({
    send: fittedSend(spec.stream, spec.fitted, spec.state),
    host: host as EditHost,
    tools,
    mode: spec.mode,
    signal: spec.signal,
    maxResultChars: resultCapChars(window.tokens),
    endpointKey: spec.fitted.endpointKey,
    model: spec.fitted.request.model,
  });
  return loop.run();
}

/** The events only the loop yields. */
export type ToolStepEvent = Extract<ToolLoopEvent, { type: 'toolCall' | 'toolResult' | 'toolFallback' | 'toolStop' }>;

/**
 * Whether `e` is one of the loop's own events (the rest are the stream's and the context layer's;
 * the stream's `toolCall`, without a step, only comes without --tools and prints as before).
 */
export function isToolStep(e: { type: string; step?: unknown }): e is ToolStepEvent {
  return (
    (e.type === 'toolCall' && e.step !== undefined) ||
    e.type === 'toolResult' ||
    e.type === 'toolFallback' ||
    e.type === 'toolStop'
  );
}

/** Prints a loop event: JSON lines on stdout with `--json`, notes on stderr otherwise. */
export async function printToolStep(e: ToolStepEvent, json: boolean, out: Sink, err: Sink): Promise<void> {
  const note = (text: string) => put(err, `rill: ${err.isTTY ? stripControls(text) : text}\n`);
  switch (e.type) {
    case 'toolCall':
      return;
    case 'toolResult':
      return json
        ? put(out, `${JSON.stringify({ type: 'tool', id: e.id, name: e.name, ok: e.ok })}\n`)
        : note(e.summary);
    case 'toolFallback':
      return json ? put(out, `${JSON.stringify({ type: 'toolFallback', reason: e.reason })}\n`) : note(e.message);
    case 'toolStop':
      return json
        ? put(out, `${JSON.stringify({ type: 'toolStop', reason: e.reason, message: e.message })}\n`)
        : note(e.message);
  }
}
