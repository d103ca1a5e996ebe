/** Command-line arguments of `rill`, with environment defaults. */
import { DEFAULT_REQUEST_TIMEOUT_SECONDS, resolveEndpoint } from '../core/client';

/** What a run of the tool was asked to do. */
export interface CliOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  system?: string;
  maxTokens?: number;
  temperature?: number;
  /** Idle timeout: no byte from the server for this long is an error. */
  timeoutMs?: number;
  /** The whole request's time limit, in milliseconds. */
  maxTimeMs?: number;
  /** Where `--api-key-file` said the key is (read by {@link readApiKeyFile}). */
  apiKeyFile?: string;
  json: boolean;
  help: boolean;
  /** The prompt from the arguments; `undefined` means read stdin. */
  prompt?: string;
  /** `--messages FILE`: a conversation to send before the prompt. */
  messagesFile?: string;
  /** `--context-tokens N`: the model's context window. */
  contextTokens?: number;
  /** `--tools [read]`: the read-only tools over {@link cwd}; `--tools edit` adds edit_file and create_file. */
  tools?: 'read' | 'edit';
  /** `--apply`: with `--tools edit`, write the proposed changes (otherwise they are only printed). */
  apply?: boolean;
  /** `--cwd DIR`: the folder the tools look through (default: the current directory). */
  cwd?: string;
  /** `--tool-protocol MODE`: how tools are offered (default `auto`). */
  toolProtocol?: 'auto' | 'native' | 'text';
  /**
   * The environment has an `OPENAI_API_KEY`, but it was not sent: the base URL is neither
   * `OPENAI_BASE_URL`'s address nor OpenAI's (see {@link envKeyMayGoTo}).
   */
  envKeyHeldBack?: boolean;
}

/** A usage mistake: the message says what was wrong. */
export class UsageError extends Error {}

