/**
 * The chat webview's delta path in real Chromium: text shows in the frame it arrives, at most one
 * `drawn` report per frame, gaps ask for a snapshot, and the renderer's text is the turn's text.
 */
import * as assert from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/browser';
import { openWebviewPage } from '../../helpers/webviewPage';

const strings = { send: 'Send', stop: 'Stop', copy: 'Copy', copyMessage: 'Copy message' };

describe('chat webview: deltas', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  beforeEach(async () => {
    await page?.close();
    page = await openWebviewPage(browser);
    await page.evaluate((s) => {
      const chat = {
        id: 'c1',
        title: 't',
        createdAt: 0,
        updatedAt: 0,
        turns: [
          { id: 'u1', role: 'user', text: 'hi', status: 'complete' },
          { id: 'a1', role: 'assistant', text: 'Hello', status: 'streaming' },
        ],
      };
      window.postMessage({ type: 'snapshot', chat, status: { busy: false, model: 'm' }, strings: s, seqs: { a1: 0 } });
    }, strings);
    await page.locator('article.turn.assistant').waitFor();
    // Let any frame the snapshot asked for pass, so each test starts in a frame with no render.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  });

  it('renders deltas at once while the frame has render time left, the rest before that frame is drawn, and reports the frame once', async () => {
    const r = await page.evaluate(async () => {
      const w = window as unknown as { __posted: { type: string }[] };
      const body = () => document.querySelector('article.turn.assistant .body')?.textContent ?? '';
      const deliver = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
      // A first delta and two frames to warm the renderer up: a cold page's first render alone can
      // take the whole budget, which is what the budget is for, but not what is tested here.
      deliver({ type: 'delta', turnId: 'a1', seq: 1, text: ' one' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      w.__posted.length = 0;
      deliver({ type: 'delta', turnId: 'a1', seq: 2, text: ' two' });
      const afterFirst = body();
      deliver({ type: 'delta', turnId: 'a1', seq: 3, text: ' three' });
      const afterSecond = body();
      // Keep delivering in this same frame until one delta is not in the DOM at once: the frame's
      // render budget is spent (each render costs something, so this ends).
      let seq = 3;
      let sent = body();
      let deferredAt = 0;
      while (seq < 20000) {
        seq++;
        deliver({ type: 'delta', turnId: 'a1', seq, text: ' w' });
        sent += ' w';
        if (body() !== sent) {
          deferredAt = seq;
          break;
        }
      }
      const postedBeforeFrame = w.__posted.length;
      // Callbacks run in the order they were asked for: the webview's own frame callback first.
      const inFrame = await new Promise<boolean>((r) => requestAnimationFrame(() => r(body() === sent)));
      const postedAfterFrame = [...w.__posted];
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return {
        afterFirst,
        afterSecond,
        deferredAt,
        seq,
        postedBeforeFrame,
        inFrame,
        postedAfterFrame,
        postedLater: [...w.__posted],
      };
    });
    assert.strictEqual(r.afterFirst, 'Hello one two', 'the first delta of a frame is in the DOM at once');
    assert.strictEqual(r.afterSecond, 'Hello one two three', 'a second small delta of the same frame too');
    assert.ok(r.deferredAt > 3, 'once the frame spent its render budget, a delta waits for the frame callback');
    assert.strictEqual(r.inFrame, true, 'and is in the DOM before that frame is drawn');
    assert.strictEqual(r.postedBeforeFrame, 0, 'nothing reported before the frame');
    assert.deepStrictEqual(
      r.postedAfterFrame,
      [{ type: 'drawn', turnId: 'a1', seq: r.seq }],
      'one report for the frame',
    );
    assert.deepStrictEqual(r.postedLater, r.postedAfterFrame, 'frames without deltas report nothing');
  });

  it('asks for a snapshot on a gap and reports no frame for it', async () => {
    const posted = await page.evaluate(async () => {
      const w = window as unknown as { __posted: { type: string }[] };
      const deliver = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
      w.__posted.length = 0;
      deliver({ type: 'delta', turnId: 'a1', seq: 2, text: ' skipped one' });
      deliver({ type: 'delta', turnId: 'nope', seq: 1, text: 'x' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return [...w.__posted];
    });
    assert.deepStrictEqual(posted, [{ type: 'resync' }, { type: 'resync' }]);
    assert.strictEqual(await page.locator('article.turn.assistant .body').textContent(), 'Hello');
  });

  it('a finished turn that streams again (Continue) takes the next seq, with no snapshot in between', async () => {
    const posted = await page.evaluate(async () => {
      const w = window as unknown as { __posted: { type: string }[] };
      const deliver = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
      w.__posted.length = 0;
      deliver({ type: 'delta', turnId: 'a1', seq: 1, text: ' one' });
      deliver({ type: 'turnUpdated', turn: { id: 'a1', role: 'assistant', status: 'interrupted' } });
      deliver({ type: 'turnUpdated', turn: { id: 'a1', role: 'assistant', status: 'streaming' } });
      deliver({ type: 'delta', turnId: 'a1', seq: 2, text: ' more' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return [...w.__posted];
    });
    assert.deepStrictEqual(
      posted.filter((m) => m.type === 'resync'),
      [],
    );
    assert.strictEqual(await page.locator('article.turn.assistant .body').textContent(), 'Hello one more');
  });

  it('keeps the streamed text (and reasoning) in the view: Copy after the end copies all of it', async () => {
    await page.evaluate(() => {
      const deliver = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
      deliver({ type: 'delta', turnId: 'a1', seq: 1, text: ' one', reasoning: 'because' });
      deliver({ type: 'delta', turnId: 'a1', seq: 2, text: ' two' });
      deliver({ type: 'turnUpdated', turn: { id: 'a1', role: 'assistant', status: 'complete' } });
    });
    await page.locator('article.turn.assistant .actions button[aria-label="Copy message"]').click();
    const posted = (await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)) as {
      type: string;
      text?: string;
    }[];
    assert.deepStrictEqual(
      posted.filter((m) => m.type === 'copy'),
      [{ type: 'copy', text: 'Hello one two' }],
    );
    assert.strictEqual(await page.locator('article.turn.assistant .thinking-text').textContent(), 'because');
    assert.strictEqual(await page.locator('article.turn.assistant .thinking').isHidden(), false);
  });
});
