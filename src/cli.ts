/**
 * `rill`: the command-line tool on the streaming core. See {@link HELP} for usage.
 * Exit status: 0 finished, 1 error, 2 usage mistake, 130 interrupted (SIGINT aborts the request).
 */

import { readFileSync, statSync } from 'node:fs';
import {
  type CliOptions,
  HELP,
  keyFileWarning,
  parseArgs,
  readApiKeyFile,
  requestLimitMs,
  UsageError,
} from './cli/args';
import { printContextEvent, readConversation, splitConversation } from './cli/conversation';
import { applyChanges, type CliEditHost, printChanges } from './cli/edits';
import { type EventPrinter, JsonPrinter, PlainPrinter, put, putNote } from './cli/output';
import { isToolStep, printToolStep, toolEvents } from './cli/tools/toolRun';
import { fetchModelList, type StreamFn, streamChat, withRequestTimeout } from './core/client';
import { type ContextEvent, createContextState, streamFitted, windowFromModelList } from './core/context';
import { summaryText } from './core/edits';
import { servedByOllama } from './core/providers';
import type { ToolLoopEvent } from './core/tools';
import type { ChatMessage, StreamEvent } from './core/types';

const EXIT_OK = 0;
const EXIT_ERROR = 1;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;
const EXIT_PIPE_CLOSED = 141;

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** The prompt from the arguments or stdin; with a conversation file, none at all is allowed (its last message is the question). */
async function promptFrom(opts: CliOptions): Promise<string | undefined> {
  if (opts.prompt !== undefined) return opts.prompt;
  const optional = opts.messagesFile !== undefined;
  if (process.stdin.isTTY) {
    if (optional) return undefined;
    throw new UsageError('No prompt given. Pass it as arguments or on standard input.');
  }
  const text = (await readStdin()).trim();
  if (!text && !optional) throw new UsageError('The prompt on standard input is empty.');
  return text || undefined;
}

/** The model's window as `GET /models` states it, if the server says (a failure there is no error: the default applies). */
async function serverWindow(opts: CliOptions, apiKey: string | undefined): Promise<number | undefined> {
  try {
    const payload = await fetchModelList({ baseUrl: opts.baseUrl, apiKey }, { timeoutMs: 10_000 });
    return windowFromModelList(payload, opts.model);
  } catch {
    return undefined;
  }
}

/**
 * The events of one request. With a conversation or a window given, the context layer fits it to
 * the window (and retries once after an overflow); a plain one-off prompt is sent as it is.
 */
async function requestEvents(
  opts: CliOptions,
  onEdits: (host: CliEditHost) => void,
  apiKey: string | undefined,
  stream: StreamFn,
  prompt: string | undefined,
  signal: AbortSignal,
): Promise<AsyncIterable<StreamEvent | ContextEvent | ToolLoopEvent>> {
  const endpoint = { baseUrl: opts.baseUrl, apiKey };
  const request = { model: opts.model, maxTokens: opts.maxTokens, temperature: opts.temperature };
  // With tools the request is always fitted: tool results count against the window.
  if (opts.messagesFile === undefined && opts.contextTokens === undefined && !opts.tools) {
    const messages: ChatMessage[] = [];
    if (opts.system) messages.push({ role: 'system', content: opts.system });
    messages.push({ role: 'user', content: prompt ?? '' });
    return stream(endpoint, { ...request, messages }, { signal });
  }
  const conversation = splitConversation(
    opts.messagesFile !== undefined ? readConversation(opts.messagesFile) : [],
    prompt,
    opts.system,
  );
  const server = opts.contextTokens === undefined ? await serverWindow(opts, apiKey) : undefined;
  const fitted = {
    endpoint,
    // Learned windows live only as long as this run: the base URL alone keys them.
    endpointKey: opts.baseUrl,
    request,
    conversation,
    window: { setting: opts.contextTokens, server },
    ollama: servedByOllama(undefined, opts.baseUrl),
  };
  const state = createContextState();
  if (opts.tools)
    return toolEvents({
      folder: opts.cwd ?? process.cwd(),
      mode: opts.toolProtocol ?? 'auto',
      stream,
      fitted,
      state,
      signal,
      edits: opts.tools === 'edit' ? onEdits : undefined,
    });
  return streamFitted(stream, fitted, state, signal);
}

/**
 * `--tools edit` after the answer: the proposed changes printed as diffs (JSON lines with
 * `--json`), and written with `--apply`. A file changed meanwhile is not written and makes the
 * exit status 1.
 */
