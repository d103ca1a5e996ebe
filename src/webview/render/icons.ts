/**
 * VS Code's own icons (codicons) for the webview's buttons. The glyphs come from @vscode/codicons
 * as SVG paths bundled at build time (esbuild.codicons.js): no font or image is loaded, so the strict CSP stays as it is,
 * and `fill: currentColor` gives them the theme's foreground like the workbench's own.
 */
import { createDom, h, type VElement } from './vdom';

/** The codicons the webview draws (esbuild.codicons.js bundles the same list). */
export const ICON_NAMES = [
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
] as const;

/** The glyphs as JSON, put in by the build (see esbuild.codicons.js). */
declare const RILL_CODICONS: string | undefined;

/** The glyphs; absent when this module runs unbundled (the Node unit tests), where no icon is drawn. */
const GLYPHS: Record<string, Record<string, string>[]> =
  typeof RILL_CODICONS === 'undefined' ? {} : JSON.parse(RILL_CODICONS);

/** The codicons the webview uses. */
export type IconName = (typeof ICON_NAMES)[number];

/** A codicon as a virtual node (for the Markdown renderer), hidden from screen readers: the button names it. */
export function iconVNode(name: IconName): VElement {
  return h(
    'svg',
    { class: 'codicon', viewBox: '0 0 16 16', width: '16', height: '16', 'aria-hidden': 'true', focusable: 'false' },
    (GLYPHS[name] ?? []).map((p) => h('path', { ...p })),
  );
}

/** A codicon as a DOM element. */
export function icon(name: IconName): Element {
  return createDom(iconVNode(name), document) as Element;
}
