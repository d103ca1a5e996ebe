/**
 * Runs a `/` command typed in the chat.
 */
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat';
import { selectionQuestion, selectionSystemPrompt } from '../../core/editor';
import { expandTemplate, parseSlashLine, usesPlaceholder } from '../../core/prompts';
import type { EditorContext } from '../context/editorContext';
import { readRequestSettings } from '../settings';
import type { PromptCommand, PromptCommands } from './promptCommands';

/** What running a `/` command from the panel needs of the chat. */
export interface SlashPort {
  session: ChatSession;
  editorContext: EditorContext;
  prompts: PromptCommands;
  newChat(): Promise<void>;
  /** Puts text back into the message box: a command that cannot run loses nothing typed. */
  restoreInput(text: string): void;
  info(message: string): void;
}

/**
 * Runs a message typed in the panel as a `/` command when its first word names one; resolves false
 * when it names none (the message is then sent as typed, so `/usr/bin …` still works).
 *
 * - `/explain`, `/fix`, `/tests`, `/doc`: the editor task of that name about the pending context
 *   (the active editor's selection or file, and what was added with `#`), with its rules as the
 *   system prompt; text after the command joins the question. It is asked on its own: the chat's
 *   earlier turns stay in the panel but do not go with it.
 * - `/new`: a new chat (the current one stays in the history); text after it is asked there.
 * - `/clear`: clears the panel the same way: the chat is saved in the history first, never deleted.
 * - the user's commands: the template expanded with the typed text and the active editor.
 */
export async function runSlashCommand(port: SlashPort, text: string): Promise<boolean> {
  const line = parseSlashLine(text);
  if (!line) return false;
  // The prompt file as it is now, not as it was when last read.
  await port.prompts.refresh();
  const command = port.prompts.find(line.name);
  if (!command) return false;
  await run(port, command, line.input, text);
  return true;
}

async function run(port: SlashPort, command: PromptCommand, input: string, typed: string): Promise<void> {
  const t = vscode.l10n.t;
  if (command.source !== 'builtin') {
    const values = { input, ...(await port.editorContext.activeValues()) };
    const question = expandTemplate(command.template, values);
    // The selection placed in the text by the template does not go a second time as its chip.
    const inlined = usesPlaceholder(command.template, 'selection') && values.selection !== '';
    const attachments = await port.editorContext.take({ withoutActive: inlined });
    await port.session.ask(question, { attachments });
    return;
  }
  switch (command.name) {
    case 'new':
    case 'clear':
      await port.newChat();
      if (command.name === 'new' && input)
        await port.session.ask(input, { attachments: await port.editorContext.take() });
      else if (input) port.restoreInput(input);
      return;
    default: {
      if (!port.editorContext.chips().length) {
        port.restoreInput(typed);
        port.info(t('/{0} asks about code: open a file or select code (or add context with #) first.', command.name));
        return;
      }
      const task = command.name;
      const attachments = await port.editorContext.take();
      // Asked on its own, like the editor commands: the chat before it is not about this code.
      await port.session.ask(selectionQuestion(task, input), {
        task,
        alone: true,
        systemPrompt: selectionSystemPrompt(task, readRequestSettings().systemPrompt),
        attachments,
      });
    }
  }
}
