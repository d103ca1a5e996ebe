import * as vscode from 'vscode';
import { chooseInsertText } from '../../core/editor';
import { answerProblem } from '../../core/editor';
import { type InsertOutcome, insertOrOfferCopy } from '../editorInsertion';
import type { Commands, Services } from '../services';

/** What Insert Last Answer did, for tests. */
export type InsertLastOutcome = InsertOutcome | 'noEditor' | 'noAnswer' | 'busy';

/**
 * Inserts the chat's last answer at the cursor of the active editor (over the selection, if any),
 * as one edit: its code blocks in the file's language (or all of them), else its text. An answer
 * that did not end normally is inserted only after the user says so.
 */
export async function insertLastAnswer(s: Services): Promise<InsertLastOutcome> {
  const t = vscode.l10n.t;
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void s.ui.info(t('Open a file to insert the answer at its cursor.'));
    return 'noEditor';
  }
  const turns = s.session.chat.turns;
  const last = [...turns].reverse().find((x) => x.role === 'assistant' && x.text.trim() !== '');
  if (!last) {
    void s.ui.info(t('There is no answer in the chat yet.'));
    return 'noAnswer';
  }
  if (last.status === 'streaming') {
    void s.ui.info(t('The answer is still streaming. Insert it when it has finished.'));
    return 'busy';
  }
  const problem = answerProblem(last);
  if (problem) {
    const anyway = t('Insert Anyway');
    const why =
      problem === 'cutOff'
        ? t('The last answer was cut off at the token limit.')
        : t('The last answer did not finish normally.');
    if ((await s.ui.warn(why, {}, anyway)) !== anyway) return 'cancelled';
  }
  const { text } = chooseInsertText(last.text, editor.document.languageId);
  return insertOrOfferCopy(editor.document, editor.selection, text, 'cursor', s.ui, s.reviews);
}

export function insertLastAnswerCommands(s: Services): Commands {
  return { 'rill.insertLastAnswer': () => insertLastAnswer(s) };
}
