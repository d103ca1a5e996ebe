import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChatStore } from '../../../../src/core/chat/chatStore';
import { type Chat, createChat } from '../../../../src/core/chat/transcript';

function chatWith(text: string, status: 'complete' | 'streaming' = 'complete'): Chat {
  const c = createChat(Date.now());
  c.turns.push({ id: 'u1', role: 'user', text: 'question', status: 'complete' });
  c.turns.push({ id: 'a1', role: 'assistant', text, status });
  return c;
}

describe('ChatStore', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-store-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves and loads a chat, leaving no temporary files', async () => {
    const store = new ChatStore(dir);
    const c = chatWith('answer');
    await store.save(c);
    assert.deepStrictEqual(await store.load(c.id), c);
    assert.deepStrictEqual(fs.readdirSync(dir), [`${c.id}.json`]);
  });

  it('marks a reply saved mid-stream as interrupted, keeping its text', async () => {
    const store = new ChatStore(dir);
    const c = chatWith('partial ans', 'streaming');
    await store.save(c);
    const back = await store.load(c.id);
    assert.strictEqual(back?.turns[1].status, 'interrupted');
    assert.strictEqual(back?.turns[1].text, 'partial ans');
  });

  it('keeps a corrupt file aside and reports it instead of dropping it', async () => {
    const store = new ChatStore(dir);
    const good = chatWith('fine');
    await store.save(good);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"version":1,"chat":{"id":');
    const list = await store.list();
    assert.deepStrictEqual(
      list.map((s) => s.id),
      [good.id],
    );
    assert.strictEqual(store.corrupt.length, 1);
    assert.strictEqual(store.corrupt[0].file, 'broken.json');
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith('broken.json.corrupt-'));
    assert.strictEqual(kept.length, 1);
    assert.strictEqual(fs.readFileSync(path.join(dir, kept[0]), 'utf8'), '{"version":1,"chat":{"id":');
  });

  it('lists newest first and deletes', async () => {
    const store = new ChatStore(dir);
    const a = chatWith('a');
    a.updatedAt = 1000;
    const b = chatWith('b');
    b.updatedAt = 2000;
    await store.save(a);
    await store.save(b);
    assert.deepStrictEqual(
      (await store.list()).map((s) => s.id),
      [b.id, a.id],
    );
    await store.delete(b.id);
    assert.deepStrictEqual(
      (await store.list()).map((s) => s.id),
      [a.id],
    );
  });

  it('refuses ids that could escape the folder', async () => {
    const store = new ChatStore(dir);
    await assert.rejects(store.load('../etc/passwd'));
  });
  it('keeps how each answer was asked, and drops malformed request settings without losing the chat', async () => {
    const store = new ChatStore(dir);
    const c = chatWith('fixed');
    c.turns[1]!.request = { task: 'fix', systemPrompt: 'one block', context: { files: ['a.js'] } };
    await store.save(c);
    assert.deepStrictEqual((await store.load(c.id))?.turns[1]?.request, c.turns[1]!.request);
    const bad = chatWith('answer');
    (bad.turns[1] as unknown as { request: unknown }).request = { task: 'rm -rf', systemPrompt: 5 };
    await store.save(bad);
    const back = await store.load(bad.id);
    assert.strictEqual(back?.turns[1]?.text, 'answer');
    assert.strictEqual(back?.turns[1]?.request, undefined);
    assert.deepStrictEqual(store.corrupt, []);
  });
});
