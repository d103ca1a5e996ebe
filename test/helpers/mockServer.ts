/**
 * A local OpenAI-compatible server for tests and demos (node:http, 127.0.0.1 only).
 * Tests script replies with {@link MockServer.enqueue} (or over HTTP with `POST /__control/enqueue`
 * from another process) and read what the client sent from {@link MockServer.requests}.
 * With the queue empty it answers "Hello from the test server.", or, in demo mode, streams canned
 * Markdown answers picked by keywords.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pickDemoReply, tokenize } from './demoReplies';
import { listedWindowFields, overflowReply, type ServerWindow, serverPromptTokens } from './serverWindow';

/** One scripted answer to a `POST …/chat/completions`. */
export interface ScriptedReply {
  /** HTTP status (default 200). */
  status?: number;
  /** Response headers; `content-type` defaults to `text/event-stream` with chunks, `application/json` with a body. */
  headers?: Record<string, string>;
  /** Body pieces written one by one (each its own write, so they arrive as separate chunks). */
  chunks?: (string | Uint8Array)[];
  /** Delay before each chunk (or before the body), in ms. */
  delayMs?: number;
  /** A whole body, for non-streaming replies and error pages. */
  body?: string;
  /** Keep the connection open after the chunks until the client goes away. */
  hang?: boolean;
  /**
   * Hold the last piece back until this settles (in-process tests only): a test that acts "while
   * the answer streams" then does not race the stream's end on a slow machine.
   */
  holdLast?: Promise<unknown>;
}

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, or the raw text when it is not JSON, or `undefined` when empty. */
  body: any;
  /** Set when the client closed the connection before the reply was complete (it aborted). */
  aborted?: boolean;
  /** With a {@link MockServer.window}: the server's count of the prompt, and whether it was refused or cut. */
  promptTokens?: number;
  overflow?: 'refused' | 'cut';
}

/** Models `GET /v1/models` lists until a test changes them. */
export const DEFAULT_MODELS = ['rill-test-model', 'gpt-4o-mini', 'llama3.1:8b'];

/** The model named in generated chunks. */
const MODEL = 'rill-test-model';
/** Delay between demo deltas: fast enough to read, slow enough to see the streaming. */
const DEMO_DELAY_MS = 15;

let replyCounter = 0;

function sse(obj: unknown): string {
  return `data: ${JSON.stringify(obj)}\n\n`;
}

/**
 * A realistic OpenAI streaming reply: a role chunk, `reasoning_content` chunks, one chunk per text
 * delta, a chunk with the finish reason, a usage chunk with `choices: []` (when `usage`), `[DONE]`.
 */
export function sseReply(
  deltas: string[],
  opts: {
    finish?: string;
    usage?: boolean;
    /** Adds OpenRouter's `usage.cost` (US dollars) to the usage chunk. */
    cost?: number;
    delayMs?: number;
    reasoning?: string[];
    /** Tool calls streamed after the text, in OpenAI's shape; `id` defaults to `call_<index>`. */
    toolCalls?: { name: string; arguments: string; id?: string }[];
    promptTokens?: number;
  } = {},
): ScriptedReply {
  const id = `chatcmpl-mock${++replyCounter}`;
  const created = 1_700_000_000;
  const base = { id, object: 'chat.completion.chunk', created, model: MODEL };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const chunks: string[] = [chunk({ role: 'assistant', content: '' })];
  for (const r of opts.reasoning ?? []) chunks.push(chunk({ reasoning_content: r }));
  for (const d of deltas) chunks.push(chunk({ content: d }));
  for (const [index, call] of (opts.toolCalls ?? []).entries())
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id ?? `call_${index}`,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          },
        ],
      }),
    );
  chunks.push(chunk({}, opts.finish ?? 'stop'));
  if (opts.usage) {
    const completion = deltas.length + (opts.reasoning?.length ?? 0);
    const prompt = opts.promptTokens ?? 12;
    chunks.push(
      sse({
        ...base,
        choices: [],
        usage: {
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: prompt + completion,
          ...(opts.cost !== undefined ? { cost: opts.cost } : {}),
        },
      }),
    );
  }
  chunks.push('data: [DONE]\n\n');
  return { chunks, delayMs: opts.delayMs };
}

