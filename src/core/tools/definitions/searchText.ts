/** `search_text {query, is_regex?, include?}`: `path:line: text` matches across the workspace, bounded. */
import { boolArg, stringArg } from '../args';
import { clipLine, MATCH_MAX_CHARS, SEARCH_MAX_MATCHES } from '../limits';
import { cutNote, refused } from '../results';
import { countLine, stepLine } from '../stepLines';
import type { TextQuery, Tool } from '../types';
import { workspaceGlob } from './findFiles';

/** `search_text`. */
export const searchText: Tool<TextQuery> = {
  name: 'search_text',
  description: 'Search workspace files for text; returns "path:line: text" matches.',
  parameters: {
    type: 'object',
    properties: {
      query: { type: 'string' },
      is_regex: { type: 'boolean' },
      include: { type: 'string', description: 'Glob of files to search' },
    },
    required: ['query'],
  },
  parse(args) {
    const q = stringArg(args, 'query');
    if (!q.ok) return q;
    const r = boolArg(args, 'is_regex');
    if (!r.ok) return r;
    const inc = stringArg(args, 'include', true);
    if (!inc.ok) return inc;
    const query = q.args ?? '';
    const isRegex = r.args ?? false;
    if (isRegex) {
      try {
        new RegExp(query);
      } catch (err) {
        return { ok: false, error: `"query" is not a valid regular expression: ${(err as Error).message}.` };
      }
    }
    const include = inc.args === undefined ? undefined : workspaceGlob(inc.args);
    if (include?.split('/').includes('..'))
      return { ok: false, error: '"include" must stay inside the workspace (no "..").' };
    return { ok: true, args: include === undefined ? { query, isRegex } : { query, isRegex, include } };
  },
  step: (a) => (a.include ? stepLine('searchingIn', a.query, a.include) : stepLine('searching', a.query)),
  async run(host, a, signal) {
    const got = await host.searchText(a, SEARCH_MAX_MATCHES, signal);
    if (!got.ok) return refused(`\`${a.query}\``, got.refusal);
    const { items, more } = got.value;
    const lines = items.map((m) => `${m.path}:${m.line}: ${clipLine(m.text.trim(), MATCH_MAX_CHARS)}`);
    if (more) lines.push(cutNote(items.length, 'matches', 'Use a more specific query or an include glob.'));
    const files = new Set(items.map((m) => m.path)).size;
    return {
      ok: true,
      content: items.length ? lines.join('\n') : `No matches for \`${a.query}\`.`,
      summary: stepLine('searched', a.query, countLine(items.length, 'result', more), countLine(files, 'file')),
      locations: items.map((m) => ({ path: m.path, line: m.line })),
    };
  },
};
