import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { MockServer, sseReply } from '../helpers/mockServer';
import { ChatDriver, openWorkspaceFile, words } from './chatDriver';
import { openWorkbench, type Workbench } from './workbench';

const PRICES = [
  'export function total(items) {',
  '  let sum = 0;',
  '  for (const item of items) sum = item.price;',
  '  return sum;',
  '}',
  '',
].join('\n');
const HELPER = ['export function withTax(sum) {', '  return sum * 1.2;', '}', ''].join('\n');

describe('e2e: editor context and a chat that outgrows the window', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let server: MockServer;
  let chat: Frame;
  let d: ChatDriver;
  const lastQuestion = () => chat.locator('article.turn.user').last();
  const lastRequest = () => server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;

  before(async () => {
    server = await MockServer.start();
    wb = await openWorkbench({
      settings: {
        'rill.baseUrl': server.baseUrl,
        'rill.model': 'rill-test-model',
        'workbench.editor.enablePreview': false,
      },
    });
    fs.writeFileSync(path.join(wb.server.workspace, 'tax.js'), HELPER);
    await openWorkspaceFile(wb, 'prices.js', PRICES, 'return sum');
    await wb.runCommand('Rill: New Chat');
    chat = await wb.frameWith('textarea[aria-label=Message]');
    d = new ChatDriver(chat, server);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('asks about the open file without pasting it: the chip goes with the question and the answer uses the file', async () => {
    await chat.locator('.context-bar .chip', { hasText: 'prices.js' }).waitFor({ timeout: 20_000 });
    server.enqueue(sseReply(words('In `total`, `sum = item.price` overwrites the sum: use `sum += item.price`.')));
    await d.send('Why is the total wrong?');
    await d.waitReply('overwrites the sum');
    const sent = lastRequest().body.messages.at(-1).content as string;
    assert.ok(sent.startsWith('Why is the total wrong?\n\nFile: prices.js (javascript)\n```javascript\n'), sent);
    assert.ok(sent.includes('sum = item.price'), 'the file went to the model');
    assert.strictEqual((await lastQuestion().locator('.body').innerText()).trim(), 'Why is the total wrong?');
    assert.strictEqual((await lastQuestion().locator('.chips.sent .chip').innerText()).trim(), 'prices.js');
  });

  it('adds a second file with a # mention, from the keyboard only', async () => {
    const box = chat.locator('textarea[aria-label=Message]');
    await box.fill('Does it match ');
    await box.press('End');
    await box.press('#');
    const picker = wb.page.locator('.quick-input-widget');
    await picker.locator('input').waitFor();
    await wb.page.keyboard.type('tax.js');
    await picker.locator('.monaco-list-row', { hasText: 'tax.js' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    await chat.locator('.context-bar .chip', { hasText: 'tax.js' }).waitFor();
    assert.strictEqual(await box.inputValue(), 'Does it match ', 'the # gave way to the chip');
    await box.focus();
    await box.press('End');
    await box.type('the tax helper?');
    await box.press('Enter');
    await d.waitReply(/\S/);
    const sent = lastRequest().body.messages.at(-1).content as string;
    assert.match(sent, /File: prices\.js \(javascript\)/);
    assert.match(sent, /File: tax\.js \(javascript\)\n```javascript\nexport function withTax/);
    const chips = await lastQuestion().locator('.chips.sent .chip').allInnerTexts();
    assert.deepStrictEqual(chips.map((c) => c.trim()).sort(), ['prices.js', 'tax.js']);
  });

  it('a 50-turn chat with a small window keeps working and shows the meter and the marker', async () => {
    server.window = { tokens: 1500, shape: 'llamacpp' };
    for (let i = 0; i < 50; i++) {
      await d.send(`Turn ${i}: ${'tell me more about how the totals are computed and rounded. '.repeat(4)}`);
      await d.waitReply(/\S/);
      assert.strictEqual(await d.lastAnswer().locator('.error-text').count(), 0, `turn ${i} answered`);
    }
    const meter = (await chat.locator('.context-bar .meter').innerText()).trim();
    assert.match(meter, /^\d+ \/ 1500 tokens/);
    const marker = chat.locator('.cut-marker');
    assert.match(await marker.innerText(), /\d+ earlier messages not sent/);
    assert.ok(
      server.requests.some((r) => r.overflow === 'refused'),
      'the server refused once',
    );
    assert.ok(
      server.requests
        .filter((r) => r.path.endsWith('/chat/completions'))
        .slice(-5)
        .every((r) => r.overflow === undefined),
      'then every request fitted',
    );
    await marker.scrollIntoViewIfNeeded();
    await wb.screenshot('context-chips-meter', { x: 0, y: 0, width: 700, height: 900 });
  });
});
