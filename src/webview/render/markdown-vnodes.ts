/**
 * Turns Markdown tokens into {@link VNode}s. This is the renderer's security boundary: content only
 * ever becomes text nodes or the values of a fixed set of attributes chosen here (`href` after the
 * link policy, `title`, `start`, `data-lang`), never markup, event handlers or `style`.
 */
import { codeBlockVNode, fenceLabel } from './code-block';
import { decodeEntities } from './entities';
import type { Token, Tokens } from './lexer';
import { misleadingLinkHost } from './link-host';
import { safeHttpUrl } from './safe-url';
import { h, type VNode } from './vdom';

/**
 * Remembers the nodes built for parts of the open tail (list items, table rows, inline elements)
 * for one frame. A part whose source did not change gets the very same node object again, which
 * the patcher recognises and skips instead of walking it.
 */
export class VNodeMemo {
  private previous = new Map<string, VNode>();
  private current = new Map<string, VNode>();

  /** Starts a frame: only what the last frame built stays available. */
  next(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** The node for `key`, built by `build` unless this or the last frame built it. */
  get(key: string, build: () => VNode): VNode {
    let v = this.current.get(key) ?? this.previous.get(key);
    if (v === undefined) v = build();
    this.current.set(key, v);
    return v;
  }
}

let memo: VNodeMemo | null = null;

/** Runs `render` with `frameMemo` in effect for the nodes it builds (one frame). */
export function withMemo<T>(frameMemo: VNodeMemo, render: () => T): T {
  frameMemo.next();
  memo = frameMemo;
  try {
    return render();
  } finally {
    memo = null;
  }
}

/**
 * `key` must hold everything the node depends on: its kind, context flags and `source`. Source
 * with a `[` may hold reference links, whose targets depend on definitions found anywhere in the
 * answer, so such parts are always built afresh (a link's own target is part of its key).
 */
function memoized(key: string, source: string, build: () => VNode): VNode {
  return memo && !source.includes('[') ? memo.get(key, build) : build();
}

/** Renders top-level tokens: one node per token that shows anything (spaces and definitions do not). */
export function blockVNodes(tokens: readonly Token[]): VNode[] {
  const out: VNode[] = [];
  for (const t of tokens) {
    const v = blockVNode(t);
    if (v !== null) out.push(v);
  }
  return out;
}

/** The node for one block token, or `null` for tokens that render nothing. */
export function blockVNode(t: Token): VNode | null {
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return h('p', null, inlineVNodes((t as Tokens.Paragraph).tokens));
    case 'heading': {
      const depth = Math.min(6, Math.max(1, (t as Tokens.Heading).depth));
      return h(`h${depth}`, null, inlineVNodes((t as Tokens.Heading).tokens));
    }
    case 'code': {
      const code = t as Tokens.Code;
      return codeBlockVNode(code.text, code.codeBlockStyle === 'indented' ? '' : fenceLabel(code.lang));
    }
    case 'hr':
      return h('hr', null);
    case 'blockquote':
      return h('blockquote', null, blockVNodes((t as Tokens.Blockquote).tokens));
    case 'list':
      return listVNode(t as Tokens.List);
    case 'table':
      return tableVNode(t as Tokens.Table);
    default:
      // Top-level text, raw HTML (switched off in the lexer) or anything unknown: show the source
      // as text rather than drop words.
      return h('p', null, [t.raw]);
  }
}

function listVNode(list: Tokens.List): VNode {
  const items = list.items.map((item) =>
    memoized(`li${item.loose ? 'L' : 'T'}${item.raw}`, item.raw, () =>
      h('li', item.task ? { class: 'md-task' } : null, listItemChildren(item)),
    ),
  );
  if (!list.ordered) return h('ul', null, items);
  const start = typeof list.start === 'number' && list.start !== 1 ? { start: String(list.start) } : null;
  return h('ol', start, items);
}

// In a tight list an item's text is not wrapped in a paragraph (GFM/CommonMark HTML output).
function listItemChildren(item: Tokens.ListItem): VNode[] {
  const out: VNode[] = [];
  for (const t of item.tokens) {
    if (t.type === 'text') pushAll(out, textVNodes(t as Tokens.Text));
    else if (t.type === 'checkbox') out.push(checkboxVNode(t as Tokens.Checkbox));
    else {
      const v = blockVNode(t);
      if (v !== null) out.push(v);
    }
  }
  return mergeText(out);
}

function tableVNode(table: Tokens.Table): VNode {
  const cell = (c: Tokens.TableCell, tag: 'th' | 'td') =>
    h(tag, c.align ? { class: `md-align-${c.align}` } : null, inlineVNodes(c.tokens));
  const head = h('thead', null, [
    h(
      'tr',
      null,
      table.header.map((c) => cell(c, 'th')),
    ),
  ]);
  // The wrapper scrolls a wide table inside the narrow chat view; the table keeps table layout.
  if (table.rows.length === 0) return h('div', { class: 'md-table' }, [h('table', null, [head])]);
  const row = (cells: Tokens.TableCell[]) => {
    const key = `tr${cells.map((c) => `${c.align}\u0000${c.text}`).join('\u0001')}`;
    return memoized(key, key, () =>
      h(
        'tr',
        null,
        cells.map((c) => cell(c, 'td')),
      ),
    );
  };
  const body = h('tbody', null, table.rows.map(row));
  return h('div', { class: 'md-table' }, [h('table', null, [head, body])]);
}

