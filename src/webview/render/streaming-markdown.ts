/**
 * Renders one assistant message as Markdown while it streams in.
 *
 * Cost stays linear in the answer's length: text is only buffered by {@link StreamingMarkdown.append};
 * {@link StreamingMarkdown.flush} (once per animation frame) lexes only the unsettled tail, creates
 * the DOM of blocks that have just settled (once, never again) and patches the open last block in
 * place. An unclosed code fence shows as code and takes new lines without being lexed again.
 */

import { closesFence, type FenceOpener, parseFenceOpener } from '../../core/editor';
import { rawLength, settledCount, settledPrefix } from './block-split';
import { CODE_BLOCK_CLASS, type CodeAction, fenceLabel } from './code-block';
import { type Highlighter, sharedHighlighter } from './highlighter';
import { type Links, lex, type Token, type Tokens } from './lexer';
import { blockVNode, blockVNodes, VNodeMemo, withMemo } from './markdown-vnodes';
import { OpenFence } from './open-fence';
import { safeHttpUrl } from './safe-url';
import { createDom, patchNodes, type VNode } from './vdom';

/** What the chat UI does when the reader uses a rendered message. */
export interface MarkdownHooks {
  /** The Copy button of a code block: `code` is the block's exact text. */
  onCopy(code: string): void;
  /**
   * The Insert buttons of a code block. `language` is the fence label as written (`ts`, `python`),
   * `''` when there is none. `block` is the block's number among the message's top-level code
   * blocks, `undefined` for a block inside a list item or a quote.
   */
  onInsert(code: string, language: string, where: 'cursor' | 'newFile' | 'apply', block: number | undefined): void;
  /** A click on a link; only absolute http(s) URLs are links, and the page never navigates itself. */
  onLink(href: string): void;
}

/** Options for {@link StreamingMarkdown}. */
export interface StreamingMarkdownOptions {
  /** Highlights finished code blocks; defaults to the page-wide one, `null` for none. */
  highlighter?: Highlighter | null;
}

/** A settled block that may hold reference links, kept so a later definition can re-render it. */
interface ReferenceBlock {
  raw: string;
  node: Node;
  /** {@link StreamingMarkdown.linksVersion} it was rendered with. */
  version: number;
}

/**
 * Blocks are kept in groups of this many settled blocks (`div.md-group`); the open tail follows
 * the settled blocks of the last group. The stylesheet lets the browser skip every group but the
 * last while off screen, so a frame's work does not grow with the answer, and a settling block
 * stays where it is.
 */
const GROUP_SIZE = 32;

/** Renders one message into a container the instance owns (it removes and adds all its children). */
export class StreamingMarkdown {
  private raw = '';
  private pending = '';
  private heldCR = false;
  /**
   * The rendered text after the settled blocks, line endings normalised. Settled text is dropped:
   * one ever-growing string would be copied whole whenever it is sliced.
   */
  private tail = '';
  private links: Links = Object.create(null) as Links;
  private linksVersion = 0;
  private readonly referenceBlocks: ReferenceBlock[] = [];
  private tailV: VNode[] = [];
  private tailNodes: Node[] = [];
  /** Nodes of the tail's unchanged parts, reused from frame to frame so patching skips them. */
  private readonly memo = new VNodeMemo();
  private fence: OpenFence | null = null;
  /** The last group: its settled blocks, then the tail's nodes (or the open fence). */
  private group!: HTMLElement;
  private groupCount = 0;
  private finished = false;
  private readonly highlighter: Highlighter | null;
  private readonly doc: Document;

  /**
   * @param container an empty element the message renders into; the instance owns its children.
   * @param hooks called for code block buttons and link clicks.
   */
  constructor(
    private readonly container: HTMLElement,
    private readonly hooks: MarkdownHooks,
    options: StreamingMarkdownOptions = {},
  ) {
    this.doc = container.ownerDocument;
    this.highlighter = options.highlighter === undefined ? sharedHighlighter() : options.highlighter;
    container.classList.add('md');
    this.startGroups();
    container.addEventListener('click', this.onClick);
    container.addEventListener('auxclick', this.onAuxClick);
  }

