/** The chat webview with a long conversation, in real Chromium: old answers render when seen. */
import * as assert from 'node:assert';
import { longChat } from '../../bench/openChat';
import { useWebviewPage } from '../../helpers/webviewPage';

describe('chat webview: a long conversation', function () {
  this.timeout(60_000);
  const page = useWebviewPage();

  it('shows every message at once and renders old answers as Markdown when they scroll into view', async () => {
    const chat = longChat(200);
    await page().evaluate(
      (c) => window.postMessage({ type: 'snapshot', chat: c, status: { model: 'm' }, strings: {}, seqs: {} }, '*'),
      chat,
    );
    await page().locator('article.turn').nth(199).waitFor();
    assert.strictEqual(await page().locator('article.turn').count(), 200);
    const first = page().locator('article.turn.assistant').first().locator('.body');
    assert.strictEqual(
      await first.evaluate((b) => b.classList.contains('pending-render')),
      true,
      'far from view: plain text for now',
    );
    assert.match((await first.textContent()) ?? '', /Answer 1\. Use a stream/);
    assert.ok(
      await page().locator('article.turn.assistant').last().locator('.body pre code').count(),
      'the newest answers are Markdown at once',
    );
    await page()
      .locator('.transcript')
      .evaluate((el) => (el.scrollTop = 0));
    await first.locator('pre code').waitFor({ timeout: 10_000 });
    assert.strictEqual(await first.evaluate((b) => b.classList.contains('pending-render')), false);
  });
});
