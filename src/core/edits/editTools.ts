/**
 * `edit_file {path, old_text, new_text}` and `create_file {path, content}`: the model proposes,
 * the change set collects, nothing is written. Each result tells the model the change is
 * proposed, not applied, and carries the user's decisions on earlier proposals of this answer.
 */
import { type AnyTool, pathArg, refused, stepLine, stringArg, type Tool, type ToolResult } from '../tools';
import { describeDecisionUpdates } from './changeSet';
import type { EditHost } from './editHost';
import { matchEdit } from './editMatch';
import { describeEditFailure, describeProposedEdit, describeProposedFile } from './editReport';
import { changeStats } from './unifiedDiff';

/** Checked arguments of `edit_file`. */
export interface EditFileArgs {
  path: string;
  refused?: string;
  oldText: string;
  newText: string;
}

/** Checked arguments of `create_file`. */
export interface CreateFileArgs {
  path: string;
  refused?: string;
  content: string;
}

/** The user's decisions not yet told, after a result's own text. */
function withDecisions(host: EditHost, r: ToolResult): ToolResult {
  const news = describeDecisionUpdates(host.changes);
  return news ? { ...r, content: `${r.content}\n${news}` } : r;
}

/** The refusal of an edit before any file is read: untrusted workspace, a path out of bounds. */
async function writeCheck(
  host: EditHost,
  a: { path: string; refused?: string },
  signal: AbortSignal,
): Promise<{ refusal: ToolResult } | { exists: boolean }> {
  if (a.refused) return { refusal: refused(a.path, { reason: 'outside', detail: a.refused }) };
  const blocked = host.editsBlocked();
  if (blocked) return { refusal: refused(a.path, { reason: 'unavailable', detail: blocked }) };
  const w = await host.checkWritable(a.path, signal);
  if (!w.ok) return { refusal: refused(a.path, w.refusal) };
  return { exists: w.value.exists };
}

/** `edit_file`. */
export const editFile: Tool<EditFileArgs, EditHost> = {
  name: 'edit_file',
  description:
    'Propose replacing one exact occurrence of old_text in a workspace file with new_text. Quote old_text exactly as the file has it, with enough lines to be unique. The user reviews the change before it is applied.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Workspace-relative path of an existing file' },
      old_text: { type: 'string', description: 'The exact text to replace (occurs once in the file)' },
      new_text: { type: 'string', description: 'The text to put in its place' },
    },
    required: ['path', 'old_text', 'new_text'],
  },
  parse(args, host) {
    const p = pathArg(args, 'path', host);
    if (!p.ok) return p;
    if (!p.args) return { ok: false, error: '"path" is required.' };
    const o = stringArg(args, 'old_text');
    if (!o.ok) return o;
    // An empty new_text deletes: only a missing one is an error.
    const n = args.new_text === '' ? { ok: true as const, args: '' } : stringArg(args, 'new_text');
    if (!n.ok) return n;
    return { ok: true, args: { ...p.args, oldText: o.args ?? '', newText: n.args ?? '' } };
  },
  step: (a) => stepLine('proposingEdit', a.path),
  async run(host, a, signal) {
    const check = await writeCheck(host, a, signal);
    if ('refusal' in check) return withDecisions(host, check.refusal);
    let base = host.changes.baseText(a.path);
    if (base === undefined) {
      if (!check.exists)
        return withDecisions(host, refused(a.path, { reason: 'notFound', detail: 'use create_file for a new file' }));
      const got = await host.readText(a.path, signal);
      if (!got.ok) return withDecisions(host, refused(a.path, got.refusal));
      base = got.value;
    }
    const m = matchEdit(base, a.oldText, a.newText);
    if (!m.ok)
      return withDecisions(host, {
        ok: false,
        content: describeEditFailure(a.path, m),
        summary: stepLine(m.reason === 'ambiguous' ? 'editNotUnique' : 'editNotFound', a.path),
        refusal: 'invalid',
      });
    const stats = changeStats(base, m.text);
    const change = host.changes.propose(a.path, base, m.text);
    if (change) host.onProposed?.(change, base);
    return withDecisions(host, {
      ok: true,
      content: describeProposedEdit(a.path, m, stats),
      summary: stepLine('proposedEdit', a.path, stats.added, stats.removed),
      locations: [{ path: a.path, line: m.line }],
    });
  },
};

/** `create_file`. */
export const createFile: Tool<CreateFileArgs, EditHost> = {
  name: 'create_file',
  description:
    'Propose a new file with the given content. Refused when the file exists: use edit_file then. The user reviews it before it is created.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Workspace-relative path of the new file' },
      content: { type: 'string', description: 'The whole text of the file' },
    },
    required: ['path', 'content'],
  },
  parse(args, host) {
    const p = pathArg(args, 'path', host);
    if (!p.ok) return p;
    if (!p.args) return { ok: false, error: '"path" is required.' };
    const c = args.content === '' ? { ok: true as const, args: '' } : stringArg(args, 'content');
    if (!c.ok) return c;
    return { ok: true, args: { ...p.args, content: c.args ?? '' } };
  },
  step: (a) => stepLine('proposingFile', a.path),
  async run(host, a, signal) {
    const check = await writeCheck(host, a, signal);
    if ('refusal' in check) return withDecisions(host, check.refusal);
    if (check.exists || host.changes.baseText(a.path) !== undefined)
      return withDecisions(host, {
        ok: false,
        content: `${a.path} already exists${check.exists ? '' : ' (proposed earlier in this answer)'}. Use edit_file to change it.`,
        summary: stepLine('fileExists', a.path),
        refusal: 'invalid',
      });
    const change = host.changes.propose(a.path, undefined, a.content);
    if (change) host.onProposed?.(change, undefined);
    const lines = changeStats(undefined, a.content).added;
    return withDecisions(host, {
      ok: true,
      content: describeProposedFile(a.path, lines),
      summary: stepLine('proposedFile', a.path, lines),
      locations: [{ path: a.path, line: 1 }],
    });
  },
};

/** The edit tools (the CLI's `--tools edit` adds them to the read-only ones). */
export const EDIT_TOOLS: readonly AnyTool<EditHost>[] = [editFile, createFile];
