/**
 * The one language table, for display and for insertion: which fence labels (`ts`, `Python`,
 * `c++`) name which highlighting grammar shipped with the extension (the panel) and which VS Code
 * language ids (inserting into a file, opening a new one). The grammars and their labels are in
 * `languages.json` because the build script (plain JavaScript) reads it too.
 */
import table from './languages.json';

interface LanguageEntry {
  /** The grammar's own aliases (registered by highlight.js when the grammar loads). */
  aliases: string[];
  /** Further labels models use for the same language. */
  extraAliases?: string[];
  /** Grammars this one embeds (e.g. CSS and JavaScript inside HTML), loaded along with it. */
  requires?: string[];
  /** The VS Code language ids the grammar serves, when not just its own name. */
  languageIds?: string[];
}

const languages: Readonly<Record<string, LanguageEntry>> = table;

/** VS Code languages without a shipped grammar (shown as plain code), and the labels that name them. */
const WITHOUT_GRAMMAR: Readonly<Record<string, readonly string[]>> = {
  perl: ['pl'],
  fsharp: ['fs', 'f#'],
  objectivec: ['objc', 'objective-c'],
  plaintext: ['text', 'txt'],
};

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

/**
 * The VS Code language ids a fence label names, most likely first (`ts` → `typescript`,
 * `typescriptreact`; `sh` → `shellscript`), or `[]` for a label the table does not know.
 */
export function languageIdsFor(label: string): readonly string[] {
  const tag = label.trim().toLowerCase();
  const grammar = grammarFor(tag);
  if (grammar !== undefined) return languages[grammar]?.languageIds ?? [grammar];
  for (const [id, labels] of Object.entries(WITHOUT_GRAMMAR)) if (id === tag || labels.includes(tag)) return [id];
  return [];
}

/** Whether a fence label names the VS Code language `languageId`. */
export function langMatches(label: string, languageId: string): boolean {
  const id = languageId.toLowerCase();
  return label.toLowerCase() === id || languageIdsFor(label).includes(id);
}

/**
 * The VS Code language id for a fence label (`ts` → `typescript`), or the label itself in lower
 * case when the table does not know it (it may be an id already, like `haskell`).
 */
export function languageIdForFence(label: string): string {
  return languageIdsFor(label)[0] ?? label.trim().toLowerCase();
}
