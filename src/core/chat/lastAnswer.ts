/**
 * Which answer "the last answer" is when several conversations are open (Insert Last Answer), and
 * whether an answer may go into a file without asking.
 */
import type { ChatTurn } from './transcript';

/** The last answer with text in one conversation's turns, in the conversation's order. */
function lastIn(turns: readonly ChatTurn[]): ChatTurn | undefined {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i];
    if (t.role === 'assistant' && t.text.trim() !== '') return t;
  }
  return undefined;
}

/**
 * The last answer across several conversations: each one's last answer with text, and of those
 * the one asked most recently (its request's start; an answer never started counts as oldest).
 * On a tie the earlier conversation in `conversations` wins. Undefined when none has an answer.
 */
export function lastAnswer(conversations: readonly (readonly ChatTurn[])[]): ChatTurn | undefined {
  let best: ChatTurn | undefined;
  for (const turns of conversations) {
    const t = lastIn(turns);
    if (t && (!best || (t.startedAt ?? -1) > (best.startedAt ?? -1))) best = t;
  }
  return best;
}

/** Why an answer is not inserted without asking. */
export type AnswerProblem = 'cutOff' | 'filtered' | 'stopped' | 'failed' | 'empty';

/**
 * Whether a finished assistant turn may be inserted as it is: only a complete answer that ended
 * normally. A cut-off (`length`), filtered, stopped or failed answer is never inserted silently.
 */
export function answerProblem(turn: ChatTurn): AnswerProblem | undefined {
  if (turn.error && turn.status === 'error') return 'failed';
  if (turn.finishReason === 'abort') return 'stopped';
  if (turn.error || turn.status === 'interrupted') return 'failed';
  if (turn.finishReason === 'length') return 'cutOff';
  if (turn.finishReason === 'content_filter') return 'filtered';
  if (turn.status !== 'complete') return 'failed';
  if (turn.text.trim() === '') return 'empty';
  return undefined;
}
