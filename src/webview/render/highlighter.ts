/**
 * Syntax highlighting of finished code blocks with highlight.js, off the streaming path.
 *
 * - Only blocks whose fence has closed (or whose answer has finished) are highlighted, once each.
 * - Grammars are loaded lazily: they ship as one script (`dist/grammars.js`, built from
 *   `languages.json`) fetched the first time a block needs highlighting, with the page's CSP
 *   nonce. The webview bundle carries only the highlight.js core.
 * - The work runs in idle callbacks with a time budget, so it does not delay animation frames.
 */

import type { HLJSApi, LanguageFn } from 'highlight.js';
import hljsCore from 'highlight.js/lib/core';
import { DomEmitter } from './dom-emitter';
import { extraAliases, requiredGrammars } from './languages';

/** Loads a grammar by its name in `languages.json`. */
export interface GrammarLoader {
  load(name: string): Promise<LanguageFn>;
}

/** The name of the event a grammar script dispatches on its own `<script>` element. */
export const GRAMMAR_EVENT = 'rill-grammar';

/**
 * Loads the grammar pack (`grammars.js`, next to the webview bundle) once, as a `<script>` element
 * carrying the bundle's CSP nonce. The pack hands its grammars over by dispatching
 * {@link GRAMMAR_EVENT} on `document.currentScript`, so nothing is put on `window`. `null` when the
 * bundle was not loaded from a URL (then code stays unhighlighted).
 */
export function scriptGrammarLoader(script: HTMLScriptElement | null): GrammarLoader | null {
  if (!script?.src) return null;
  const src = new URL('grammars.js', script.src).href;
  const nonce = script.nonce;
  let pack: Promise<Record<string, LanguageFn>> | undefined;
  const loadPack = () =>
    new Promise<Record<string, LanguageFn>>((resolve, reject) => {
      const el = document.createElement('script');
      if (nonce) el.setAttribute('nonce', nonce);
      el.src = src;
      let grammars: unknown;
      el.addEventListener(GRAMMAR_EVENT, (e) => {
        grammars = (e as CustomEvent).detail;
      });
      el.onload = () => {
        el.remove();
        if (grammars && typeof grammars === 'object') resolve(grammars as Record<string, LanguageFn>);
        else reject(new Error('the grammar pack did not register'));
      };
      el.onerror = () => {
        el.remove();
        pack = undefined; // let a later block try again
        reject(new Error('the grammar pack failed to load'));
      };
      document.head.appendChild(el);
    });
  return {
    async load(name: string): Promise<LanguageFn> {
      pack ??= loadPack();
      const grammar = (await pack)[name];
      if (typeof grammar !== 'function') throw new Error(`no grammar ${name}`);
      return grammar;
    },
  };
}

/** Code longer than this stays plain: one highlight call cannot be split, and must stay short. */
export const MAX_HIGHLIGHT_CHARS = 60_000;

const LANGUAGE_CLASS = /(?:^|\s)language-([a-z0-9]+)(?:\s|$)/;

type IdleDeadlineLike = { timeRemaining(): number };

/** Highlights `code` elements created by the renderer. One instance serves every message in a page. */
export class Highlighter {
  private readonly hljs: HLJSApi;
  private readonly loads = new Map<string, Promise<boolean>>();
  private readonly queue: HTMLElement[] = [];
  private pendingLoads = 0;
  private scheduled = false;
  private waiters: Array<() => void> = [];

  /**
   * @param loader where grammars come from; `null` disables highlighting.
   * @param budgetMs how long one idle slice may keep highlighting before yielding.
   */
  constructor(
    private readonly loader: GrammarLoader | null,
    private readonly budgetMs = 6,
  ) {
    this.hljs = hljsCore.newInstance();
    this.hljs.configure({ __emitter: DomEmitter as never });
  }

  /**
   * Asks for `code` (a `code` element whose class names a shipped grammar) to be highlighted soon.
   * The element's text is never changed, only wrapped in spans; detached elements are skipped.
   */
  request(code: HTMLElement): void {
    const name = LANGUAGE_CLASS.exec(code.className)?.[1];
    if (!name || !this.loader || code.classList.contains('hljs')) return;
    if (this.hljs.getLanguage(name)) {
      this.enqueue(code);
      return;
    }
    this.pendingLoads++;
    void this.ensure(name).then((ok) => {
      this.pendingLoads--;
      if (ok) this.enqueue(code);
      else this.settleWaiters();
    });
  }

  /** Resolves once nothing is queued or loading. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.pendingLoads === 0 && !this.scheduled;
  }

  private ensure(name: string): Promise<boolean> {
    let p = this.loads.get(name);
    if (!p) {
      const loader = this.loader as GrammarLoader;
      const names = [name, ...requiredGrammars(name)];
      p = Promise.all(
        names.map(async (n) => {
          const fn = await loader.load(n);
          if (!this.hljs.getLanguage(n)) this.hljs.registerLanguage(n, fn);
          const extra = extraAliases(n);
          if (extra.length) this.hljs.registerAliases([...extra], { languageName: n });
        }),
      ).then(
        () => true,
        () => {
          // A missing grammar leaves code plain; a later block may try again.
          this.loads.delete(name);
          return false;
        },
      );
      this.loads.set(name, p);
    }
    return p;
  }

  private enqueue(code: HTMLElement): void {
    this.queue.push(code);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = (deadline?: IdleDeadlineLike) => {
      this.scheduled = false;
      this.runSlice(deadline);
      if (this.queue.length) this.schedule();
      else this.settleWaiters();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 100 });
    else setTimeout(run, 0);
  }

  private runSlice(deadline?: IdleDeadlineLike): void {
    const start = performance.now();
    const budget = deadline ? Math.min(this.budgetMs, Math.max(deadline.timeRemaining(), 0)) : this.budgetMs;
    // At least one block per slice, so a stream that never leaves idle time still gets highlighted.
    do {
      const code = this.queue.shift() as HTMLElement;
      this.highlightNow(code);
    } while (this.queue.length && performance.now() - start < budget);
  }

  private highlightNow(code: HTMLElement): void {
    if (!code.isConnected || code.classList.contains('hljs')) return;
    const name = LANGUAGE_CLASS.exec(code.className)?.[1];
    const text = code.textContent ?? '';
    if (!name || text.length > MAX_HIGHLIGHT_CHARS) return;
    const result = this.hljs.highlight(text, { language: name, ignoreIllegals: true });
    const emitter = result._emitter as unknown as DomEmitter;
    // Never lose or alter a character: on any surprise the block stays plain.
    if (result.errorRaised || !(emitter instanceof DomEmitter) || emitter.root.textContent !== text) return;
    code.replaceChildren(emitter.root);
    code.classList.add('hljs');
  }

  private settleWaiters(): void {
    if (!this.isIdle()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

// The bundle's own <script> element is only known while the bundle runs its top level.
const bootScript =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? document.currentScript
    : null;

let shared: Highlighter | undefined;

/** The page-wide highlighter, loading grammars from next to the webview script. */
export function sharedHighlighter(): Highlighter {
  shared ??= new Highlighter(scriptGrammarLoader(bootScript));
  return shared;
}