/** A non-streaming completion body, for clients that send `stream: false`. */
function completionBody(text: string, reasoning?: string): string {
  const message: Record<string, unknown> = { role: 'assistant', content: text };
  if (reasoning) message.reasoning_content = reasoning;
  const completion = tokenize(text).length;
  return JSON.stringify({
    id: `chatcmpl-mock${++replyCounter}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: MODEL,
    choices: [{ index: 0, message, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: completion, total_tokens: 12 + completion },
  });
}

function lastUserText(body: any): string {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'user') return String(messages[i].content ?? '');
  }
  return '';
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): any {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** A scripted OpenAI-compatible server. Create with {@link MockServer.start}; always {@link close} it. */
export class MockServer {
  /** Every API request received (control requests excluded), oldest first. */
  readonly requests: RecordedRequest[] = [];
  /** Served by `GET /v1/models`. */
  models: string[] = [...DEFAULT_MODELS];
  /** e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;
  /** A context window to enforce on chat requests, like a real server; none by default. */
  window: ServerWindow | undefined;
  /** Prices listed with models, OpenRouter's shape (`pricing`, US dollars per token as strings); none by default. */
  prices: Record<string, { prompt: string; completion: string }> = {};

  private queue: ScriptedReply[] = [];
  private modelsQueue: ScriptedReply[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    private readonly demo: boolean,
    private readonly demoDelayMs: number,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  /**
   * Starts listening on 127.0.0.1 (`port` 0, the default, picks a free one). `demo` answers an
   * empty queue with canned Markdown, a delta every `demoDelayMs` (default 15).
   */
  static async start(opts: { port?: number; demo?: boolean; demoDelayMs?: number } = {}): Promise<MockServer> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const mock = new MockServer(server, opts.demo ?? false, opts.demoDelayMs ?? DEMO_DELAY_MS);
    server.on('request', (req, res) => {
      mock.handle(req, res).catch((err) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: `mock server: ${String(err)}` } });
        else res.destroy();
      });
    });
    return mock;
  }

  /** Queues replies for the next chat requests, in order. */
  enqueue(...replies: ScriptedReply[]): void {
    this.queue.push(...replies);
  }

  /** Queues replies for the next `GET /models` requests, in order (then the model list again). */
  enqueueModels(...replies: ScriptedReply[]): void {
    this.modelsQueue.push(...replies);
  }

  /** Forgets queued replies and recorded requests, and restores the default models. */
  reset(): void {
    this.queue = [];
    this.modelsQueue = [];
    this.requests.length = 0;
    this.models = [...DEFAULT_MODELS];
    this.window = undefined;
    this.prices = {};
  }

  /** Stops the server, cutting any open connection (hanging replies included). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const text = await readBody(req);
    const path = req.url ?? '/';
    const route = path.split('?')[0].replace(/\/+$/, '');
    if (route.startsWith('/__control/')) return this.control(req.method ?? 'GET', route, text, res);

    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: { ...req.headers },
      body: parseJson(text),
    };
    this.requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true;
    });

    // The routes of every preset's service: `/v1/…`, OpenRouter's `/api/v1/…`, Azure's
    // `/openai/v1/…` and `/openai/deployments/NAME/…`.
    if (req.method === 'GET' && /^(\/api|\/openai)?(\/v1)?\/models$/.test(route)) {
      const scripted = this.modelsQueue.shift();
      if (scripted) return this.write(res, scripted);
      return sendJson(res, 200, {
        object: 'list',
        data: this.models.map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'rill',
          ...(this.window?.listed ? listedWindowFields(this.window.listedAs ?? 'vllm', this.window.tokens) : {}),
          ...(this.prices[id] ? { pricing: this.prices[id] } : {}),
        })),
      });
    }
    if (
      req.method === 'POST' &&
      /^(\/api\/v1|\/openai\/v1|\/openai\/deployments\/[^/]+|\/v1)?\/chat\/completions$/.test(route)
    ) {
      const refused = this.window ? this.enforceWindow(record) : undefined;
      const reply = refused ?? this.queue.shift() ?? this.defaultReply(record.body, record.promptTokens);
      return this.write(res, reply);
    }
    sendJson(res, 404, {
      error: { message: `Unknown path ${route}`, type: 'invalid_request_error', code: 'not_found' },
    });
  }

  /** Counts the prompt; a refusal in the window's error shape when it does not fit (Ollama: cut it instead). */
  private enforceWindow(record: RecordedRequest): ScriptedReply | undefined {
    const window = this.window!;
    const prompt = serverPromptTokens(record.body);
    const maxTokens = Number(record.body?.max_tokens) || 0;
    record.promptTokens = prompt;
    if (prompt + maxTokens <= window.tokens) return undefined;
    const stated = Math.round(prompt * (window.errorCountFactor ?? 1));
    const refusal = overflowReply(window.shape, window.tokens, stated, maxTokens);
    if (refusal === undefined) {
      // Ollama keeps the start of the window's worth and says nothing; its usage shows the cut.
      record.overflow = 'cut';
      record.promptTokens = window.tokens;
      return undefined;
    }
    record.overflow = 'refused';
    return { status: 400, body: JSON.stringify(refusal) };
  }

  private defaultReply(body: any, promptTokens?: number): ScriptedReply {
    const streaming = body?.stream === true;
    const usage = body?.stream_options?.include_usage === true;
    if (!this.demo) {
      const text = 'Hello from the test server.';
      return streaming ? sseReply(tokenize(text), { usage, promptTokens }) : { body: completionBody(text) };
    }
    const pick = pickDemoReply(lastUserText(body));
    if (!streaming) return { body: completionBody(pick.markdown, pick.reasoning) };
    return sseReply(tokenize(pick.markdown), {
      usage,
      promptTokens,
      delayMs: this.demoDelayMs,
      reasoning: pick.reasoning ? tokenize(pick.reasoning) : undefined,
    });
  }

  private async write(res: http.ServerResponse, reply: ScriptedReply): Promise<void> {
    const streaming = reply.chunks !== undefined;
    const headers: Record<string, string> = {};
    const given = Object.fromEntries(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    if (streaming) Object.assign(headers, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    else if (reply.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, given);
    res.writeHead(reply.status ?? 200, headers);
    res.flushHeaders();
    const gone = new Promise<void>((resolve) => res.on('close', resolve));
    const wait = (ms: number) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), gone]);
    const pieces = streaming ? reply.chunks! : reply.body !== undefined ? [reply.body] : [];
    for (const [i, piece] of pieces.entries()) {
      if (reply.delayMs) await wait(reply.delayMs);
      if (reply.holdLast && i === pieces.length - 1) await Promise.race([reply.holdLast, gone]);
      if (res.destroyed) return;
      await new Promise<void>((resolve) => res.write(piece, () => resolve()));
    }
    if (reply.hang) {
      await gone;
      return;
    }
    res.end();
  }

  private control(method: string, route: string, text: string, res: http.ServerResponse): void {
    const body = parseJson(text);
    if (method === 'POST' && route === '/__control/enqueue') {
      const replies: ScriptedReply[] = Array.isArray(body) ? body : [body];
      if (replies.some((r) => !r || typeof r !== 'object'))
        return sendJson(res, 400, { error: 'expected a reply object or an array of them' });
      this.enqueue(...replies);
      return sendJson(res, 200, { queued: this.queue.length });
    }
    if (method === 'GET' && route === '/__control/requests') return sendJson(res, 200, this.requests);
    if (method === 'POST' && route === '/__control/reset') {
      this.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && route === '/__control/models') {
      if (!Array.isArray(body?.models)) return sendJson(res, 400, { error: 'expected {"models": [...]}' });
      this.models = body.models.map(String);
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: `unknown control route ${method} ${route}` });
  }
}
