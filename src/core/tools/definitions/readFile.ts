/**
 * `read_file {path, start_line?, end_line?}`: a piece of one workspace file, at most
 * {@link READ_MAX_LINES} lines or {@link READ_MAX_CHARS} characters, with a note saying which lines
 * came back and how to ask for the rest.
 */
import { lineArg, pathArg } from '../args';
import { clipLine, READ_MAX_CHARS, READ_MAX_LINES } from '../limits';
import { refused } from '../results';
import { type StepLine, stepLine } from '../stepLines';
import type { Tool } from '../types';

/** The checked arguments of `read_file`. */
export interface ReadFileArgs {
  path: string;
  /** Set when the path cannot be a workspace path: the call is refused with this reason. */
  refused?: string;
  start?: number;
  end?: number;
}

/** "Reading src/a.ts", with the lines asked for when some were. */
function readingLine(a: ReadFileArgs): StepLine {
  if (a.start === undefined && a.end === undefined) return stepLine('reading', a.path);
  if (a.end === undefined) return stepLine('readingFrom', a.path, a.start ?? 1);
  return stepLine('readingLines', a.path, a.start ?? 1, a.end);
}

/** Lines `from`..`from + count - 1` (1-based) of `text`, and how many lines it has. */
function sliceLines(text: string, from: number, count: number): { lines: string[]; total: number } {
  const all = text.split(/\r?\n/);
  // A final newline ends the last line; it does not start an empty one.
  if (all.length > 1 && all[all.length - 1] === '') all.pop();
  return { lines: all.slice(from - 1, from - 1 + count), total: all.length };
}

/** `read_file`. */
export const readFile: Tool<ReadFileArgs> = {
  name: 'read_file',
  description:
    'Read a workspace file. Lines are 1-based and inclusive; at most 2000 lines per call, so read large files in pieces.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Workspace-relative path' },
      start_line: { type: 'integer' },
      end_line: { type: 'integer' },
    },
    required: ['path'],
  },
  parse(args, host) {
    const p = pathArg(args, 'path', host);
    if (!p.ok) return p;
    const start = lineArg(args, 'start_line');
    if (!start.ok) return start;
    const end = lineArg(args, 'end_line');
    if (!end.ok) return end;
    if (start.args !== undefined && end.args !== undefined && end.args < start.args)
      return { ok: false, error: '"end_line" is before "start_line".' };
    if (!p.args) return { ok: false, error: '"path" is required.' };
    const { path, refused: why } = p.args;
    return { ok: true, args: { path, refused: why, start: start.args, end: end.args } };
  },
  step: readingLine,
  async run(host, a, signal) {
    if (a.refused) return refused(a.path, { reason: 'outside', detail: a.refused });
    const got = await host.readText(a.path, signal);
    if (!got.ok) return refused(a.path, got.refusal);
    const first = a.start ?? 1;
    const wanted = a.end === undefined ? READ_MAX_LINES : Math.min(a.end - first + 1, READ_MAX_LINES);
    const { lines, total } = sliceLines(got.value, first, wanted);
    if (total === 0 || (total === 1 && lines[0] === '' && first === 1))
      return {
        ok: true,
        content: `${a.path} is empty.`,
        summary: stepLine('readEmpty', a.path),
        locations: [{ path: a.path, line: 1 }],
      };
    if (first > total)
      return {
        ok: false,
        content: `${a.path} has ${total} lines; start_line ${first} is past its end.`,
        summary: stepLine('readPastEnd', a.path),
        refusal: 'invalid',
      };
    const out: string[] = [];
    let chars = 0;
    for (const line of lines) {
      const l = clipLine(line);
      if (chars + l.length + 1 > READ_MAX_CHARS && out.length > 0) break;
      out.push(l);
      chars += l.length + 1;
    }
    const last = first + out.length - 1;
    const asked = a.end !== undefined ? Math.min(a.end, total) : total;
    let note = '';
    if (last < asked)
      note = `\n[Lines ${first}-${last} of ${total} shown (the per-call limit). To read on, call read_file with start_line ${last + 1}.]`;
    else if (first > 1 || last < total) note = `\n[Lines ${first}-${last} of ${total}.]`;
    return {
      ok: true,
      content: `${out.join('\n')}${note}`,
      summary: stepLine('read', a.path, first, last),
      locations: [{ path: a.path, line: first }],
    };
  },
};
