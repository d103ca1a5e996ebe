/** `list_dir {path}`: the entries of a workspace folder (`.` for the root), folders marked with a trailing `/`. */
import { pathArg } from '../args';
import { LIST_MAX_ENTRIES } from '../limits';
import { cutNote, refused } from '../results';
import { countLine, stepLine } from '../stepLines';
import type { Tool } from '../types';

/** The checked arguments of `list_dir`. */
export interface ListDirArgs {
  path: string;
  refused?: string;
}

/** `list_dir`. */
export const listDir: Tool<ListDirArgs> = {
  name: 'list_dir',
  description: 'List a workspace folder ("." is the root). Folders end with "/".',
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Workspace-relative folder' } },
    required: ['path'],
  },
  parse(args, host) {
    const p = pathArg(args, 'path', host, true);
    if (!p.ok) return p;
    return { ok: true, args: p.args ?? { path: '.' } };
  },
  step: (a) => stepLine('listing', a.path),
  async run(host, a, signal) {
    if (a.refused) return refused(a.path, { reason: 'outside', detail: a.refused });
    const got = await host.listDir(a.path, signal);
    if (!got.ok) return refused(a.path, got.refusal);
    const sorted = [...got.value].sort((x, y) =>
      x.folder !== y.folder ? (x.folder ? -1 : 1) : x.name < y.name ? -1 : x.name > y.name ? 1 : 0,
    );
    const shown = sorted.slice(0, LIST_MAX_ENTRIES);
    const lines = shown.map((e) => (e.folder ? `${e.name}/` : e.name));
    if (sorted.length > shown.length) lines.push(cutNote(shown.length, 'entries', 'Use find_files to look for names.'));
    return {
      ok: true,
      content: lines.length ? lines.join('\n') : `${a.path} is empty.`,
      summary: stepLine('listed', a.path, countLine(sorted.length, 'entry')),
      locations: [],
    };
  },
};
