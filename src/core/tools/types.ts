/**
 * The tools room's contract: what a tool is ({@link Tool}), what a host must provide for the
 * read-only tools ({@link ToolHost}, the port the VS Code extension and the CLI each implement), and
 * what a tool call produces ({@link ToolResult}). Pure data and signatures: no I/O lives here.
 */

import type { StepLine } from './stepLines';

/**
 * Why a host refused or could not serve a request. The first six are the file policy's reasons
 * (a secret, outside the workspace, excluded, too large, binary, unreadable); the rest are the
 * tool's own (no such file, a folder where a file was asked for, bad arguments, a capability the
 * host lacks, the user's cancellation).
 */
export type RefusalReason =
  | 'secret'
  | 'outside'
  | 'excluded'
  | 'tooLarge'
  | 'binary'
  | 'unreadable'
  | 'notFound'
  | 'notAFile'
  | 'notAFolder'
  | 'invalid'
  | 'unavailable'
  | 'cancelled';

/** A refusal: the reason, and the policy rule or detail that applies (e.g. `.env*`, `private key block`). */
export interface Refusal {
  reason: RefusalReason;
  detail?: string;
}

/** A host's answer: the value, or a refusal that becomes the tool's result. Hosts never throw for refusals. */
export type HostAnswer<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** A bounded list: `items` at most the asked-for count, `more` true when others were left out. */
export interface Bounded<T> {
  items: T[];
  more: boolean;
}

/** One entry of a folder. */
export interface DirEntry {
  name: string;
  folder: boolean;
}

/** What `search_text` asks a host for. */
export interface TextQuery {
  query: string;
  isRegex: boolean;
  /** A glob the matching files' workspace-relative paths must match (e.g. `src/**\/*.ts`). */
  include?: string;
}

/** A place in a workspace file: `line` and `column` 1-based. */
export interface FileLocation {
  path: string;
  line: number;
  column?: number;
}

/** One `search_text` match: the line's text, as the host read it (the tool clips it). */
export interface TextMatch extends FileLocation {
  text: string;
}

/** One diagnostic. */
export interface Problem extends FileLocation {
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
}

/** A symbol a model names: the name, and optionally the file (and line) it saw it in, to pick the right one. */
export interface SymbolQuery {
  symbol: string;
  path?: string;
  line?: number;
}

/** A definition or reference found by the language services, with its line's text for context. */
export interface SymbolLocation extends FileLocation {
  text?: string;
}

/**
 * The port a host implements so the tools can look through its workspace. Every path in and out is
 * workspace-relative with `/` separators (the tools normalise the model's paths first). Every
 * method applies the file policy for `purpose: 'tool'`: real paths resolved with symlinks
 * followed must lie inside a workspace folder; excluded files (files.exclude, search.exclude,
 * .gitignore) stay out of listings and results and are refused when named; secret files (by name
 * or content) are refused. A refusal is an answer, never an exception; a thrown error is a failure.
 * The optional methods are the language services only the editor has; a tool whose method is
 * missing is not offered.
 */
export interface ToolHost {
  /**
   * Maps an absolute path to its workspace-relative form when it lies in a workspace folder
   * (lexically; the real-path check still happens on access), else `undefined`.
   */
  workspaceRelative(absolutePath: string): string | undefined;
  /** A file's text: the editor's buffer when the file is open (unsaved edits included). */
  readText(path: string, signal: AbortSignal): Promise<HostAnswer<string>>;
  /** The entries of a folder (`.` is the root), excluded ones left out. */
  listDir(path: string, signal: AbortSignal): Promise<HostAnswer<DirEntry[]>>;
  /** Files whose workspace-relative path matches the glob, at most `max`. */
  findFiles(glob: string, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<string>>>;
  /** Lines matching the query, at most `max`, in a stable order (by path, then line). */
  searchText(query: TextQuery, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<TextMatch>>>;
  /** Diagnostics of one file, or of the whole workspace without a path. */
  problems?(path: string | undefined, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<Problem>>>;
  /** Where a symbol is defined. */
  definition?(query: SymbolQuery, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<SymbolLocation>>>;
  /** Where a symbol is used. */
  references?(query: SymbolQuery, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<SymbolLocation>>>;
}

/** A JSON Schema object with named properties, as OpenAI's function `parameters` take it. */
export interface ObjectSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** The result of one tool call: what goes back to the model, and what the panel or CLI shows. */
export interface ToolResult {
  /** False for refusals and failures; the model still gets `content`, saying why. */
  ok: boolean;
  /** The text sent back to the model (workspace text: hostile, shown as text only). */
  content: string;
  /**
   * One line for the step, after the call: "Read src/retry.ts, lines 1-120", "Searched `retryDelay`:
   * 12 results in 4 files", "Refused .env: secret file" (structured, so a view can translate it).
   */
  summary: StepLine;
  /** Set when `ok` is false: why. */
  refusal?: RefusalReason;
  /** Files (and lines) the result points at, so a view can open them. */
  locations?: FileLocation[];
}

/**
 * A step's change while its call runs: it waits for the user (Run / Skip), or runs. `command`
 * is the exact command and folder a waiting step shows beside its buttons.
 */
export interface ToolProgress {
  status: 'waiting' | 'running';
  title: StepLine;
  command?: { line: string; cwd: string };
}

/** What a running call knows of itself: its id (the step's), and how to tell its step's progress. */
export interface ToolCallContext {
  id: string;
  progress(p: ToolProgress): void;
}

/** A tool's arguments after checking: the value, or what was wrong with them (told to the model). */
export type Parsed<A> = { ok: true; args: A } | { ok: false; error: string };

/**
 * One tool: a small module with its name (a contract: prompts and tests rely on it), its JSON
 * Schema, a one-line step summary, and its run function. `H` lets tools that need more than the
 * read-only port (edits, commands) ask for a wider host.
 */
export interface Tool<A = unknown, H extends ToolHost = ToolHost> {
  readonly name: string;
  /** One or two short sentences for the model: what it does and when to use it. */
  readonly description: string;
  readonly parameters: ObjectSchema;
  /** Whether the host can serve it (the language-service tools need the editor); default yes. */
  available?(host: H): boolean;
  /** Checks and normalises the model's arguments (already JSON-parsed to an object). */
  parse(args: Record<string, unknown>, host: H): Parsed<A>;
  /** The step's line while it runs: "Reading src/retry.ts, lines 1-120". */
  step(args: A): StepLine;
  /**
   * Runs the call. Refusals and failures are results (`ok: false`); it rejects only on a bug. A
   * tool that handles the user's cancellation itself returns a result with `refusal: 'cancelled'`,
   * which is kept as it is.
   */
  run(host: H, args: A, signal: AbortSignal, call?: ToolCallContext): Promise<ToolResult>;
}

/** A tool of any argument type, as registries hold them. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of different argument types
export type AnyTool<H extends ToolHost = ToolHost> = Tool<any, H>;
