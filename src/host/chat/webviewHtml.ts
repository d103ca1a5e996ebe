/**
 * The chat webview's HTML page and options: a strict content security policy, the bundle and the
 * stylesheets, nothing else.
 */
import * as vscode from 'vscode';

/** Folders a Rill webview may load from: the bundle and the stylesheets, nothing else. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** Webview options shared by the side view and the editor tab. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: localResourceRoots(extensionUri) };
}

/**
 * The webview document: a strict CSP (`default-src 'none'`, one nonce for the one script, styles
 * only from the extension's own files, no inline code) and the bundle. Model text never appears here:
 * it travels by `postMessage` and is rendered with DOM APIs.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'panel'): string {
  // Web Crypto (a global in Node 20) rather than the 'crypto' module: loading that module costs
  // several milliseconds of activation time.
  const nonce = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const lang = vscode.env.language;
  return `<!DOCTYPE html>
<html lang="${lang.replace(/[^A-Za-z-]/g, '')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('media', 'chat.css')}">
<link rel="stylesheet" href="${asset('media', 'markdown.css')}">
<title>Rill</title>
</head>
<body data-surface="${surface}">
<div id="app"></div>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}
