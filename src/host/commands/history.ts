/**
 * The history commands: Show History (side panel and chat editor), the row actions, Export Chat.
 */
import type { ChatSession } from '../../core/chat';
import { historyItemActions, type PickTarget, showHistoryPicker } from '../history/historyPicker';
import type { Commands, Services } from '../services';

/**
 * A history list that opens chats into `session`. A chat another conversation of this window shows
 * is revealed where it is instead, so no chat is open twice (two copies would each save over the other).
 */
export function pickInto(s: Services, session: ChatSession): PickTarget {
  return {
    session,
    async open(chatId) {
      const showing = s.controller.history.showing(chatId);
      if (showing && showing !== session) {
        if (!s.editorChats.reveal(showing)) await s.view.reveal(false);
        return;
      }
      await s.controller.history.open(chatId, session);
    },
  };
}

/**
 * Registers Show Chat History (from the view's title bar or the palette: opens into the side panel),
 * its chat editor twin (a chat editor's title bar: opens into that editor), its keyboard row actions,
 * and Export Chat.
 */
export function historyCommands(s: Services): Commands {
  return {
    'rill.showHistory': async () => {
      await s.restored;
      await showHistoryPicker(s.controller, pickInto(s, s.session));
    },
    'rill.chatEditor.showHistory': async () => {
      await s.restored;
      const session = s.editorChats.active() ?? s.session;
      await showHistoryPicker(s.controller, pickInto(s, session));
    },
    'rill.historyItemActions': () => historyItemActions(s.controller),
    'rill.exportChat': async () => {
      await s.restored;
      await s.controller.exportChat();
    },
  };
}
