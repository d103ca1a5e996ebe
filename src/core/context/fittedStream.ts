/**
 * One chat request that never outgrows the model: fits the conversation to the window, streams it,
 * and when the server still says the context overflowed (before any text arrived), learns the
 * window (and its own token count) from the error, trims again and retries once. Used by the chat
 * session and the command-line tool alike.
 */
import type { StreamFn } from '../client';
import type { ChatRequest, EndpointConfig, StreamEvent } from '../types';
import { Calibration } from './calibration';
import { type FitInput, type FitResult, fitRequest } from './fitRequest';
import { type ModelWindow, resolveWindow, type WindowFacts, WindowMemory } from './modelWindow';
import { recogniseOverflow } from './overflow';
import { TokenCounter } from './tokenCounter';

/** What the context layer tells alongside the stream's own events. */
export type ContextEvent =
  /** The plan of the request about to be sent (again after a trimmed retry, with `retry` set). */
  | {
      type: 'context';
      windowTokens: number;
      windowSource: ModelWindow['source'];
      promptTokens: number;
      droppedMessages: number;
      /** How many attachments were cut to fit. */
      cutAttachments: number;
      /** How many tool results were cut to a one-line note to fit. */
      cutToolResults: number;
      retry: boolean;
      /** The plan itself, for callers that keep what was sent. */
      plan: FitResult;
    }
  /** The server rejected the request as too long; `retrying` says whether a trimmed retry follows. */
  | {
      type: 'contextOverflow';
      retrying: boolean;
      /** The window the server stated (or Rill now assumes). */
      windowTokens: number;
      /** The question and its attachments alone do not fit: trimming history cannot help. */
      questionTooLong: boolean;
      message: string;
    }
  /** The server counted far fewer prompt tokens than were sent: it cut the prompt without saying so. */
  | { type: 'contextWarning'; message: string; sentTokens: number; serverTokens: number }
  /**
   * The server's own count of the prompt it accepted (`usage.prompt_tokens`): what was sent, as the
   * meter should show it (the plan's figure was an estimate).
   */
  | { type: 'contextCounted'; promptTokens: number };

/** The state one endpoint's requests share: counts, calibration, learned windows, warnings given. */
export interface ContextState {
  counter: TokenCounter;
  calibration: Calibration;
  memory: WindowMemory;
  /** Endpoint+model keys already warned about silent truncation (warn once). */
  warned: Set<string>;
}

/** What to send, less the messages (which the context layer decides). */
export interface FittedRequest {
  endpoint: EndpointConfig;
  /** The endpoint's base URL without credentials: the key learned windows are kept under. */
  endpointKey: string;
  request: Omit<ChatRequest, 'messages'>;
  conversation: Omit<FitInput, 'windowTokens' | 'factor' | 'maxTokens'>;
  /** The server's and the user's window figures (the learned one comes from the state). */
  window: Omit<WindowFacts, 'learned'>;
  /** The server is Ollama (its preset, or its default port): a warning may then give Ollama's settings. */
  ollama?: boolean;
}

/**
 * The user-facing note for a silent truncation, with how to raise the server's window: Ollama's
 * settings for an Ollama server, no server's in particular otherwise.
 */
export function silentTruncationMessage(sent: number, counted: number, ollama = false): string {
  const raise = ollama
    ? 'Raise Ollama\'s window ("options": {"num_ctx": 16384} in the profile\'s extraBody, or OLLAMA_CONTEXT_LENGTH)'
    : "Raise the window in the server's settings";
  return (
    `The server counted only ${counted} prompt tokens of about ${sent} sent: it seems to have cut the start ` +
    `of the conversation to fit its own context window. ${raise}, and set the profile's contextTokens to match.`
  );
}

