/** Tiny DOM helpers. Text is always set with `textContent`, never parsed as HTML. */

import { type IconName, icon } from './render/icons';

type Attrs = Record<string, string | boolean | undefined>;

/** Creates an element with attributes (false/undefined are left out) and text or child nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined) el.append(c);
  return el;
}

/** A button with a visible label or an accessible name (`title` doubles as the tooltip). */
export function button(label: string, onClick: (ev: MouseEvent) => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** A codicon button: `name` is its accessible name and its tooltip. */
export function iconButton(
  glyph: IconName,
  name: string,
  onClick: (ev: MouseEvent) => void,
  attrs: Attrs = {},
): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'icon-button', 'aria-label': name, title: name, ...attrs });
  b.append(icon(glyph));
  b.addEventListener('click', onClick);
  return b;
}

/** `{0}`-style formatting for the host's translated strings. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}
