/**
 * A tiny virtual DOM: enough to describe rendered Markdown as plain data and to bring a live DOM
 * subtree in line with a new description by touching only what differs.
 *
 * Why it exists: the open (last) block of a streaming answer is re-rendered on every frame. Replacing
 * its DOM each time makes the browser restyle and relayout the whole block, several times the cost of
 * the text that actually arrived. Patching keeps unchanged nodes, so a growing paragraph costs one
 * text-node update, much like appending plain text.
 */

/** An element description. Attribute names are chosen by the renderer, never by content. */
export interface VElement {
  tag: string;
  attrs: Readonly<Record<string, string>> | null;
  children: VNode[];
}

/** A text node (a string) or an element. */
export type VNode = string | VElement;

const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});

/** Builds a {@link VElement}; `attrs` values are set with `setAttribute`, so they are never parsed as HTML. */
export function h(tag: string, attrs: Record<string, string> | null, children: VNode[] = []): VElement {
  return { tag, attrs, children };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates the DOM for one node (text via `createTextNode`, elements via `createElement`; icons' `svg` and `path` in the SVG namespace). */
export function createDom(v: VNode, doc: Document): Node {
  if (typeof v === 'string') return doc.createTextNode(v);
  const el = v.tag === 'svg' || v.tag === 'path' ? doc.createElementNS(SVG_NS, v.tag) : doc.createElement(v.tag);
  if (v.attrs) for (const name of Object.keys(v.attrs)) el.setAttribute(name, v.attrs[name]);
  for (const child of v.children) el.appendChild(createDom(child, doc));
  return el;
}

/** Appends the DOM of `nodes` to `parent` and returns the created nodes in order. */
export function appendAll(parent: Node, nodes: readonly VNode[]): Node[] {
  const doc = parent.ownerDocument ?? (parent as Document);
  const out: Node[] = [];
  for (const v of nodes) out.push(parent.appendChild(createDom(v, doc)));
  return out;
}

function sameShape(a: VNode, b: VNode): boolean {
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b;
  return a.tag === b.tag && sameAttrs(a.attrs ?? NO_ATTRS, b.attrs ?? NO_ATTRS);
}

function sameAttrs(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Makes `live` (the DOM nodes previously created from `before`, in order: the last children of
 * `parent`) match `after`. Returns the live nodes for `after`.
 *
 * Contract: `live[i]` must be the DOM that `before[i]` produced (by {@link createDom} or an earlier
 * patch) and must not have been changed by anyone else since. The result is the same DOM that
 * `createDom` would build for `after`; only differing parts are replaced, and a changed text node
 * keeps its identity (its `data` is updated).
 */
export function patchNodes(parent: Node, live: Node[], before: readonly VNode[], after: readonly VNode[]): Node[] {
  const doc = parent.ownerDocument ?? (parent as Document);
  const out: Node[] = [];
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) out.push(patchOne(parent, live[i], before[i], after[i], doc));
  for (let i = common; i < before.length; i++) parent.removeChild(live[i]);
  for (let i = common; i < after.length; i++) out.push(parent.appendChild(createDom(after[i], doc)));
  return out;
}

function patchOne(parent: Node, node: Node, a: VNode, b: VNode, doc: Document): Node {
  if (a === b) return node;
  if (!sameShape(a, b)) {
    const fresh = createDom(b, doc);
    parent.replaceChild(fresh, node);
    return fresh;
  }
  if (typeof a === 'string') {
    const text = node as Text;
    const s = b as string;
    // Appending keeps the text layout's cached shaping for the unchanged prefix.
    if (s.length > a.length && s.startsWith(a)) text.appendData(s.slice(a.length));
    else text.data = s;
    return node;
  }
  patchNodes(node, Array.from(node.childNodes), a.children, (b as VElement).children);
  return node;
}
