// Codicons for the webview, from the @vscode/codicons package: the glyphs the webview uses, read
// at build time from the package's source SVGs and defined as `RILL_CODICONS` (name → SVG paths)
// in the webview bundle (see src/webview/render/icons.ts). A few hundred bytes per icon, where the icon
// font would add 126 KB (62 KB compressed) to a package whose size goal is 400 KB.
const fs = require('node:fs');
const path = require('node:path');

/** Every codicon the webview draws; src/webview/render/icons.ts names the same (a unit test checks). */
const ICON_NAMES = [
  'attach',
  'check',
  'circle-slash',
  'close',
  'copy',
  'debug-continue',
  'debug-stop',
  'edit',
  'error',
  'file',
  'files',
  'folder',
  'git-compare',
  'go-to-file',
  'insert',
  'loading',
  'new-file',
  'references',
  'refresh',
  'search',
  'send',
  'terminal',
  'tools',
  'warning',
];

/** The `<path>` elements of one codicon SVG, with the attributes that shape them. */
function iconPaths(name) {
  const dir = path.join(path.dirname(require.resolve('@vscode/codicons/package.json')), 'src', 'icons');
  const svg = fs.readFileSync(path.join(dir, `${name}.svg`), 'utf8');
  const paths = [...svg.matchAll(/<path\b([^>]*?)\/?>/g)].map((m) => {
    const attrs = {};
    for (const a of m[1].matchAll(/([a-z-]+)="([^"]*)"/g)) {
      if (a[1] === 'd' || a[1] === 'fill-rule' || a[1] === 'clip-rule') attrs[a[1]] = a[2];
    }
    return attrs;
  });
  if (!paths.length || paths.some((p) => !p.d)) throw new Error(`codicon ${name} has no path data`);
  return paths;
}

/**
 * esbuild `define` entries that give the webview bundle its glyphs: the table as one JSON string
 * (a define whose value is an object makes esbuild call an initialiser at the top of every module).
 */
function codiconsDefine() {
  return {
    RILL_CODICONS: JSON.stringify(JSON.stringify(Object.fromEntries(ICON_NAMES.map((n) => [n, iconPaths(n)])))),
  };
}

module.exports = { ICON_NAMES, codiconsDefine, iconPaths };
