/**
 * Which VS Code versions send Rill's requests through the proxy settings.
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