function contextEvent(plan: FitResult, window: ModelWindow, retry: boolean): ContextEvent {
  return {
    type: 'context',
    windowTokens: window.tokens,
    windowSource: window.source,
    promptTokens: plan.promptTokens,
    droppedMessages: plan.droppedMessages,
    cutAttachments: plan.attachments.filter((a) => a.cut).length,
    cutToolResults: plan.cutToolResults,
    retry,
    plan,
  };
}

/**
 * Streams one request fitted to the window. Yields a `context` event before the request (and
 * again before a retry), the stream's events, and `contextOverflow` / `contextWarning` where they
 * apply. At most one retry, and only when the retry sends less than the failed request did.
 */
export async function* streamFitted(
  stream: StreamFn,
  spec: FittedRequest,
  state: ContextState,
  signal: AbortSignal,
): AsyncGenerator<StreamEvent | ContextEvent> {
  const model = spec.request.model;
  const plan = (): [FitResult, ModelWindow] => {
    const window = resolveWindow({ ...spec.window, learned: state.memory.get(spec.endpointKey, model) });
    const input: FitInput = {
      ...spec.conversation,
      windowTokens: window.tokens,
      maxTokens: spec.request.maxTokens,
      factor: state.calibration.factor(model),
    };
    return [fitRequest(input, state.counter), window];
  };
  let [fitted, window] = plan();
  let retried = false;
  for (;;) {
    yield contextEvent(fitted, window, retried);
    let sawOutput = false;
    let overflowed: StreamEvent | undefined;
    for await (const ev of stream(spec.endpoint, { ...spec.request, messages: fitted.messages }, { signal })) {
      if (ev.type === 'text' || ev.type === 'reasoning' || ev.type === 'toolCall') sawOutput = true;
      if (ev.type === 'usage') {
        const seen = state.calibration.observe(model, fitted.rawTokens, ev.promptTokens);
        const key = `${spec.endpointKey}\u0000${model}`;
        if (seen.type === 'calibrated') yield { type: 'contextCounted', promptTokens: ev.promptTokens };
        if (seen.type === 'silentTruncation' && !state.warned.has(key)) {
          state.warned.add(key);
          yield {
            type: 'contextWarning',
            message: silentTruncationMessage(seen.sentTokens, seen.serverTokens, spec.ollama),
            sentTokens: seen.sentTokens,
            serverTokens: seen.serverTokens,
          };
        }
      }
      if (ev.type === 'error' && !sawOutput) {
        const overflow = recogniseOverflow({
          status: ev.status,
          message: ev.message,
          code: ev.server?.code,
          type: ev.server?.type,
        });
        if (overflow) {
          if (overflow.windowTokens) state.memory.remember(spec.endpointKey, model, overflow.windowTokens);
          if (overflow.promptTokens) state.calibration.learnExact(model, fitted.rawTokens, overflow.promptTokens);
          if (!overflow.windowTokens && !overflow.promptTokens) {
            // The server did not say by how much: assume a window half the size of what was sent.
            const guess = Math.floor((fitted.promptTokens + (window.tokens - fitted.budgetTokens)) * 0.5);
            state.memory.remember(spec.endpointKey, model, guess);
          }
          overflowed = ev;
          break;
        }
      }
      yield ev;
    }
    if (!overflowed) return;
    const previous = fitted;
    [fitted, window] = plan();
    // Retry once, and only with less than before: the same request would fail the same way.
    const retrying = !retried && fitted.fits && fitted.rawTokens < previous.rawTokens && !signal.aborted;
    yield {
      type: 'contextOverflow',
      retrying,
      windowTokens: window.tokens,
      questionTooLong: !fitted.fits,
      message: overflowed.type === 'error' ? overflowed.message : '',
    };
    if (!retrying) {
      yield overflowed;
      return;
    }
    retried = true;
  }
}

/** Fresh state for one client: nothing counted, calibrated or learned yet (or windows saved earlier). */
export function createContextState(memory: WindowMemory = new WindowMemory()): ContextState {
  return { counter: new TokenCounter(), calibration: new Calibration(), memory, warned: new Set() };
}
