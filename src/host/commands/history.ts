import { historyItemActions, showHistoryPicker } from '../historyPicker';
import type { Commands, Services } from '../services';

/** Registers Show Chat History, its keyboard row actions, and Export Chat. */
export function historyCommands(s: Services): Commands {
  return {
    'rill.showHistory': async () => {
      await s.restored;
      await showHistoryPicker(s.controller);
    },
    'rill.historyItemActions': () => historyItemActions(s.controller),
    'rill.exportChat': async () => {
      await s.restored;
      await s.controller.exportChat();
    },
  };
}
