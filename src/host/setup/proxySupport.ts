/**
 * Which VS Code versions send Rill's requests through the proxy settings, and how a proxy's
 * address may be shown (without the user name and password it may carry).
 */
/**
 * Whether VS Code `version` (as in `vscode.version`) sends the extension host's global `fetch`,
 * which carries Rill's requests, through its proxy settings (`http.proxy`, the system proxy).
 * VS Code 1.96 and later do; before, the requests go straight to the server whatever the settings say.
 */
export function fetchUsesProxy(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 96);
}

/** `scheme://user:password@` (or `scheme://user@`) at the start of an address in any text. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/**
 * `text` with the credentials of every address in it removed: a proxy set as
 * `http://user:secret@proxy:8080` is shown as `http://proxy:8080`. For the proxy setting and for
 * error messages that may quote it, before either reaches the user or a log.
 */
export function withoutUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1');
}
