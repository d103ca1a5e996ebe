/**
 * Insert Last Answer: the last answer of the chat into the active editor, as one edit.
 */
import * as vscode from 'vscode';
import { answerProblem, lastAnswer } from '../../core/chat';
import { chooseInsertText } from '../../core/editor';
import { type InsertOutcome, insertOrOfferCopy } from '../edit/editorInsertion';
import type { Commands, Services } from '../services';

/** What Insert Last Answer did, for tests. */
export type InsertLastOutcome = InsertOutcome | 'noEditor' | 'noAnswer' | 'busy';

/**
 * Inserts the last answer (of the side panel's chat, or of a chat editor's if one was asked there
 * more recently) at the cursor of the active editor (over the selection, if any),
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
  // With chat editors open, the last answer is the one asked most recently in any conversation.
  const last = lastAnswer([s.session, ...s.editorChats.sessions()].map((c) => c.chat.turns));
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
