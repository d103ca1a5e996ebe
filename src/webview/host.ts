import type { WebviewToHost } from '../shared/protocol';

interface VsCodeApi {
  postMessage(msg: WebviewToHost): void;
  setState(state: WebviewState): void;
}

/**
 * What VS Code keeps of a webview across a window reload and hands to the panel serializer: the
 * id of the chat it shows, so a chat editor comes back with its own conversation.
 */
export interface WebviewState {
  chatId: string;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Sends a typed message to the extension host. */
export function post(msg: WebviewToHost): void {
  api.postMessage(msg);
}

/** Remembers which chat this webview shows, for the serializer after a reload. */
export function rememberChat(chatId: string): void {
  api.setState({ chatId });
}
