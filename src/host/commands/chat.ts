/**
 * The chat commands: Chat, New Chat, Open Chat in Editor, New Chat in Editor, Stop.
 */
import * as vscode from 'vscode';
import { ChatPanel } from '../chat/chatPanel';
import type { Commands, Services } from '../services';
import { ensureIdle } from './answering';

/**
 * `Rill: Chat`: a question from an input box goes to the panel's current chat, which is revealed
 * (keeping the keyboard where it was) and streams the answer.
 */
export async function paletteChat(s: Services): Promise<boolean> {
  const t = vscode.l10n.t;
  const text = await s.ui.input({ prompt: t('Ask Rill'), placeHolder: t('Your question') });
  if (!text?.trim()) return false;
  if (!(await ensureIdle(s))) return false;
  await s.restored;
  await s.view.reveal(true);
  await s.controller.send(text);
  return true;
}

/**
 * Registers Chat, New Chat, Open Chat in Editor (the side panel's chat in a tab), New Chat in
 * Editor (a conversation of its own in a tab) and Stop (the active chat editor's answer while it
 * streams, else the side panel's).
 */
export function chatCommands(s: Services): Commands {
  const { context, controller, view, session, editorChats } = s;
  return {
    'rill.chat': () => paletteChat(s),
    'rill.newChat': async () => {
      await s.restored;
      // The keyboard moves to the message box first, and only then does the empty chat show: the
      // workbench passes the focus to a view through the view itself, so keys typed while it moves
      // are lost, and someone typing as soon as the new chat shows must not be typing into that.
      await view.reveal(false);
      controller.focusInput();
      await controller.newChat();
    },
    'rill.openChatInEditor': () => ChatPanel.open(context.extensionUri, controller),
    'rill.newChatInEditor': async () => {
      await s.restored;
      await editorChats.create();
    },
    'rill.stop': () => {
      const editor = editorChats.active();
      return (editor?.busy ? editor : session).stop();
    },
  };
}
