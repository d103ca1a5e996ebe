/**
 * Browser entry for renderer tests and benchmarks: bundled with esbuild and loaded into a page,
 * it exposes the real renderer, plus a small harness that drives it, on `window.rill`.
 */
import {
  Highlighter,
  type MarkdownHooks,
  StreamingMarkdown,
  scriptGrammarLoader,
  sharedHighlighter,
} from '../../src/webview/render';
import { seededRandom } from './markdown-corpus';
import { benchHarness } from './render-bench-harness';

/** A hook call recorded by {@link mount}. */
export type HookCall =
  | ['copy', string]
  | ['insert', string, string, Parameters<MarkdownHooks['onInsert']>[2]]
  | ['link', string];

/** A mounted renderer with the hook calls it made. */
export interface Mounted {
  el: HTMLElement;
  md: StreamingMarkdown;
  calls: HookCall[];
  /** The block number each Insert button reported, in order (`null`: a nested block, none). */
  blocks: (number | null)[];
}

/**
 * Creates a container under `#root` and a renderer recording its hook calls. `highlight`: use the
 * page-wide highlighter (`true`), none (`false`), or the one given.
 */
function mount(highlight: boolean | Highlighter = true): Mounted {
  const el = document.createElement('div');
  (document.getElementById('root') ?? document.body).appendChild(el);
  const calls: HookCall[] = [];
  const blocks: (number | null)[] = [];
  const hooks: MarkdownHooks = {
    onCopy: (code) => calls.push(['copy', code]),
    onInsert: (code, language, where, block) => {
      calls.push(['insert', code, language, where]);
      blocks.push(block ?? null);
    },
    onLink: (href) => calls.push(['link', href]),
  };
  const highlighter = highlight === true ? undefined : highlight === false ? null : highlight;
  return { el, md: new StreamingMarkdown(el, hooks, { highlighter }), calls, blocks };
}

/** The result of one rendering run. */
export interface Rendered {
  /** The container's HTML. */
  html: string;
  /** The blocks' HTML without the grouping elements around them. */
  blocks: string;
  /** `StreamingMarkdown.text` at the end. */
  text: string;
  flushes: number;
}

async function done(m: Mounted, flushes: number): Promise<Rendered> {
  m.md.finish();
  await m.md.whenHighlighted();
  const blocks = Array.from(m.el.children, (group) => group.innerHTML).join('');
  const out = { html: m.el.innerHTML, blocks, text: m.md.text, flushes };
  m.md.dispose();
  m.el.remove();
  return out;
}

/** Renders `text` in one `setText`. */
async function renderWhole(text: string, highlight = true): Promise<Rendered> {
  const m = mount(highlight);
  m.md.setText(text);
  return done(m, 1);
}

/** Appends `text` in pieces of the given sizes, flushing after each. */
async function renderPieces(text: string, sizes: number[], highlight = true): Promise<Rendered> {
  const m = mount(highlight);
  let at = 0;
  let flushes = 0;
  for (const n of sizes) {
    m.md.append(text.slice(at, at + n));
    at += n;
    m.md.flush();
    flushes++;
  }
  if (at < text.length) m.md.append(text.slice(at));
  return done(m, flushes);
}

/** Appends `text` one character at a time, flushing after each. */
function renderByChar(text: string, highlight = true): Promise<Rendered> {
  return renderPieces(
    text,
    Array.from({ length: text.length }, () => 1),
    highlight,
  );
}

/**
 * Appends `text` at random split points (1–60 characters) and flushes only sometimes, so several
 * appends may land in one frame. Deterministic for a seed.
 */
async function renderRandom(text: string, seed: number, highlight = true): Promise<Rendered> {
  const rand = seededRandom(seed);
  const m = mount(highlight);
  let flushes = 0;
  for (let at = 0; at < text.length; ) {
    const n = 1 + Math.floor(rand() * rand() * 60);
    m.md.append(text.slice(at, at + n));
    at += n;
    if (rand() < 0.7) {
      m.md.flush();
      flushes++;
    }
  }
  return done(m, flushes);
}

const api = {
  StreamingMarkdown,
  Highlighter,
  scriptGrammarLoader,
  sharedHighlighter,
  mount,
  renderWhole,
  renderPieces,
  renderByChar,
  renderRandom,
  bench: benchHarness,
};

/** What `window.rill` holds in the test page. */
export type RenderApi = typeof api;

declare global {
  interface Window {
    /** The renderer and its test harness (test page only). */
    rill: RenderApi;
  }
}

window.rill = api;
