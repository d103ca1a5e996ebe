/**
 * The fold of one request's events into its answer: each stream or context event changes the
 * assistant turn and says what the views are told. No I/O and no state of its own (the clock and
 * the request's facts come in), so it is tested on its own; `ChatSession.run` drives it.
 */
import { unansweredToolCallNotice } from '../client';
import type { ContextEvent } from '../context';
import type { ToolLoopEvent } from '../tools';
import type { StreamEvent } from '../types';
import type { ChatTurn } from './transcript';

/** What a session tells its views. Deltas are raw; views coalesce them. */
export type SessionEvent =
  | { type: 'chatReplaced' }
  | { type: 'turnAdded'; turn: ChatTurn }
  | { type: 'delta'; turnId: string; text: string; reasoning: string }
  | { type: 'turnUpdated'; turn: ChatTurn }
  | { type: 'truncated'; fromIndex: number }
  | { type: 'busy'; busy: boolean }
  | { type: 'retryWait'; turnId: string; until: number; attempt: number; message: string }
  /** A request was planned (or re-planned after an overflow): the turn's `context` changed. */
  | { type: 'context'; turn: ChatTurn }
  /** The chat's own settings changed (its tools switch): save it, show it. */
  | { type: 'chatSettings' };

/** What the fold knows of the request whose events it folds. */
export interface FoldRun {
  /** Where this request's text began in the turn (a continued answer keeps its earlier text). */
  runStart: number;
  /** The ids of the turns whose messages the request's history holds, oldest first (undefined: a message of no turn). */
  sentTurnIds: readonly (string | undefined)[];
  /** The clock, in ms. */
  now: () => number;
}

/**
 * Folds one stream or context event into `turn` (changed in place: a long answer is not copied per
 * delta) and returns what the views are told, or undefined when they are told nothing.
 */
export function foldEvent(
  turn: ChatTurn,
  ev: StreamEvent | ContextEvent | ToolLoopEvent,
  run: FoldRun,
): SessionEvent | undefined {
  switch (ev.type) {
    case 'toolCall':
      if (!('step' in ev)) {
        // Rill sent no tools, so a tool call is unexpected; keep it, with its arguments, rather than drop it.
        turn.toolCalls = [...(turn.toolCalls ?? []), { id: ev.id, name: ev.name, arguments: ev.arguments }];
      } else {
        turn.steps = [
          ...(turn.steps ?? []),
          {
            id: ev.id,
            name: ev.name,
            arguments: ev.arguments,
            title: ev.step,
            status: 'running',
            at: turn.text.length,
          },
        ];
      }
      return { type: 'turnUpdated', turn };
    case 'toolProgress': {
      const step = turn.steps?.find((s) => s.id === ev.id && (s.status === 'running' || s.status === 'waiting'));
      if (step) {
        step.status = ev.status;
        step.title = ev.title;
        if (ev.command) step.command = ev.command;
      }
      return { type: 'turnUpdated', turn };
    }
    case 'toolResult': {
      const step = turn.steps?.find((s) => s.id === ev.id && (s.status === 'running' || s.status === 'waiting'));
      if (step) {
        step.status = ev.ok ? 'done' : 'refused';
        step.title = ev.summary;
        step.result = ev.content;
        if (ev.locations?.length) step.locations = ev.locations;
      }
      return { type: 'turnUpdated', turn };
    }
    case 'toolFallback':
      // The refused round's text is asked for again: what it showed goes.
      if (ev.retractChars > 0)
        turn.text = turn.text.slice(0, Math.max(run.runStart, turn.text.length - ev.retractChars));
      return { type: 'turnUpdated', turn };
    case 'toolStop':
      turn.toolStop = ev.message;
      return { type: 'turnUpdated', turn };
    case 'context': {
      const firstSent = ev.droppedMessages > 0 ? run.sentTurnIds[ev.droppedMessages] : undefined;
      turn.context = {
        windowTokens: ev.windowTokens,
        promptTokens: ev.promptTokens,
        droppedMessages: ev.droppedMessages,
        ...(firstSent !== undefined ? { firstSentTurnId: firstSent } : {}),
        ...(ev.cutAttachments ? { cutAttachments: ev.cutAttachments } : {}),
        ...(ev.cutToolResults ? { cutToolResults: ev.cutToolResults } : {}),
        ...(ev.retry ? { retried: true } : {}),
      };
      return { type: 'context', turn };
    }
    case 'contextOverflow':
      if (!turn.context || ev.retrying) return undefined;
      turn.context.overflow = ev.questionTooLong ? 'question' : 'conversation';
      return { type: 'context', turn };
    case 'contextCounted':
      // The meter shows what was sent as the server counted it, not the plan's estimate.
      if (!turn.context) return undefined;
      turn.context.promptTokens = ev.promptTokens;
      return { type: 'context', turn };
    case 'contextWarning':
      if (!turn.context) return undefined;
      turn.context.warning = ev.message;
      return { type: 'context', turn };
    case 'text':
      turn.firstTokenAt ??= run.now();
      turn.text += ev.text;
      return { type: 'delta', turnId: turn.id, text: ev.text, reasoning: '' };
    case 'reasoning':
      turn.firstTokenAt ??= run.now();
      turn.reasoning = (turn.reasoning ?? '') + ev.text;
      return { type: 'delta', turnId: turn.id, text: '', reasoning: ev.text };
    case 'textWasReasoning': {
      // The template opened <think> itself: what streamed as answer so far was reasoning.
      const { runStart } = run;
      const moved = turn.text.slice(runStart, runStart + ev.chars);
      turn.text = turn.text.slice(0, runStart) + turn.text.slice(runStart + ev.chars);
      turn.reasoning = (turn.reasoning ?? '') + moved;
      return { type: 'turnUpdated', turn };
    }
    case 'usage':
      turn.usage = {
        promptTokens: ev.promptTokens,
        completionTokens: ev.completionTokens,
        totalTokens: ev.totalTokens,
        ...(ev.cost !== undefined ? { cost: ev.cost } : {}),
      };
      return undefined;
    case 'retry':
      return {
        type: 'retryWait',
        turnId: turn.id,
        until: run.now() + ev.delayMs,
        attempt: ev.attempt,
        message: ev.message,
      };
    case 'finish':
      turn.finishReason = ev.reason;
      turn.status = ev.reason === 'abort' ? 'interrupted' : 'complete';
      // Only reached when no tools were offered (the loop answers tool calls itself): say so rather
      // than end the answer in silence.
      if (ev.reason === 'tool_calls') turn.notice = unansweredToolCallNotice((turn.toolCalls ?? []).map((c) => c.name));
      return undefined;
    case 'error':
      turn.error = { kind: ev.kind, message: ev.message, status: ev.status };
      turn.status = turn.text ? 'interrupted' : 'error';
      return undefined;
  }
}