  /** All text appended (or set) so far, exactly as given, rendered or not. */
  get text(): string {
    return this.raw;
  }

  /** Buffers `text`; nothing is rendered until {@link flush} or {@link finish}. */
  append(text: string): void {
    this.raw += text;
    this.pending += text;
  }

  /**
   * Renders what was appended since the last call. Meant to run once per animation frame; costs
   * about the size of the open last block plus the new text. Code of blocks that settled is
   * highlighted later, in idle time.
   */
  flush(): void {
    if (!this.pending) return;
    const added = this.takePending(false);
    if (!added) return;
    if (this.finished) this.reopen();
    this.tail += added;
    this.render();
  }

  /**
   * The final render: flushes, renders the open tail as finished (an unclosed fence ends with the
   * text) and highlights its code. Appending afterwards (e.g. continuing a cut-off answer) goes on
   * where the text stopped.
   */
  finish(): void {
    const added = this.takePending(true);
    if (this.finished && !added) return;
    if (this.finished) this.reopen();
    this.tail += added;
    this.render();
    if (this.fence) {
      this.fence.root.remove();
      this.fence = null;
    }
    const tail = lex(this.tail, this.links);
    // Definitions in the tail apply to the whole answer, settled blocks included.
    if (this.addDefinitions(tail)) this.refreshReferences();
    const nodes = patchNodes(this.group, this.tailNodes, this.tailV, blockVNodes(tail));
    this.tailV = [];
    this.tailNodes = nodes;
    for (const node of nodes) this.highlightIn(node);
    this.finished = true;
  }

  /** Replaces the whole text (e.g. a snapshot after the view was reloaded) and renders it. */
  setText(full: string): void {
    this.startGroups();
    this.raw = '';
    this.pending = '';
    this.heldCR = false;
    this.tail = '';
    this.links = Object.create(null) as Links;
    this.linksVersion = 0;
    this.referenceBlocks.length = 0;
    this.tailV = [];
    this.tailNodes = [];
    this.fence = null;
    this.finished = false;
    this.append(full);
    this.flush();
  }

  /** Resolves once every finished code block that can be highlighted has been. */
  whenHighlighted(): Promise<void> {
    return this.highlighter ? this.highlighter.idle() : Promise.resolve();
  }

  /** Stops listening to the container. */
  dispose(): void {
    this.container.removeEventListener('click', this.onClick);
    this.container.removeEventListener('auxclick', this.onAuxClick);
  }

  // Line endings become \n (CommonMark), NUL becomes U+FFFD. A trailing \r waits for the next
  // chunk, which may start with the \n of the same \r\n.
  private takePending(final: boolean): string {
    let s = this.pending;
    this.pending = '';
    if (this.heldCR) {
      s = `\r${s}`;
      this.heldCR = false;
    }
    if (!final && s.endsWith('\r')) {
      s = s.slice(0, -1);
      this.heldCR = true;
    }
    if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
    if (s.includes('\0')) s = s.replace(/\0/g, '\uFFFD');
    return s;
  }

  // After finish() the tail's code may be highlighted, which the patcher must not see: rebuild it.
  private reopen(): void {
    for (const node of this.tailNodes) node.parentNode?.removeChild(node);
    this.tailNodes = [];
    this.tailV = [];
    this.finished = false;
  }

  private render(): void {
    if (this.fence) {
      const end = this.fence.advance(this.tail);
      if (end === null) return;
      this.closeFence(this.fence, end);
      this.fence = null;
    }
    const tail = this.tail;
    const tokens = tail ? lex(tail, this.links) : [];
    const complete = tail.lastIndexOf('\n') + 1;
    // The lexer consumes each token's raw text exactly; if that ever fails to add up, settle
    // nothing rather than risk a misplaced boundary.
    const k = complete > 0 && rawLength(tokens) === tail.length ? settledPrefix(tokens, complete) : 0;
    let settle: Token[];
    let rest: Token[];
    if (k !== null) {
      settle = tokens.slice(0, k);
      rest = tokens.slice(k);
    } else {
      // A block has just started on the unfinished last line: decide on the complete lines alone.
      const before = lex(tail.slice(0, complete), this.links);
      settle = rawLength(before) === complete ? before.slice(0, settledCount(before)) : [];
      rest = settle.length ? lex(tail.slice(rawLength(settle)), this.links) : tokens;
    }
    const settleLength = rawLength(settle);
    const restText = tail.slice(settleLength);
    const fence = openFence(restText, rest);
    if (fence) {
      this.commit([...settle, ...rest.slice(0, fence.index)], settleLength + fence.offset, []);
      this.fence = new OpenFence(this.doc, fence.opener);
      this.group.appendChild(this.fence.root);
      this.fence.advance(this.tail);
      return;
    }
    this.commit(
      settle,
      settleLength,
      withMemo(this.memo, () => blockVNodes(rest)),
    );
  }