/**
 * Renders inline tokens; adjacent text is merged into one text node. `inLink`: inside a link's
 * text, where an image must not become a second, nested link.
 */
export function inlineVNodes(tokens: readonly Token[] | undefined, inLink = false): VNode[] {
  const out: VNode[] = [];
  if (tokens) for (const t of tokens) pushAll(out, inlineVNode(t, inLink));
  return mergeText(out);
}

function inlineVNode(t: Token, inLink: boolean): VNode | VNode[] {
  switch (t.type) {
    case 'strong':
    case 'em':
    case 'del':
    case 'link':
    case 'image': {
      // A link's own brackets are not a reference once its target is resolved; its text still may be.
      const link = t as Tokens.Link;
      const inner = t.type === 'strong' || t.type === 'em' || t.type === 'del' ? t.raw : link.text;
      return memoized(
        `${t.type}${inLink ? 'L' : ''}\u0000${link.href ?? ''}\u0000${link.title ?? ''}\u0000${t.raw}`,
        inner,
        () => inlineElement(t, inLink),
      );
    }
    case 'text':
      return textVNodes(t as Tokens.Text, inLink);
    case 'escape':
      return (t as Tokens.Escape).text;
    case 'codespan':
      return h('code', null, [(t as Tokens.Codespan).text]);
    case 'br':
      return h('br', null);
    case 'checkbox':
      return checkboxVNode(t as Tokens.Checkbox);
    default:
      return t.raw;
  }
}

function inlineElement(t: Token, inLink: boolean): VNode {
  switch (t.type) {
    case 'link':
      return linkVNode(t as Tokens.Link);
    case 'image':
      return imageVNode(t as Tokens.Image, inLink);
    default:
      return h(t.type, null, inlineVNodes((t as Tokens.Strong).tokens, inLink));
  }
}

// A task list box shows the state the model wrote; it is not an input the reader can change.
function checkboxVNode(t: Tokens.Checkbox): VNode {
  return h('input', t.checked ? { type: 'checkbox', disabled: '', checked: '' } : { type: 'checkbox', disabled: '' });
}

function textVNodes(t: Tokens.Text, inLink = false): VNode | VNode[] {
  if (t.tokens && t.tokens.length > 0) return inlineVNodes(t.tokens, inLink);
  // `escaped` text comes from raw HTML blocks, which the lexer never produces; keep it literal.
  return t.escaped ? t.text : decodeEntities(t.text);
}

function linkVNode(link: Tokens.Link): VNode {
  // Autolinks keep their destination and text literally; other links carry character references.
  const href = link.autolink ? link.href : decodeEntities(link.href);
  const children = link.autolink ? [link.text] : inlineVNodes(link.tokens, true);
  const safe = safeHttpUrl(href);
  if (safe === null) return h('span', { class: 'md-link-inert' }, children);
  // Text that names another host than the link opens: the real one is shown after the text, and the
  // whole target (in its punycode form) is the tooltip instead of the model's title.
  const realHost = misleadingLinkHost(children.map(textOf).join(''), safe);
  if (realHost !== undefined)
    return h('a', { href: safe, title: safe }, [...children, h('span', { class: 'md-link-host' }, [` (${realHost})`])]);
  const title = link.title ? decodeEntities(link.title) : '';
  return h('a', title ? { href: safe, title } : { href: safe }, children);
}

// Images are never fetched: an http(s) image becomes a link to it, anything else its alt text.
function imageVNode(image: Tokens.Image, inLink: boolean): VNode {
  const alt = plainText(image.tokens);
  const safe = inLink ? null : safeHttpUrl(decodeEntities(image.href));
  if (safe === null) return h('span', { class: 'md-image' }, alt ? [alt] : []);
  return h('a', { href: safe, class: 'md-image', title: safe }, [alt || safe]);
}

function plainText(tokens: readonly Token[] | undefined): string {
  let s = '';
  for (const v of inlineVNodes(tokens)) s += textOf(v);
  return s;
}

function textOf(v: VNode): string {
  if (typeof v === 'string') return v;
  let s = '';
  for (const c of v.children) s += textOf(c);
  return s;
}

function pushAll(out: VNode[], v: VNode | VNode[]): void {
  if (Array.isArray(v)) for (const x of v) out.push(x);
  else out.push(v);
}

function mergeText(nodes: VNode[]): VNode[] {
  const out: VNode[] = [];
  for (const v of nodes) {
    const last = out.length - 1;
    if (typeof v === 'string') {
      if (v === '') continue;
      if (last >= 0 && typeof out[last] === 'string') out[last] = (out[last] as string) + v;
      else out.push(v);
    } else out.push(v);
  }
  return out;
}
