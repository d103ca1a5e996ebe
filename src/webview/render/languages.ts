/**
 * The highlighting grammars that ship with the extension, packed into `dist/grammars.js`, and the
 * fence labels that select them. The list lives in `languages.json` because the build script (plain
 * JavaScript) reads it too.
 */
import table from './languages.json';

interface LanguageEntry {
  /** The grammar's own aliases (registered by highlight.js when the grammar loads). */
  aliases: string[];
  /** Further labels models use for the same language. */
  extraAliases?: string[];
  /** Grammars this one embeds (e.g. CSS and JavaScript inside HTML), loaded along with it. */
  requires?: string[];
}

const languages: Readonly<Record<string, LanguageEntry>> = table;

const byLabel = new Map<string, string>();
for (const [name, entry] of Object.entries(languages)) {
  byLabel.set(name, name);
  for (const alias of [...entry.aliases, ...(entry.extraAliases ?? [])]) byLabel.set(alias, name);
}

/** The shipped grammar for a fence label such as `ts`, `Python` or `c++`, or `undefined`. */
export function grammarFor(label: string): string | undefined {
  return byLabel.get(label.toLowerCase());
}

/** Grammars that must be loaded before `name` for embedded code to be highlighted too. */
export function requiredGrammars(name: string): readonly string[] {
  return languages[name]?.requires ?? [];
}

/** Extra labels to register for `name` once loaded (ones highlight.js itself does not know). */
export function extraAliases(name: string): readonly string[] {
  return languages[name]?.extraAliases ?? [];
}

/** Every shipped grammar name. */
export function grammarNames(): string[] {
  return Object.keys(languages);
}
