/**
 * `/` commands: the built-ins and the user's own (from settings and from the workspace's prompt
 * files), how a typed line names one, and which commands match what is typed so far. Pure: the
 * host reads settings and files and passes their contents in.
 */
import { parseFrontMatter } from './frontMatter';

/** The built-in commands. The first four ask about the active editor's selection or file. */
export const BUILTIN_COMMANDS = ['explain', 'fix', 'tests', 'doc', 'new', 'clear'] as const;
export type BuiltinName = (typeof BUILTIN_COMMANDS)[number];
/** The built-ins that ask about code; each is the editor task of the same name. */
export type CodeCommandName = Exclude<BuiltinName, 'new' | 'clear'>;

/** Where a command comes from; earlier sources win a name (a workspace cannot shadow the user's). */
export type CommandSource = 'builtin' | 'settings' | 'workspace';

/** A `/` command as the completion list shows it. */
export interface SlashCommandInfo {
  name: string;
  /** One line, at most {@link PROMPT_LIMITS}.descriptionChars. */
  description: string;
  source: CommandSource;
}

/** A user's command: a template expanded into the question (see `expandTemplate`). */
export interface TemplateCommand extends SlashCommandInfo {
  source: 'settings' | 'workspace';
  template: string;
}

/** Why a user's command was not taken; the host words it. */
export interface PromptProblem {
  /** `outside`: the prompt folder is a link out of the workspace; `secret`: the file policy holds the file back. */
  code: 'badName' | 'badValue' | 'empty' | 'tooLarge' | 'tooMany' | 'taken' | 'outside' | 'secret';
  /** The command's name (or the file's name). */
  name: string;
  source: 'settings' | 'workspace';
}

/**
 * Limits for commands from settings and files: a cloned repository's prompt folder is hostile
 * input, so how many files are read and how much of each is bounded.
 */
export const PROMPT_LIMITS = {
  /** Prompt files read per workspace (the rest are reported, in file-name order). */
  files: 50,
  /** Largest prompt file, in bytes. */
  fileBytes: 64 * 1024,
  /** Commands taken from the setting. */
  settings: 100,
  /** Longest template from the setting, in characters. */
  templateChars: 64 * 1024,
  /** Longest description shown; longer ones are cut with an ellipsis. */
  descriptionChars: 120,
} as const;

/** A command name: a letter or digit, then letters, digits, `-` or `_`; at most 40 characters. */
const NAME = /^[A-Za-z0-9][\w-]{0,39}$/;

/** Whether `name` can be a command's name. */
export function isCommandName(name: string): boolean {
  return NAME.test(name);
}

/** A `/name rest` line split into the command's name and the text after it. */
export interface SlashLine {
  name: string;
  /** The text after the name, trimmed ('' when none). */
  input: string;
}

/**
 * Reads a typed line as a command: `/` at its start, a name, then white space or the end. Returns
 * undefined for anything else (`/usr/bin is where?` parses, and is then sent as typed when no
 * command has that name).
 */
export function parseSlashLine(text: string): SlashLine | undefined {
  const m = /^\s*\/([A-Za-z0-9][\w-]*)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m || !isCommandName(m[1])) return undefined;
  return { name: m[1], input: (m[2] ?? '').trim() };
}

/** The command named `name` (ignoring case), or undefined. */
export function findCommand<T extends SlashCommandInfo>(commands: readonly T[], name: string): T | undefined {
  const lower = name.toLowerCase();
  return commands.find((c) => c.name.toLowerCase() === lower);
}

/**
 * The commands the completion list offers for `query` (what follows the `/`): names that start with
 * it first, then names that contain it, each group in the given order. An empty query lists all.
 */
export function matchCommands<T extends SlashCommandInfo>(commands: readonly T[], query: string): T[] {
  const q = query.toLowerCase();
  const starts = commands.filter((c) => c.name.toLowerCase().startsWith(q));
  const contains = commands.filter((c) => !c.name.toLowerCase().startsWith(q) && c.name.toLowerCase().includes(q));
  return [...starts, ...contains];
}

/** One line of at most `descriptionChars`: white space folded, cut with an ellipsis. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const max = PROMPT_LIMITS.descriptionChars;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A description from the template's first non-empty line, when none is given. */
function describe(description: unknown, template: string): string {
  if (typeof description === 'string' && description.trim()) return oneLine(description);
  return oneLine(template.split(/\r?\n/).find((l) => l.trim()) ?? '');
}

/**
 * The commands of the `rill.prompts` setting: an object from name to a template string, or to
 * `{ "prompt": template, "description": text }`. Malformed entries are reported and skipped.
 */
