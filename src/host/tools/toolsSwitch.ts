/**
 * Whether a chat's next question offers the model its tools: the setting, the workspace's trust
 * and the chat's own switch by the message box. No `vscode` import, so it is unit-tested.
 */
import type { Chat } from '../../core/chat';
import type { ToolsSetting } from '../settings';

/**
 * `off` when `rill.tools` is `off` (no switch is shown); otherwise the chat's switch when the user
 * turned it, else on in a trusted workspace and off in an untrusted one, where a repository's
 * files may be written to steer the model into reading what it should not.
 */
export function toolsOn(chat: Pick<Chat, 'tools'>, mode: ToolsSetting, trusted: boolean): boolean {
  if (mode === 'off') return false;
  return chat.tools ?? trusted;
}
