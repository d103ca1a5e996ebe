/**
 * Two windows on one folder (two browser tabs: two extension hosts sharing the chat store) chat
 * in the same conversation; after a reload every turn of both is there.
 */
import * as assert from 'node:assert';
import type { Frame } from 'playwright-core';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { ChatDriver, openChatWorkbench, words } from './chatDriver';
import type { Workbench } from './workbench';

describe('e2e: two windows on one folder', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let second: Workbench | undefined;
  let server: MockServer;
  let chat: Frame;
  let d: ChatDriver;

  before(async () => {
    ({ wb, server, chat, d } = await openChatWorkbench());
  });
  after(async () => {
    await second?.close();
    await wb?.close();
    await server?.close();
  });

  const questions = (frame: Frame) => frame.locator('article.turn.user').allTextContents();

  it('both windows chat in the same conversation; after a reload every turn is there', async () => {
    server.enqueue(sseReply(words('Answer one, in window A.')));
    await d.send('First question, from window A');
    await d.waitReply('Answer one, in window A.');

    // The second window restores the same chat (same folder) from the shared store.
    second = await wb.openWindow();
    await second.runCommand('Rill: Focus on Chat View').catch(() => undefined);
    const chatB = await second.frameWith('article.turn.user', 30_000);
    const dB = new ChatDriver(chatB, server);
    dB.skipRequests();
    assert.ok((await questions(chatB)).some((q) => q.includes('First question, from window A')));
    server.enqueue(sseReply(words('Answer two, in window B.')));
    await dB.send('Second question, from window B');
    await dB.waitReply('Answer two, in window B.');

    // Window A, which never saw B's turn, goes on and saves its copy.
    d.skipRequests();
    server.enqueue(sseReply(words('Answer three, in window A.')));
    await d.send('Third question, from window A');
    await d.waitReply('Answer three, in window A.');

    await second.close();
    second = undefined;
    await wb.reload();
    await wb.runCommand('Rill: Focus on Chat View').catch(() => undefined);
    chat = await wb.frameWith('article.turn.user', 30_000);
    await chat.locator('article.turn.assistant', { hasText: 'Answer three, in window A.' }).waitFor();
    const shown = (await chat.locator('article.turn').allTextContents()).join('\n');
    for (const text of [
      'First question, from window A',
      'Answer one, in window A.',
      'Second question, from window B',
      'Answer two, in window B.',
      'Third question, from window A',
      'Answer three, in window A.',
    ])
      assert.ok(shown.includes(text), `"${text}" is shown after the reload:\n${shown}`);
  });
});
