/**
 * Tool steps in the chat webview, in real Chromium: each step stands in the answer where it was
 * called, between the text before and after it; it says when it runs; it expands by keyboard to its
 * result, shown as text (never markup); a link asks the host to open its file; the tools switch; a
 * command waiting for the user shows the exact command (as text) and folder with Run and Skip.
 */
import * as assert from 'node:assert';
import { useWebviewPage } from '../../helpers/webviewPage';

const strings = {
  send: 'Send',
  stop: 'Stop',
  toolStepShow: 'Show or hide the result',
  toolStepRunning: 'Running…',
  toolsSwitch: 'Tools',
  toolsOnTitle: 'Tools on',
  toolsOffTitle: 'Tools off',
  openAttachment: 'Open {0}',
  commandAsk: 'The model asks to run a command',
  commandRun: 'Run',
  commandSkip: 'Skip',
  commandInFolder: 'in the folder {0}',
  commandInRoot: 'in the workspace folder',
};

const searchStep = {
  id: 'call_1',
  name: 'search_text',
  arguments: '{"query":"retryDelay"}',
  at: 17,
  status: 'running',
  title: 'Searching `retryDelay`…',
};
const configured = { model: 'm', welcome: { configured: true, provider: 'p', model: 'm', examples: [] } };
const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b> **not markdown**';