export function commandsFromSetting(value: unknown): { commands: TemplateCommand[]; problems: PromptProblem[] } {
  const commands: TemplateCommand[] = [];
  const problems: PromptProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { commands, problems };
  for (const [name, entry] of Object.entries(value)) {
    const problem = (code: PromptProblem['code']) => problems.push({ code, name, source: 'settings' });
    if (commands.length >= PROMPT_LIMITS.settings) {
      problem('tooMany');
      continue;
    }
    if (!isCommandName(name)) {
      problem('badName');
      continue;
    }
    const template =
      typeof entry === 'string'
        ? entry
        : typeof entry === 'object' && entry !== null && typeof (entry as { prompt?: unknown }).prompt === 'string'
          ? (entry as { prompt: string }).prompt
          : undefined;
    if (template === undefined) problem('badValue');
    else if (!template.trim()) problem('empty');
    else if (template.length > PROMPT_LIMITS.templateChars) problem('tooLarge');
    else {
      const description = typeof entry === 'object' ? (entry as { description?: unknown }).description : undefined;
      commands.push({ name, description: describe(description, template), source: 'settings', template });
    }
  }
  return { commands, problems };
}

/**
 * The command of one prompt file (`.rill/prompts/NAME.md`): its name is the file's name without
 * `.md`, its description the front matter's `description` (else the first line), its template the
 * text after the front matter. Other front matter fields are ignored: a file from the workspace
 * changes only the prompt's text, never where or how it is sent.
 */
export function commandFromFile(fileName: string, text: string): TemplateCommand | PromptProblem {
  const name = fileName.replace(/\.md$/i, '');
  if (!isCommandName(name)) return { code: 'badName', name: fileName, source: 'workspace' };
  if (text.length > PROMPT_LIMITS.fileBytes) return { code: 'tooLarge', name: fileName, source: 'workspace' };
  const { fields, body } = parseFrontMatter(text);
  if (!body.trim()) return { code: 'empty', name: fileName, source: 'workspace' };
  return { name, description: describe(fields.description, body), source: 'workspace', template: body };
}

/**
 * The commands in force: the built-ins, then the setting's, then the workspace's. A name already
 * taken (ignoring case) by an earlier source is reported and skipped, so a repository cannot
 * replace `/fix` or a command of the user's with its own text.
 */
export function mergeCommands<T extends SlashCommandInfo>(
  sources: readonly (readonly T[])[],
): { commands: T[]; problems: PromptProblem[] } {
  const commands: T[] = [];
  const problems: PromptProblem[] = [];
  const taken = new Set<string>();
  for (const list of sources) {
    for (const c of list) {
      const key = c.name.toLowerCase();
      if (taken.has(key)) {
        if (c.source !== 'builtin') problems.push({ code: 'taken', name: c.name, source: c.source });
        continue;
      }
      taken.add(key);
      commands.push(c);
    }
  }
  return { commands, problems };
}

/**
 * Which entries of a prompt folder to read: the `.md` files, in name order, at most
 * {@link PROMPT_LIMITS}.files of them; the rest are reported as too many.
 */
export function choosePromptFiles(names: readonly string[]): { read: string[]; problems: PromptProblem[] } {
  const md = names.filter((n) => /\.md$/i.test(n)).sort();
  return {
    read: md.slice(0, PROMPT_LIMITS.files),
    problems: md.slice(PROMPT_LIMITS.files).map((name) => ({ code: 'tooMany', name, source: 'workspace' as const })),
  };
}

/** What the host read: the setting's value in force, and the prompt files it read (name and text). */
export interface CommandSources<B extends SlashCommandInfo> {
  builtins: readonly B[];
  /** The `rill.prompts` value in force (a workspace's value only counts once it is trusted). */
  setting: unknown;
  /** Prompt files of the workspace; ignored unless `trusted`. */
  files: readonly { name: string; text: string }[];
  /** Whether the workspace is trusted: an untrusted one's prompt files are never used. */
  trusted: boolean;
}

/**
 * The commands in force and the problems of the user's ones: the built-ins, then the setting's,
 * then (in a trusted workspace only) the prompt files', earlier sources winning a name.
 */
export function collectCommands<B extends SlashCommandInfo>(
  sources: CommandSources<B>,
): { commands: (B | TemplateCommand)[]; problems: PromptProblem[] } {
  const fromSetting = commandsFromSetting(sources.setting);
  const fromFiles: TemplateCommand[] = [];
  const problems = [...fromSetting.problems];
  if (sources.trusted) {
    for (const f of sources.files) {
      const c = commandFromFile(f.name, f.text);
      if ('template' in c) fromFiles.push(c);
      else problems.push(c);
    }
  }
  const merged = mergeCommands<B | TemplateCommand>([sources.builtins, fromSetting.commands, fromFiles]);
  return { commands: merged.commands, problems: [...problems, ...merged.problems] };
}
