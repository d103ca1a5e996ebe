/** `get_problems {path?}`: the editor's diagnostics (errors, warnings) for one file or the workspace. */
import { pathArg } from '../args';
import { clipLine, MATCH_MAX_CHARS, PROBLEMS_MAX } from '../limits';
import { cutNote, refused } from '../results';
import { countLine, stepLine } from '../stepLines';
import type { Tool } from '../types';

/** The checked arguments of `get_problems`. */
export interface GetProblemsArgs {
  path?: string;
  refused?: string;
}

/** `get_problems` (offered only by hosts with language services). */
export const getProblems: Tool<GetProblemsArgs> = {
  name: 'get_problems',
  description: "Errors and warnings from the editor's language services, for one file or (no path) all.",
  parameters: { type: 'object', properties: { path: { type: 'string' } } },
  available: (host) => typeof host.problems === 'function',
  parse(args, host) {
    const p = pathArg(args, 'path', host, true);
    if (!p.ok) return p;
    return { ok: true, args: p.args && p.args.path !== '.' ? p.args : {} };
  },
  step: (a) => (a.path ? stepLine('checking', a.path) : stepLine('checkingAll')),
  async run(host, a, signal) {
    const where = a.path ?? 'the workspace';
    if (a.refused) return refused(where, { reason: 'outside', detail: a.refused });
    if (!host.problems) return refused(where, { reason: 'unavailable' });
    const got = await host.problems(a.path, PROBLEMS_MAX, signal);
    if (!got.ok) return refused(where, got.refusal);
    const { items, more } = got.value;
    const lines = items.map(
      (p) =>
        `${p.path}:${p.line}:${p.column ?? 1}: ${p.severity}: ${clipLine(p.message.replace(/\s+/g, ' '), MATCH_MAX_CHARS)}${p.source ? ` (${p.source})` : ''}`,
    );
    if (more) lines.push(cutNote(items.length, 'problems', 'Ask for one file.'));
    return {
      ok: true,
      content: items.length ? lines.join('\n') : `No problems in ${where}.`,
      summary: a.path
        ? stepLine('checked', a.path, countLine(items.length, 'problem', more))
        : stepLine('checkedAll', countLine(items.length, 'problem', more)),
      locations: items.map((p) => ({ path: p.path, line: p.line, column: p.column })),
    };
  },
};