describe('chat webview: tool steps', function () {
  this.timeout(60_000);
  // One page for the suite: each test starts from a snapshot, which replaces everything shown.
  const thePage = useWebviewPage();
  let page: ReturnType<typeof thePage>;

  const deliver = (data: unknown) =>
    page.evaluate((d) => window.dispatchEvent(new MessageEvent('message', { data: d })), data);
  const posted = () => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
  const bodyParts = () =>
    page.$$eval('article.turn.assistant .body > *', (els) =>
      els.map((e) =>
        e.classList.contains('tool-step') ? `[${e.querySelector('.tool-step-label')?.textContent}]` : e.textContent,
      ),
    );

  beforeEach(async () => {
    page = thePage();
    const turns = [
      { id: 'u1', role: 'user', text: 'where?', status: 'complete' },
      { id: 'a1', role: 'assistant', text: 'Let me look it up', status: 'streaming' },
    ];
    await deliver({
      type: 'snapshot',
      chat: { id: 'c1', title: 't', createdAt: 0, updatedAt: 0, turns },
      status: { ...configured, tools: { on: true } },
      strings,
      seqs: { a1: 0 },
    });
    await page.locator('article.turn.assistant').waitFor();
  });

  it('puts a running step after the text so far, says it runs, then shows its result line; later text goes after it', async () => {
    await deliver({
      type: 'turnUpdated',
      turn: { id: 'a1', role: 'assistant', status: 'streaming', steps: [searchStep] },
    });
    const step = page.locator('.tool-step');
    assert.strictEqual(await step.getAttribute('data-status'), 'running');
    assert.strictEqual(await step.getAttribute('aria-busy'), 'true');
    assert.strictEqual(await step.locator('.tool-step-label').textContent(), 'Searching `retryDelay`…');
    const done = {
      ...searchStep,
      status: 'done',
      title: 'Searched `retryDelay`: 2 results in 1 file',
      result: `src/retry.ts:12: ${hostile}`,
      locations: [{ path: 'src/retry.ts', line: 12 }],
    };
    await deliver({ type: 'turnUpdated', turn: { id: 'a1', role: 'assistant', status: 'streaming', steps: [done] } });
    await deliver({ type: 'delta', turnId: 'a1', seq: 1, text: 'It is in retry.ts.' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
    assert.deepStrictEqual(await bodyParts(), [
      'Let me look it up',
      '[Searched `retryDelay`: 2 results in 1 file]',
      'It is in retry.ts.',
    ]);
    assert.strictEqual(await step.getAttribute('data-status'), 'done');
  });

  it('expands by keyboard (aria-expanded), shows the result as text, and a link posts openStepLink', async () => {
    const done = {
      ...searchStep,
      status: 'done',
      title: 'Searched `retryDelay`: 1 result in 1 file',
      result: hostile,
      locations: [{ path: 'src/retry.ts', line: 12 }],
    };
    await deliver({ type: 'turnUpdated', turn: { id: 'a1', role: 'assistant', status: 'complete', steps: [done] } });
    const head = page.locator('.tool-step-head');
    assert.strictEqual(await head.getAttribute('aria-expanded'), 'false');
    assert.ok(await page.locator('.tool-step-detail').isHidden());
    await head.focus();
    await page.keyboard.press('Enter');
    assert.strictEqual(await head.getAttribute('aria-expanded'), 'true');
    const result = page.locator('.tool-step-result');
    assert.strictEqual(await result.textContent(), hostile);
    assert.strictEqual(await page.locator('.tool-step-detail img, .tool-step-detail b').count(), 0, 'no markup');
    assert.strictEqual(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.evaluate(() => {
      (window as unknown as { __posted: unknown[] }).__posted.length = 0;
    });
    await page.getByRole('button', { name: 'src/retry.ts:12' }).press('Enter');
    assert.deepStrictEqual(await posted(), [{ type: 'openStepLink', turnId: 'a1', stepId: 'call_1', index: 0 }]);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    assert.strictEqual(await head.getAttribute('aria-expanded'), 'false');
  });

  it('lays a restored answer out with each step at its place, a refused step marked', async () => {
    const steps = [
      { ...searchStep, status: 'refused', at: 5, title: 'Refused .env: secret file', result: 'refused: secret file' },
      { ...searchStep, id: 'call_2', status: 'done', at: 10, title: 'Read src/a.ts' },
    ];
    await deliver({
      type: 'turnUpdated',
      turn: { id: 'a1', role: 'assistant', status: 'interrupted', text: 'AAAAABBBBBCCCCC', steps },
    });
    assert.deepStrictEqual(await bodyParts(), [
      'AAAAA',
      '[Refused .env: secret file]',
      'BBBBB',
      '[Read src/a.ts]',
      'CCCCC',
    ]);
    const states = await page.$$eval('.tool-step', (els) => els.map((e) => e.getAttribute('data-status')));
    assert.deepStrictEqual(states, ['refused', 'done']);
  });

  it('the tools switch shows this chat state and posts setTools', async () => {
    const sw = page.locator('button.tools-switch');
    assert.strictEqual(await sw.getAttribute('aria-pressed'), 'true');
    assert.strictEqual(await sw.getAttribute('title'), 'Tools on');
    await page.evaluate(() => {
      (window as unknown as { __posted: unknown[] }).__posted.length = 0;
    });
    await sw.click();
    assert.deepStrictEqual(await posted(), [{ type: 'setTools', on: false }]);
    await deliver({
      type: 'status',
      status: {
        model: 'm',
        welcome: { configured: true, provider: 'p', model: 'm', examples: [] },
        tools: { on: false },
      },
    });
    assert.strictEqual(await sw.getAttribute('aria-pressed'), 'false');
    await deliver({
      type: 'status',
      status: { model: 'm', welcome: { configured: true, provider: 'p', model: 'm', examples: [] } },
    });
    assert.ok(await sw.isHidden(), 'no switch when rill.tools is off');
  });

  it('a command step that waits shows the exact command as text and its folder; Run and Skip post commandDecision', async () => {
    const command = 'echo <b>hi</b> && npm test';
    const waiting = {
      id: 'call_9',
      name: 'run_command',
      arguments: JSON.stringify({ command, cwd: 'src' }),
      at: 17,
      status: 'waiting',
      title: 'Run `echo <b>hi</b> && npm test` in src?',
      command: { line: command, cwd: 'src' },
    };
    await deliver({
      type: 'turnUpdated',
      turn: { id: 'a1', role: 'assistant', status: 'streaming', steps: [waiting] },
    });
    const group = page.getByRole('group', { name: 'The model asks to run a command' });
    assert.strictEqual(await group.locator('.tool-step-command').textContent(), command);
    assert.strictEqual(await group.locator('b').count(), 0, 'no markup');
    assert.strictEqual(await group.locator('.tool-step-folder').textContent(), 'in the folder src');
    await page.evaluate(() => {
      (window as unknown as { __posted: unknown[] }).__posted.length = 0;
    });
    await group.getByRole('button', { name: 'Run' }).press('Enter');
    assert.deepStrictEqual(await posted(), [{ type: 'commandDecision', turnId: 'a1', stepId: 'call_9', run: true }]);
    assert.ok(await group.getByRole('button', { name: 'Skip' }).isDisabled(), 'one decision per step');
    // The host's next state: running, then done; the buttons go.
    const running = { ...waiting, status: 'running', title: 'Running `echo <b>hi</b> && npm test` in src' };
    await deliver({
      type: 'turnUpdated',
      turn: { id: 'a1', role: 'assistant', status: 'streaming', steps: [running] },
    });
    assert.strictEqual(await page.locator('.tool-step-approval').count(), 0);
    // Another waiting step: Skip posts run false.
    const second = { ...waiting, id: 'call_10', command: { line: 'ls', cwd: '.' } };
    await deliver({
      type: 'turnUpdated',
      turn: { id: 'a1', role: 'assistant', status: 'streaming', steps: [running, second] },
    });
    assert.strictEqual(await page.locator('.tool-step-folder').textContent(), 'in the workspace folder');
    await page.getByRole('button', { name: 'Skip' }).click();
    assert.deepStrictEqual((await posted()).at(-1), {
      type: 'commandDecision',
      turnId: 'a1',
      stepId: 'call_10',
      run: false,
    });
  });
});
