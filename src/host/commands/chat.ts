import * as vscode from 'vscode';
import { ChatPanel } from '../chatPanel';
import type { Services } from '../services';
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
  await s.view.reveal(true);
  await s.controller.send(text);
  return true;
}

/** Registers Chat, New Chat, Open Chat in Editor and Stop. */
export function registerChatCommands(s: Services): vscode.Disposable[] {
  const { context, controller, view, session } = s;
  return [
    vscode.commands.registerCommand('rill.chat', () => paletteChat(s)),
    vscode.commands.registerCommand('rill.newChat', async () => {
      await controller.newChat();
      await view.reveal(false);
      controller.focusInput();
    }),
    vscode.commands.registerCommand('rill.openChatInEditor', () => ChatPanel.open(context.extensionUri, controller)),
    vscode.commands.registerCommand('rill.stop', () => session.stop()),
  ];
}
