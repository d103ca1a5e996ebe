/**
 * `find_definition` and `find_references {symbol, path?, line?}`: VS Code's language services
 * asked about a symbol the model names. A model rarely knows columns, so it gives the name, and
 * the file (and line) it saw it in when the name alone is ambiguous; the host finds the name there.
 */
import { lineArg, pathArg, stringArg } from '../args';
import { clipLine, LOCATIONS_MAX, MATCH_MAX_CHARS } from '../limits';
import { cutNote, refused } from '../results';
import { countLine, type StepKey, stepLine } from '../stepLines';
import type { Bounded, HostAnswer, ObjectSchema, SymbolLocation, SymbolQuery, Tool, ToolHost } from '../types';

/** The checked arguments of the symbol tools. */
export interface SymbolArgs extends SymbolQuery {
  refused?: string;
}

const PARAMETERS: ObjectSchema = {
  type: 'object',
  properties: {
    symbol: { type: 'string', description: 'Identifier, e.g. parseConfig' },
    path: { type: 'string', description: 'File where it appears' },
    line: { type: 'integer' },
  },
  required: ['symbol'],
};

function parse(args: Record<string, unknown>, host: ToolHost) {
  const s = stringArg(args, 'symbol');
  if (!s.ok) return s;
  const symbol = (s.args ?? '').trim();
  if (!/^[^\s]{1,200}$/.test(symbol)) return { ok: false as const, error: '"symbol" must be one identifier.' };
  const p = pathArg(args, 'path', host, true);
  if (!p.ok) return p;
  const l = lineArg(args, 'line');
  if (!l.ok) return l;
  const out: SymbolArgs = { symbol };
  if (p.args) {
    out.path = p.args.path;
    if (p.args.refused) out.refused = p.args.refused;
  }
  if (l.args !== undefined) out.line = l.args;
  return { ok: true as const, args: out };
}

type Lookup = (
  host: ToolHost,
) => ((q: SymbolQuery, max: number, signal: AbortSignal) => Promise<HostAnswer<Bounded<SymbolLocation>>>) | undefined;

/** The shared shape of both symbol tools. */
/** A symbol tool's words: what it finds ("definition"), and the keys of its step lines. */
interface SymbolWords {
  done: string;
  doing: StepKey;
  doingIn: StepKey;
  found: StepKey;
}

function symbolTool(name: string, description: string, words: SymbolWords, lookup: Lookup): Tool<SymbolArgs> {
  const { done } = words;
  return {
    name,
    description,
    parameters: PARAMETERS,
    available: (host) => lookup(host) !== undefined,
    parse,
    step: (a) => (a.path ? stepLine(words.doingIn, a.symbol, a.path) : stepLine(words.doing, a.symbol)),
    async run(host, a, signal) {
      const subject = `\`${a.symbol}\``;
      if (a.refused) return refused(a.path ?? subject, { reason: 'outside', detail: a.refused });
      const fn = lookup(host);
      if (!fn) return refused(subject, { reason: 'unavailable' });
      const query: SymbolQuery = { symbol: a.symbol };
      if (a.path !== undefined) query.path = a.path;
      if (a.line !== undefined) query.line = a.line;
      const got = await fn.call(host, query, LOCATIONS_MAX, signal);
      if (!got.ok) return refused(a.path ?? subject, got.refusal);
      const { items, more } = got.value;
      const lines = items.map(
        (l) => `${l.path}:${l.line}${l.text !== undefined ? `: ${clipLine(l.text.trim(), MATCH_MAX_CHARS)}` : ''}`,
      );
      if (more) lines.push(cutNote(items.length, 'locations', 'Give a path to narrow it.'));
      const files = new Set(items.map((l) => l.path)).size;
      return {
        ok: true,
        content: items.length ? lines.join('\n') : `No ${done} found for ${subject}.`,
        summary: stepLine(words.found, a.symbol, countLine(items.length, 'location', more), countLine(files, 'file')),
        locations: items.map((l) => ({ path: l.path, line: l.line, column: l.column })),
      };
    },
  };
}

/** `find_definition` (offered only by hosts with language services). */
export const findDefinition = symbolTool(
  'find_definition',
  'Where a symbol is defined, from the language services.',
  { done: 'definition', doing: 'findingDefinition', doingIn: 'findingDefinitionIn', found: 'definitions' },
  (h) => h.definition,
);

/** `find_references` (offered only by hosts with language services). */
export const findReferences = symbolTool(
  'find_references',
  'Where a symbol is used, from the language services.',
  { done: 'references', doing: 'findingReferences', doingIn: 'findingReferencesIn', found: 'references' },
  (h) => h.references,
);