  /**
   * Settles the fenced block that has just closed (the first `end` characters of the tail). The
   * open view becomes the finished block when it renders the same, as it does unless the lexer
   * reads the block differently from the fence scan.
   */
  private closeFence(fence: OpenFence, end: number): void {
    const block = lex(this.tail.slice(0, end), this.links);
    const code = block.length === 1 && block[0].type === 'code' ? (block[0] as Tokens.Code) : null;
    if (!code || code.codeBlockStyle === 'indented' || fenceLabel(code.lang) !== fence.label) {
      fence.root.remove();
      this.commit(block, end, []);
      return;
    }
    const node = fence.finish(code.text);
    this.regroup([node], 1);
    this.tail = this.tail.slice(end);
    this.highlightIn(node);
  }

  /**
   * Settles `settle` (the first `length` characters of the tail) and shows `tailV` after it.
   * The old tail DOM is patched into the new one, so a block that was open and has just settled
   * keeps the nodes it already had.
   */
  private commit(settle: readonly Token[], length: number, tailV: VNode[]): void {
    const settledV: VNode[] = [];
    const settledT: Token[] = [];
    for (const t of settle) {
      const v = blockVNode(t);
      if (v === null) continue;
      settledV.push(v);
      settledT.push(t);
    }
    const nodes = patchNodes(this.group, this.tailNodes, this.tailV, settledV.length ? [...settledV, ...tailV] : tailV);
    this.tailNodes = settledV.length ? nodes.slice(settledV.length) : nodes;
    this.tailV = tailV;
    if (settledV.length) this.regroup(nodes, settledV.length);
    this.tail = this.tail.slice(length);
    const changed = this.addDefinitions(settle);
    for (let i = 0; i < settledV.length; i++) {
      const { raw, type } = settledT[i];
      if (type !== 'code' && raw.includes('['))
        this.referenceBlocks.push({ raw, node: nodes[i], version: this.linksVersion });
      this.highlightIn(nodes[i]);
    }
    if (changed) this.refreshReferences();
  }

  private startGroups(): void {
    this.container.replaceChildren();
    this.group = this.container.appendChild(this.newGroup());
    this.groupCount = 0;
  }

  private newGroup(): HTMLElement {
    const group = this.doc.createElement('div');
    group.className = 'md-group';
    return group;
  }

  /**
   * `nodes` (the last children of the last group) start with `settled` blocks that have just
   * settled; the rest is the tail. Moves whatever overflows {@link GROUP_SIZE} into new groups, so
   * every group but the last holds exactly that many blocks, however the text arrived. Usually
   * nothing moves, or one group's worth of tail when a group fills up.
   */
  private regroup(nodes: readonly Node[], settled: number): void {
    let i = 0;
    while (this.groupCount + (settled - i) > GROUP_SIZE) {
      i += GROUP_SIZE - this.groupCount;
      const group = this.container.appendChild(this.newGroup());
      for (let j = i; j < nodes.length; j++) group.appendChild(nodes[j]);
      this.group = group;
      this.groupCount = 0;
    }
    this.groupCount += settled - i;
  }

  /** Adds reference definitions among `tokens` (the first definition of a label wins). */
  private addDefinitions(tokens: readonly Token[]): boolean {
    let changed = false;
    for (const t of tokens) {
      if (t.type !== 'def') continue;
      const def = t as Tokens.Def;
      if (def.tag in this.links) continue;
      this.links[def.tag] = { href: def.href, title: def.title };
      changed = true;
    }
    if (changed) this.linksVersion++;
    return changed;
  }

