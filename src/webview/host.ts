import type { WebviewToHost } from '../shared/protocol';

interface VsCodeApi {
  postMessage(msg: WebviewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Sends a typed message to the extension host. */
export function post(msg: WebviewToHost): void {
  api.postMessage(msg);
}
