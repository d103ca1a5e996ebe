/**
 * The ids under which `package.json` declares Rill's views. Code uses these constants, never the
 * strings; `test/unit/host/viewIds.test.ts` checks they match the manifest. No `vscode` import, so
 * the small activation bundle can use them.
 */

/** The activity bar container that holds the chat view. */
export const VIEW_CONTAINER_ID = 'rill';

/** The chat webview view in the side bar (`<id>.focus` reveals it). */
export const CHAT_VIEW_ID = 'rill.chat';

/** The view type of the chat in an editor tab (revived after a reload by its serializer). */
export const CHAT_PANEL_VIEW_TYPE = 'rill.chatPanel';

/**
 * The view type of a chat editor: an editor tab with a conversation of its own ("New Chat in
 * Editor"), revived after a reload with the chat it showed.
 */
export const CHAT_EDITOR_VIEW_TYPE = 'rill.chatEditor';