  /**
   * Re-renders settled blocks that may use a reference defined after them. Rare (a definition
   * arrives), and each block is re-rendered at most once per new definition batch.
   */
  private refreshReferences(): void {
    for (const block of this.referenceBlocks) {
      if (block.version === this.linksVersion) continue;
      block.version = this.linksVersion;
      const v = blockVNodes(lex(block.raw, this.links));
      if (v.length !== 1) continue;
      const fresh = createDom(v[0], this.doc);
      block.node.parentNode?.replaceChild(fresh, block.node);
      block.node = fresh;
      this.highlightIn(fresh);
    }
  }

  private highlightIn(node: Node): void {
    if (!this.highlighter || node.nodeType !== Node.ELEMENT_NODE) return;
    for (const code of (node as Element).querySelectorAll<HTMLElement>(`.${CODE_BLOCK_CLASS} > pre > code`)) {
      this.highlighter.request(code);
    }
  }

  private readonly onClick = (e: MouseEvent): void => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target || !this.container.contains(target)) return;
    const button = target.closest<HTMLButtonElement>('button[data-action]');
    if (button) {
      this.codeAction(button);
      return;
    }
    const link = target.closest('a');
    if (!link) return;
    // The webview must never navigate; the host opens the page outside. VS Code's webview frame
    // also listens for link clicks (on the window, after this) and opens the page at once, without
    // asking and whatever Rill decides: the click stops here.
    e.preventDefault();
    e.stopPropagation();
    const href = safeHttpUrl(link.getAttribute('href') ?? '');
    if (href) this.hooks.onLink(href);
  };

  private readonly onAuxClick = (e: MouseEvent): void => {
    if (e.target instanceof Element && e.target.closest('a')) e.preventDefault();
  };

  private codeAction(button: HTMLButtonElement): void {
    const block = button.closest(`.${CODE_BLOCK_CLASS}`);
    const code = block?.querySelector('pre > code');
    if (!block || !code || !this.container.contains(block)) return;
    const text = code.textContent ?? '';
    const language = block.getAttribute('data-lang') ?? '';
    const index = this.topLevelIndex(block);
    switch (button.getAttribute('data-action') as CodeAction) {
      case 'copy':
        this.hooks.onCopy(text);
        break;
      case 'insert':
        this.hooks.onInsert(text, language, 'cursor', index);
        break;
      case 'apply':
        this.hooks.onInsert(text, language, 'apply', index);
        break;
      case 'new-file':
        this.hooks.onInsert(text, language, 'newFile', index);
        break;
    }
  }

  /** Whether a code block sits in a list item or a quote of this message. */
  private nested(block: Element): boolean {
    const outer = block.parentElement?.closest('li, blockquote');
    return !!outer && this.container.contains(outer);
  }

  /** `block`'s number among this message's top-level code blocks; `undefined` when it is nested. */
  private topLevelIndex(block: Element): number | undefined {
    if (this.nested(block)) return undefined;
    const all = [...this.container.querySelectorAll(`.${CODE_BLOCK_CLASS}`)].filter((b) => !this.nested(b));
    return all.indexOf(block);
  }
}

/**
 * If the open tail is exactly one fenced code block whose opening line is complete and which has
 * no closing fence yet, where it starts (`offset` in the tail, `index` among the tokens).
 */
function openFence(
  text: string,
  tokens: readonly Token[],
): { opener: FenceOpener; offset: number; index: number } | null {
  let index = 0;
  let offset = 0;
  while (index < tokens.length && tokens[index].type === 'space') offset += tokens[index++].raw.length;
  if (index !== tokens.length - 1) return null;
  const t = tokens[index] as Tokens.Code;
  if (t.type !== 'code' || t.codeBlockStyle === 'indented') return null;
  const opener = parseFenceOpener(text.slice(offset));
  if (!opener) return null;
  for (let pos = offset + opener.lineLength; ; ) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return { opener, offset, index };
    if (closesFence(text.slice(pos, nl), opener)) return null;
    pos = nl + 1;
  }
}
