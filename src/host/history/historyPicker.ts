/**
 * The history list: a quick pick of saved chats, searchable, grouped by date, with row actions.
 */
import * as vscode from 'vscode';
import { type ChatSession, type DateGroup, dateGroup, type HistoryHit, type HistoryIndex } from '../../core/chat';
import type { ChatHistory } from './chatHistory';

/**
 * Where a chat picked from the list opens: the conversation of the surface the list was opened
 * from (the side panel's, or a chat editor's), and how to open a saved chat into it.
 */
export interface PickTarget {
  session: ChatSession;
  open(chatId: string): Promise<void>;
}

/** What the list needs of the chat it is opened from: the saved chats, and renaming one (the chat controller). */
export interface HistoryOwner {
  readonly history: ChatHistory;
  renameChat(id: string, title: string): Promise<void>;
}

/** What can be done to one chat of the list. */
type ChatAction = 'open' | 'rename' | 'export' | 'delete';

interface ChatItem extends vscode.QuickPickItem {
  chatId?: string;
}

/** Rows shown at most: the list stays quick to draw and to read; a search narrows it further. */
const MAX_ROWS = 200;
/** Set while the history list is open, for the keybinding that opens the actions of its active row. */
const CONTEXT_KEY = 'rill.historyPickerOpen';

const t = vscode.l10n.t;

function groupLabel(g: DateGroup): string {
  switch (g) {
    case 'today':
      return t('Today');
    case 'yesterday':
      return t('Yesterday');
    case 'week':
      return t('Last 7 days');
    case 'older':
      return t('Older');
  }
}

const buttons: { action: ChatAction; button: vscode.QuickInputButton }[] = [
  { action: 'rename', button: { iconPath: new vscode.ThemeIcon('edit'), tooltip: t('Rename') } },
  { action: 'export', button: { iconPath: new vscode.ThemeIcon('export'), tooltip: t('Export as Markdown') } },
  { action: 'delete', button: { iconPath: new vscode.ThemeIcon('trash'), tooltip: t('Delete') } },
];

/** The rows for `hits`: one separator per date group, then the chats, newest first. */
function rows(hits: HistoryHit[], currentId: string, now: number): ChatItem[] {
  const out: ChatItem[] = [];
  let group: DateGroup | undefined;
  for (const h of hits.slice(0, MAX_ROWS)) {
    const g = dateGroup(h.summary.updatedAt, now);
    if (g !== group) {
      out.push({ label: groupLabel(g), kind: vscode.QuickPickItemKind.Separator });
      group = g;
    }
    out.push({
      chatId: h.summary.id,
      label: h.summary.title,
      description: [
        h.summary.id === currentId ? t('current') : '',
        t('{0} messages', h.summary.turnCount),
        new Date(h.summary.updatedAt).toLocaleString(),
      ]
        .filter(Boolean)
        .join(' · '),
      detail: h.snippet,
      // The list is filtered by the full-text search, not by VS Code's label matching.
      alwaysShow: true,
      buttons: buttons.map((b) => b.button),
    });
  }
  if (!out.length) out.push({ label: t('No chat matches.'), alwaysShow: true });
  return out;
}

/** The open list and where it opens chats, so the keybinding command can reach its active row. */
let open: { qp: vscode.QuickPick<ChatItem>; target: PickTarget } | undefined;

/**
 * Rill's chat history as a native quick pick: type to search titles and message text; chats are
 * grouped by date; Enter opens one; each row has Rename, Export and Delete buttons, and
 * F2 (the `rill.historyItemActions` command) offers the same from the keyboard.
 *
 * A quick pick rather than a list inside the webview: it is how VS Code shows every other
 * "pick one of many" (recent files, its own chat history), it works the same from the side view,
 * an editor tab or the palette, and keyboard navigation, screen-reader support and theming come
 * with it.
 */
export async function showHistoryPicker(
  controller: HistoryOwner,
  target: PickTarget,
  initialQuery = '',
): Promise<void> {
  const index = await controller.history.searchIndex();
  const qp = vscode.window.createQuickPick<ChatItem>();
  qp.title = t('Rill Chat History');
  qp.placeholder = t('Search titles and messages. Enter opens; F2 renames, exports or deletes.');
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  const refresh = () => {
    qp.items = rows(index.search(qp.value), target.session.chat.id, Date.now());
  };
  qp.value = initialQuery;
  refresh();
  const shown = { qp, target };
  open = shown;
  void vscode.commands.executeCommand('setContext', CONTEXT_KEY, true);
  const done = new Promise<void>((resolve) => {
    qp.onDidChangeValue(refresh);
    qp.onDidAccept(() => {
      const id = qp.selectedItems[0]?.chatId;
      if (!id) return;
      qp.hide();
      void act(controller, target, index, 'open', id, qp.value);
    });
    qp.onDidTriggerItemButton((e) => {
      const action = buttons.find((b) => b.button === e.button)?.action;
      if (!action || !e.item.chatId) return;
      qp.hide();
      void act(controller, target, index, action, e.item.chatId, qp.value);
    });
    qp.onDidHide(() => {
      if (open === shown) {
        open = undefined;
        void vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
      }
      qp.dispose();
      resolve();
    });
  });
  qp.show();
  await done;
}

/** `rill.historyItemActions`: the keyboard way to a row's buttons (F2 in the list; Enter itself always accepts the row). */
export async function historyItemActions(controller: HistoryOwner): Promise<void> {
  if (!open) return;
  const { qp, target } = open;
  const id = qp.activeItems[0]?.chatId;
  if (!id) return;
  const query = qp.value;
  qp.hide();
  const index = await controller.history.searchIndex();
  const choice = await vscode.window.showQuickPick(
    [
      { action: 'open' as const, label: `$(go-to-file) ${t('Open')}` },
      { action: 'rename' as const, label: `$(edit) ${t('Rename')}` },
      { action: 'export' as const, label: `$(export) ${t('Export as Markdown')}` },
      { action: 'delete' as const, label: `$(trash) ${t('Delete')}` },
    ],
    { title: index.search('').find((h) => h.summary.id === id)?.summary.title },
  );
  if (choice) await act(controller, target, index, choice.action, id, query);
  else await showHistoryPicker(controller, target, query);
}

/** Does `action` to chat `id`, then shows the list again (with the same search) unless the chat was opened. */
async function act(
  controller: HistoryOwner,
  target: PickTarget,
  index: HistoryIndex,
  action: ChatAction,
  id: string,
  query: string,
): Promise<void> {
  const title = index.search('').find((h) => h.summary.id === id)?.summary.title ?? '';
  switch (action) {
    case 'open':
      await target.open(id);
      return;
    case 'rename': {
      const name = await vscode.window.showInputBox({ title: t('Rename Chat'), prompt: t('New title'), value: title });
      if (name !== undefined) await controller.renameChat(id, name);
      break;
    }
    case 'export':
      await controller.history.export(undefined, id);
      break;
    case 'delete':
      // Asks first, in a modal dialog: a deleted chat cannot be restored.
      await controller.history.delete(id);
      break;
  }
  await showHistoryPicker(controller, target, query);
}
