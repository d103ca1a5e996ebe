import * as assert from 'node:assert';
import { chatToMarkdown, createChat, deriveTitle } from '../../../../src/core/chat/transcript';

describe('transcript', () => {
  it('derives a short title from the first question', () => {
    const c = createChat(0);
    assert.strictEqual(deriveTitle(c), 'New chat');
    c.turns.push({ id: '1', role: 'user', text: '  How do I\n read a file?', status: 'complete' });
    assert.strictEqual(deriveTitle(c), 'How do I');
    c.turns[0].text = 'x'.repeat(100);
    assert.strictEqual(deriveTitle(c).length, 58);
    c.title = 'Mine';
    assert.strictEqual(deriveTitle(c), 'Mine');
  });

  it('exports Markdown without reasoning, marking interrupted answers', () => {
    const c = createChat(0);
    c.turns.push({ id: '1', role: 'user', text: 'Q', status: 'complete' });
    c.turns.push({
      id: '2',
      role: 'assistant',
      text: 'A',
      reasoning: 'secret thoughts',
      status: 'interrupted',
      model: 'm',
    });
    const md = chatToMarkdown(c);
    assert.ok(md.includes('## You\n\nQ'));
    assert.ok(md.includes('## Assistant (m)\n\nA'));
    assert.ok(md.includes('_(interrupted)_'));
    assert.ok(!md.includes('secret thoughts'));
  });
});