/** Used when neither `--base-url` nor `OPENAI_BASE_URL` is given. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The origin of a base URL as requests go there (a missing scheme added as the client does); `undefined` when unusable. */
function originOf(baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  try {
    return new URL(resolveEndpoint({ baseUrl }).baseUrl).origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether the environment's `OPENAI_API_KEY` may go to `baseUrl`: only to the origin of the
 * environment's own `OPENAI_BASE_URL`, or to OpenAI's. A key exported for one service must not
 * travel to whatever `--base-url` a command line names (a local server, a test proxy, a typo).
 */
export function envKeyMayGoTo(baseUrl: string, envBaseUrl: string | undefined): boolean {
  const target = originOf(baseUrl);
  return target !== undefined && (target === originOf(DEFAULT_BASE_URL) || target === originOf(envBaseUrl));
}

/**
 * A warning when the key file can be read or written by other users of the machine (group or
 * others have any of read or write in `mode`), as ssh warns about a private key; `undefined` when
 * only its owner can. Not checked on Windows, where the mode bits mean nothing of the sort.
 */
export function keyFileWarning(file: string, mode: number, platform: string = process.platform): string | undefined {
  if (platform === 'win32' || (mode & 0o066) === 0) return undefined;
  const shown = (mode & 0o777).toString(8).padStart(4, '0');
  return `warning: the API key file ${file} can be read or written by other users (mode ${shown}); run chmod 600 on it.`;
}

/** The `--help` text: every option, the environment defaults and the exit statuses. */
export const HELP = `Usage: rill [options] [PROMPT…]

Streams one chat answer from an OpenAI-compatible endpoint (POST {base}/chat/completions).
The prompt is the arguments joined by spaces, or else standard input.

Options:
  --base-url URL       API base URL, e.g. http://localhost:11434/v1 (env OPENAI_BASE_URL;
                       default ${DEFAULT_BASE_URL})
  --model M            model name (env OPENAI_MODEL; required)
  --api-key-file FILE  read the API key from FILE (its first line; keep it chmod 600: a file
                       others can read or write gets a warning)
  --api-key K          API key, sent as a Bearer token (env OPENAI_API_KEY). Other users
                       of this machine can see a command line in the process list: the
                       environment variable or --api-key-file is the safe way.
                       OPENAI_API_KEY goes only to OPENAI_BASE_URL's address or to OpenAI's
                       (https://api.openai.com); for any other --base-url, give that address's
                       key with --api-key-file (or --api-key)
  --system TEXT        a system message sent before the prompt
  --max-tokens N       upper bound on the answer's tokens
  --temperature T      sampling temperature, e.g. 0.2
  --timeout-ms N       idle timeout: give up when the server sends nothing for N ms
                       (default 120000; 0 waits forever)
  --messages FILE      send a conversation first: a JSON array of chat messages
                       ({"role": "user", "content": "…"}); the prompt is appended as the last
                       user message, or without a prompt the file's last message is answered
  --context-tokens N   the model's context window in tokens (default: the server's /models
                       figure, else 8192); the oldest messages that do not fit are left out
  --max-time SECONDS   give up when the whole answer takes longer than this (the text
                       that arrived stays; exit status 1; default ${DEFAULT_REQUEST_TIMEOUT_SECONDS})
  --tools [read]       let the model look through the files of --cwd with the read-only
                       tools (read_file, list_dir, find_files, search_text); each call
                       prints a step line on stderr. Secret and .gitignore'd files and
                       anything outside the folder are refused
  --tools edit         the read-only tools and edit_file / create_file: the changes the model
                       proposes are printed as a unified diff after the answer (with --json,
                       a line {"type":"edit","path","diff"} per file); nothing is written
                       without --apply. Commands are never run
  --apply              with --tools edit, write the proposed changes to the files (a file
                       changed meanwhile is left alone and named on stderr)
  --cwd DIR            the folder the tools look through (default: the current directory)
  --tool-protocol M    auto (native tool calls, else tools described in the prompt when the
                       server refuses them), native, or text (default auto)
  --json               print one JSON object per line: context, text, reasoning, toolCall,
                       usage, retry, finish, error; with --tools also a line
                       {"type":"tool","id","name","ok"} per executed call
  -h, --help           show this help

Output: the answer's text on stdout as it streams; notes (retries, usage, a finish other
than "stop") and errors on stderr.
Exit status: 0 when the answer finished, 1 on an error (text already printed stays),
2 on a usage mistake, 130 when interrupted with Ctrl-C (the request is aborted).
`;

const VALUE_FLAGS = new Set([
  '--base-url',
  '--model',
  '--api-key',
  '--system',
  '--max-tokens',
  '--temperature',
  '--timeout-ms',
  '--messages',
  '--context-tokens',
  '--max-time',
  '--api-key-file',
  '--cwd',
  '--tool-protocol',
]);

/** The values `--tools` takes: the read-only tools, or those and the edit tools. */
const TOOL_SETS = new Set(['read', 'edit']);

function number(flag: string, value: string, check: (n: number) => boolean, what: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`${flag} needs ${what}, not "${value}".`);
  return n;
}

/** Parses `argv` (without `node` and the script) over the environment's defaults. Throws {@link UsageError}. */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>): CliOptions {
  const values = new Map<string, string>();
  const words: string[] = [];
  let json = false;
  let help = false;
  let tools: string | undefined;
  let apply = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--json') json = true;
    else if (arg === '--apply') apply = true;
    else if (arg === '--tools') {
      // The set is optional: `--tools` alone, or followed by one of the set names.
      tools = TOOL_SETS.has(argv[i + 1] ?? '') ? argv[++i] : 'read';
    } else if (arg.startsWith('--tools=')) tools = arg.slice('--tools='.length);
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const flag = eq === -1 ? arg : arg.slice(0, eq);
      if (!VALUE_FLAGS.has(flag)) throw new UsageError(`Unknown option ${flag}. Run with --help for the options.`);
      let value: string;
      if (eq !== -1) value = arg.slice(eq + 1);
      else {
        if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value.`);
        value = argv[++i];
      }
      values.set(flag, value);
    } else words.push(arg);
  }
  const opts: CliOptions = {
    baseUrl: values.get('--base-url') || env.OPENAI_BASE_URL || DEFAULT_BASE_URL,
    model: values.get('--model') || env.OPENAI_MODEL || '',
    json,
    help,
  };
  if (values.has('--api-key') && values.has('--api-key-file'))
    throw new UsageError('Pass either --api-key or --api-key-file, not both.');
  const keyFile = values.get('--api-key-file');
  if (keyFile !== undefined) {
    if (!keyFile) throw new UsageError('--api-key-file needs a file name.');
    opts.apiKeyFile = keyFile;
  } else {
    const given = values.get('--api-key');
    if (given) opts.apiKey = given;
    else if (given === undefined && env.OPENAI_API_KEY) {
      if (envKeyMayGoTo(opts.baseUrl, env.OPENAI_BASE_URL)) opts.apiKey = env.OPENAI_API_KEY;
      else opts.envKeyHeldBack = true;
    }
  }
  if (values.has('--system')) opts.system = values.get('--system');
  const maxTokens = values.get('--max-tokens');
  if (maxTokens !== undefined)
    opts.maxTokens = number('--max-tokens', maxTokens, (n) => Number.isInteger(n) && n > 0, 'a whole number above 0');
  const temperature = values.get('--temperature');
  if (temperature !== undefined)
    opts.temperature = number('--temperature', temperature, (n) => n >= 0, 'a number of 0 or more');
  const timeout = values.get('--timeout-ms');
  if (timeout !== undefined)
    opts.timeoutMs = number(
      '--timeout-ms',
      timeout,
      (n) => Number.isInteger(n) && n >= 0,
      'a whole number of milliseconds',
    );
  if (values.has('--messages')) opts.messagesFile = values.get('--messages');
  const contextTokens = values.get('--context-tokens');
  if (contextTokens !== undefined)
    opts.contextTokens = number(
      '--context-tokens',
      contextTokens,
      (n) => Number.isInteger(n) && n >= 64,
      'a whole number of tokens, 64 or more',
    );
  const maxTime = values.get('--max-time');
  if (maxTime !== undefined)
    opts.maxTimeMs = Math.round(
      number('--max-time', maxTime, (n) => n > 0 && n <= 86_400 * 365, 'a number of seconds above 0') * 1000,
    );
  if (tools !== undefined) {
    if (tools !== 'read' && tools !== 'edit') throw new UsageError(`--tools takes "read" or "edit", not "${tools}".`);
    opts.tools = tools;
  }
  if (apply) {
    if (opts.tools !== 'edit')
      throw new UsageError('--apply writes the changes of --tools edit; pass --tools edit too.');
    opts.apply = true;
  }
  const cwd = values.get('--cwd');
  if (cwd !== undefined) {
    if (!opts.tools) throw new UsageError('--cwd is the folder of --tools; pass --tools too.');
    if (!cwd) throw new UsageError('--cwd needs a folder.');
    opts.cwd = cwd;
  }
  const protocol = values.get('--tool-protocol');
  if (protocol !== undefined) {
    if (protocol !== 'auto' && protocol !== 'native' && protocol !== 'text')
      throw new UsageError(`--tool-protocol takes auto, native or text, not "${protocol}".`);
    opts.toolProtocol = protocol;
  }
  if (words.length > 0) opts.prompt = words.join(' ');
  if (!help && !opts.model) throw new UsageError('No model given. Pass --model M or set OPENAI_MODEL.');
  return opts;
}

/** The whole request's time limit in milliseconds: `--max-time`, else the extension's default (600 s). */
export function requestLimitMs(opts: Pick<CliOptions, 'maxTimeMs'>): number {
  return opts.maxTimeMs ?? DEFAULT_REQUEST_TIMEOUT_SECONDS * 1000;
}

/**
 * Reads the key `--api-key-file` names: its first line, without surrounding whitespace. Throws
 * {@link UsageError} (naming the file, never echoing its content) when it cannot be read or is empty.
 */
export function readApiKeyFile(file: string, read: (file: string) => string): string {
  let content: string;
  try {
    content = read(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read the API key file ${file}${code ? ` (${code})` : ''}.`);
  }
  const key = content.split(/\r?\n/, 1)[0].trim();
  if (!key) throw new UsageError(`The API key file ${file} is empty.`);
  return key;
}