async function finishEdits(host: CliEditHost, opts: CliOptions, code: number, endsLine: boolean): Promise<number> {
  const folder = opts.cwd ?? process.cwd();
  if (host.changes.size === 0) return code;
  // The diff starts on a line of its own, after the answer's text.
  if (!opts.json && !endsLine) await put(process.stdout, '\n');
  if (!opts.json) await putNote(process.stderr, `${summaryText(host.changes.summary())} (proposed)`);
  await printChanges(host.changes, opts.json, process.stdout);
  if (!opts.apply) {
    if (!opts.json) await putNote(process.stderr, 'nothing written: pass --apply to write these changes.');
    return code;
  }
  const { written, conflicts } = applyChanges(host.changes, folder);
  if (!opts.json && written.length) await putNote(process.stderr, `wrote ${written.join(', ')}`);
  for (const p of conflicts) await putNote(process.stderr, `not written: ${p} changed since it was read`);
  return conflicts.length ? EXIT_ERROR : code;
}

/** Runs one request; resolves to the exit status. */
async function run(opts: CliOptions): Promise<number> {
  const apiKey = opts.apiKeyFile ? readApiKeyFile(opts.apiKeyFile, (f) => readFileSync(f, 'utf8')) : opts.apiKey;
  if (opts.apiKeyFile) {
    const warning = keyFileWarning(opts.apiKeyFile, statSync(opts.apiKeyFile).mode);
    if (warning) await putNote(process.stderr, warning);
  }
  const prompt = await promptFrom(opts);

  const controller = new AbortController();
  let interrupted = false;
  let pipeClosed = false;
  const onSigint = (): void => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    pipeClosed = true;
    controller.abort();
  });

  const printer: EventPrinter = opts.json
    ? new JsonPrinter(process.stdout)
    : new PlainPrinter(process.stdout, process.stderr);
  let code = EXIT_ERROR;
  try {
    const stream = withRequestTimeout(
      (endpoint, request, { signal }) => streamChat(endpoint, request, { signal, idleTimeoutMs: opts.timeoutMs }),
      () => requestLimitMs(opts),
      undefined,
      opts.maxTimeMs === undefined ? `the default limit (change it with --max-time)` : 'the limit set with --max-time',
    );
    let editHost: CliEditHost | undefined;
    let endsLine = true;
    const events = await requestEvents(opts, (h) => (editHost = h), apiKey, stream, prompt, controller.signal);
    for await (const event of events) {
      if (pipeClosed) break;
      if (isToolStep(event)) {
        await printToolStep(event, opts.json, process.stdout, process.stderr);
        continue;
      }
      // The server's count of the prompt changes no output: the figures printed are the plan's. The
      // CLI's tools never wait for the user nor report progress (commands never run from the CLI).
      if (event.type === 'contextCounted' || event.type === 'toolProgress') continue;
      if (event.type === 'context' || event.type === 'contextOverflow' || event.type === 'contextWarning') {
        await printContextEvent(event, opts.json, process.stdout, process.stderr);
        continue;
      }
      await printer.print(event);
      if (event.type === 'text' && event.text) endsLine = event.text.endsWith('\n');
      if (event.type === 'finish') code = event.reason === 'abort' ? EXIT_INTERRUPTED : EXIT_OK;
      if (event.type === 'error') {
        code = EXIT_ERROR;
        if (event.kind === 'auth' && opts.envKeyHeldBack && !opts.json)
          await putNote(
            process.stderr,
            `OPENAI_API_KEY was not sent to this base URL: it goes only to OPENAI_BASE_URL's address or OpenAI's. Give this address's key with --api-key-file.`,
          );
      }
    }
    if (!pipeClosed) await printer.end();
    if (editHost && !pipeClosed) code = await finishEdits(editHost, opts, code, endsLine);
  } catch (err) {
    // The reader of our output went away (`rill … | head`): stop quietly, like other tools do.
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
    pipeClosed = true;
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (pipeClosed) return EXIT_PIPE_CLOSED;
  return interrupted ? EXIT_INTERRUPTED : code;
}

/** Waits until everything written to a stream has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

async function main(): Promise<void> {
  let code: number;
  try {
    const opts = parseArgs(process.argv.slice(2), process.env);
    if (opts.help) {
      await put(process.stdout, HELP);
      code = EXIT_OK;
    } else {
      code = await run(opts);
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    await putNote(process.stderr, err.message);
    code = EXIT_USAGE;
  }
  await flushed(process.stdout);
  await flushed(process.stderr);
  // Exit explicitly: an idle keep-alive connection must not hold the process open.
  process.exit(code);
}

main().catch((err) => {
  const message = `unexpected failure: ${err instanceof Error ? err.message : String(err)}`;
  void putNote(process.stderr, message).finally(() => process.exit(EXIT_ERROR));
});
