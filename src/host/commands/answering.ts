/**
 * Helpers of the commands that ask a question from the editor: wait for an idle session, show the
 * answer's progress.
 */
import * as vscode from 'vscode';
import type { ChatTurn } from '../../core/chat';
import type { Services } from '../services';

/** How often the progress notification's token count is updated. */
const REPORT_MS = 250;

/**
 * Makes sure no answer is streaming before a new question: offers to stop the current one.
 * Resolves true when the session is idle.
 */
export async function ensureIdle(s: Services): Promise<boolean> {
  if (!s.session.busy) return true;
  const t = vscode.l10n.t;
  const stop = t('Stop It');
  if ((await s.ui.warn(t('Rill is still answering the previous question.'), {}, stop)) !== stop) return false;
  await s.session.stop();
  return !s.session.busy;
}

/**
 * Runs one question under a cancellable progress notification that counts the tokens as they
 * stream; Cancel stops the request (the partial answer stays in the panel, marked interrupted).
 */
export function answerProgress(s: Services, title: string, run: () => Promise<ChatTurn>): Promise<ChatTurn> {
  return s.ui.progress(title, async (report, token) => {
    const cancel = token.onCancellationRequested(() => void s.session.stop());
    let tokens = 0;
    let last = 0;
    const unsubscribe = s.session.onEvent((e) => {
      if (e.type !== 'delta') return;
      tokens++;
      const now = Date.now();
      if (now - last >= REPORT_MS) {
        last = now;
        report(vscode.l10n.t('{0} tokens', tokens));
      }
    });
    try {
      return await run();
    } finally {
      unsubscribe();
      cancel.dispose();
    }
  });
}
