/**
 * The tool sets and what is sent of them: native function specs, and the one place a call by name
 * is checked and run. A host offers a tool only when it can serve it (see {@link Tool.available}).
 * Other tool sets (edits, commands) extend these lists with tools of their own.
 */
import type { ToolCallRequest, ToolSpec } from '../types';
import { findFiles } from './definitions/findFiles';
import { getProblems } from './definitions/getProblems';
import { listDir } from './definitions/listDir';
import { readFile } from './definitions/readFile';
import { searchText } from './definitions/searchText';
import { findDefinition, findReferences } from './definitions/symbols';
import { invalid, refused } from './results';
import { type StepLine, stepLine } from './stepLines';
import type { AnyTool, ToolCallContext, ToolHost, ToolResult } from './types';

/** The read-only tools every host serves (the CLI's `--tools read`). */
export const FILE_TOOLS: readonly AnyTool[] = [readFile, listDir, findFiles, searchText];

/** The tools of VS Code's language services (offered by the extension only). */
export const LANGUAGE_TOOLS: readonly AnyTool[] = [getProblems, findDefinition, findReferences];

/** Every read-only tool: the extension's set. */
export const READ_TOOLS: readonly AnyTool[] = [...FILE_TOOLS, ...LANGUAGE_TOOLS];

/** The tools of `tools` that `host` can serve, in order. */
export function offeredTools<H extends ToolHost>(tools: readonly AnyTool<H>[], host: H): AnyTool<H>[] {
  return tools.filter((t) => !t.available || t.available(host));
}

/** The native function specs of `tools`, as sent in the request's `tools`. */
export function toolSpecs(tools: readonly AnyTool<never>[]): ToolSpec[] {
  return tools.map((t) => ({
    type: 'function',
    function: {
      name: t.name,
      description: t.description,
      parameters: t.parameters as unknown as Record<string, unknown>,
    },
  }));
}

/** A call's arguments as an object: `""` is `{}`, anything but a JSON object is an error message. */
export function parseArguments(
  text: string,
): { ok: true; args: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, args: {} };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the arguments are not valid JSON.' };
  }
  // Some models send the arguments object as a JSON string.
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return { ok: false, error: 'the arguments are not a JSON object.' };
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    return { ok: false, error: 'the arguments are not a JSON object.' };
  return { ok: true, args: v as Record<string, unknown> };
}

/** What a call is about to do: the tool and its checked arguments, or the result that refuses it. */
export type PreparedCall<H extends ToolHost = ToolHost> =
  | { ok: true; tool: AnyTool<H>; args: unknown; step: StepLine }
  | { ok: false; result: ToolResult; step: StepLine };

/** Looks the call's tool up among `tools` and checks its arguments. */
export function prepareCall<H extends ToolHost>(
  call: ToolCallRequest,
  tools: readonly AnyTool<H>[],
  host: H,
): PreparedCall<H> {
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) {
    const names = tools.map((t) => t.name).join(', ');
    const name = call.name || '(no name)';
    return {
      ok: false,
      step: stepLine('unknownTool', name.slice(0, 40)),
      result: {
        ok: false,
        content: `There is no tool named ${JSON.stringify(name).slice(0, 80)}. The tools are: ${names}.`,
        summary: stepLine('unknownTool', name.slice(0, 40)),
        refusal: 'invalid',
      },
    };
  }
  const parsed = parseArguments(call.arguments);
  if (!parsed.ok) return { ok: false, step: tool.name, result: invalid(tool.name, parsed.error) };
  const checked = tool.parse(parsed.args, host);
  if (!checked.ok) return { ok: false, step: tool.name, result: invalid(tool.name, checked.error) };
  return { ok: true, tool, args: checked.args, step: tool.step(checked.args) };
}

/**
 * Runs a prepared call; a host that throws gives a failed result, the user's cancellation a
 * cancelled one (unless the tool said itself what the cancellation left, see `Tool.run`).
 */
export async function runPrepared<H extends ToolHost>(
  prepared: PreparedCall<H>,
  host: H,
  signal: AbortSignal,
  call?: ToolCallContext,
): Promise<ToolResult> {
  if (!prepared.ok) return prepared.result;
  if (signal.aborted) return refused(prepared.tool.name, { reason: 'cancelled' });
  try {
    const result = await prepared.tool.run(host, prepared.args, signal, call);
    return signal.aborted && result.refusal !== 'cancelled'
      ? refused(prepared.tool.name, { reason: 'cancelled' })
      : result;
  } catch (err) {
    if (signal.aborted) return refused(prepared.tool.name, { reason: 'cancelled' });
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      content: `${prepared.tool.name} failed: ${why.slice(0, 300)}`,
      summary: stepLine('failed', prepared.tool.name),
      refusal: 'unreadable',
    };
  }
}
