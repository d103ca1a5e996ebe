/**
 * Recognises a server refusing native tool calling, so the tools loop can ask again with its text
 * protocol instead of showing an error. Servers give no error code for this, so the recognition is
 * by the exact shapes they are known to send: status, where the message sits in the JSON, and the
 * message's fixed words. Each shape is listed with the server that sends it.
 */
import type { ToolsRefusal } from '../types';

/** One known refusal: the status it comes with and the words of its message. */
interface RefusalShape {
  /** The server that sends it (for the reader; not matched). */
  server: string;
  status: number;
  /** Where the message is: `{"error": {"message"}}`, `{"error": "…"}` or vLLM's `{"object": "error", "message"}`. */
  where: 'errorObject' | 'errorString' | 'topLevel';
  message: RegExp;
}

/** The shapes of a request carrying `tools` being refused (the model or the server cannot take them). */
const UNSUPPORTED: readonly RefusalShape[] = [
  // Ollama, OpenAI-compatible API: {"error":{"message":"registry.ollama.ai/library/x:latest does not support tools","type":"api_error",…}}
  { server: 'Ollama /v1', status: 400, where: 'errorObject', message: /\bdoes not support tools\b/ },
  // Ollama, native API: {"error":"x:latest does not support tools"}
  { server: 'Ollama /api', status: 400, where: 'errorString', message: /\bdoes not support tools\b/ },
  // vLLM without a tool parser: {"object":"error","message":"\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set",…}
  {
    server: 'vLLM',
    status: 400,
    where: 'topLevel',
    message: /"auto" tool choice requires --enable-auto-tool-choice/,
  },
  // llama.cpp's llama-server with --no-jinja: {"error":{"code":500,"message":"tools param requires --jinja flag","type":"server_error"}}
  { server: 'llama.cpp', status: 500, where: 'errorObject', message: /\btools param requires --jinja flag\b/ },
  // LM Studio, a model whose chat template breaks on tools: {"error":"Error rendering prompt with jinja template: …"}
  {
    server: 'LM Studio',
    status: 400,
    where: 'errorString',
    message: /^Error rendering prompt with jinja template\b/,
  },
];

/**
 * The in-stream error of a server that accepted the tools but could not parse what the model
 * wrote: llama.cpp after a `200`, `data: {"error":{"code":500,"message":"The model produced output
 * that does not match the expected peg-native format","type":"server_error"}}`.
 */
const BAD_OUTPUT = /\bdoes not match the expected [\w-]+ format\b/;

function messageAt(payload: unknown, where: RefusalShape['where']): string | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const o = payload as Record<string, unknown>;
  if (where === 'errorString') return typeof o.error === 'string' ? o.error : undefined;
  if (where === 'errorObject') {
    const e = o.error;
    return e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string'
      ? (e as { message: string }).message
      : undefined;
  }
  return o.object === 'error' && typeof o.message === 'string' ? o.message : undefined;
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Whether an HTTP error response to a request that carried `tools` is the server refusing them.
 * Call it only for such requests: the same words from a request without tools mean something else.
 */
export function toolsRefusalInResponse(status: number, body: string): ToolsRefusal | undefined {
  const payload = parse(body);
  for (const shape of UNSUPPORTED) {
    if (shape.status !== status) continue;
    const message = messageAt(payload, shape.where);
    if (message !== undefined && shape.message.test(message)) return 'unsupported';
  }
  return undefined;
}

/** Whether an error object inside a `200` stream says the server could not parse the model's tool calls. */
export function toolsRefusalInStream(payload: unknown): ToolsRefusal | undefined {
  const message = messageAt(payload, 'errorObject') ?? messageAt(payload, 'errorString');
  return message !== undefined && BAD_OUTPUT.test(message) ? 'badOutput' : undefined;
}
