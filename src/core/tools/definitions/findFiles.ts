/** `find_files {pattern}`: workspace files whose path matches a glob, bounded, with a note when cut. */
import { stringArg } from '../args';
import { FIND_MAX_FILES } from '../limits';
import { cutNote, refused } from '../results';
import { countLine, stepLine } from '../stepLines';
import type { Tool } from '../types';

/** The checked arguments of `find_files`. */
export interface FindFilesArgs {
  pattern: string;
}

/**
 * A glob as the hosts take it: a bare name (no `/`) matches at any depth, as users and models
 * mean it ("package.json", "*.ts"); a leading `./` or `/` is dropped.
 */
export function workspaceGlob(pattern: string): string {
  const p = pattern
    .trim()
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '');
  return p.includes('/') || p.startsWith('**') ? p : `**/${p}`;
}

/** `find_files`. */
export const findFiles: Tool<FindFilesArgs> = {
  name: 'find_files',
  description: 'Find workspace files by glob, e.g. "**/*.test.ts" or "config.json".',
  parameters: {
    type: 'object',
    properties: { pattern: { type: 'string' } },
    required: ['pattern'],
  },
  parse(args) {
    const p = stringArg(args, 'pattern');
    if (!p.ok) return p;
    const pattern = workspaceGlob(p.args ?? '');
    if (pattern.split('/').includes('..'))
      return { ok: false, error: '"pattern" must stay inside the workspace (no "..").' };
    return { ok: true, args: { pattern } };
  },
  step: (a) => stepLine('finding', a.pattern),
  async run(host, a, signal) {
    const got = await host.findFiles(a.pattern, FIND_MAX_FILES, signal);
    if (!got.ok) return refused(a.pattern, got.refusal);
    const { items, more } = got.value;
    const lines = [...items];
    if (more) lines.push(cutNote(items.length, 'files', 'Use a narrower pattern.'));
    return {
      ok: true,
      content: items.length ? lines.join('\n') : `No files match ${a.pattern}.`,
      summary: stepLine('found', countLine(items.length, 'file', more), a.pattern),
      locations: items.map((path) => ({ path, line: 1 })),
    };
  },
};
