import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChatStore, STALE_TEMP_MS } from '../../../../src/core/chat/chatStore';
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

  it('a failed save removes its temporary file and rethrows', async () => {
    const store = new ChatStore(dir);
    const c = chatWith('answer');
    // A directory where the file should go makes the rename fail.
    fs.mkdirSync(path.join(dir, `${c.id}.json`));
    fs.writeFileSync(path.join(dir, `${c.id}.json`, 'occupied'), 'x');
    for (let i = 0; i < 3; i++) await assert.rejects(store.save(c));
    assert.deepStrictEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('sweeps stale temporary files at start, leaving a write under way alone', async () => {
    fs.writeFileSync(path.join(dir, 'old.json.1.2.0.tmp'), '{');
    const old = (Date.now() - STALE_TEMP_MS - 5000) / 1000;
    fs.utimesSync(path.join(dir, 'old.json.1.2.0.tmp'), old, old);
    fs.writeFileSync(path.join(dir, 'fresh.json.1.3.0.tmp'), '{');
    const store = new ChatStore(dir);
    assert.strictEqual(await store.sweepTemporaryFiles(), 1);
    assert.deepStrictEqual(fs.readdirSync(dir), ['fresh.json.1.3.0.tmp']);
  });

  it('flushes the data to disk before the rename', async () => {
    const store = new ChatStore(dir);
    const order: string[] = [];
    const open = fs.promises.open;
    const rename = fs.promises.rename;
    fs.promises.open = (async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        order.push('sync');
        return sync();
      };
      return handle;
    }) as typeof open;
    fs.promises.rename = (async (...args: Parameters<typeof rename>) => {
      order.push('rename');
      return rename(...args);
    }) as typeof rename;
    try {
      await store.save(chatWith('durable'));
    } finally {
      fs.promises.open = open;
      fs.promises.rename = rename;
    }
    assert.deepStrictEqual(order, ['sync', 'rename']);
  });

  it('two windows writing one chat: every turn of both stays on disk', async () => {
    const first = new ChatStore(dir);
    const c = chatWith('shared answer');
    await first.save(c);
    // Each window's store restores the chat from the file.
    const storeA = new ChatStore(dir);
    const storeB = new ChatStore(dir);
    const a = (await storeA.load(c.id)) as Chat;
    const b = (await storeB.load(c.id)) as Chat;
    for (let i = 0; i < 3; i++) {
      a.turns.push({ id: `ua${i}`, role: 'user', text: `A asks ${i}`, status: 'complete' });
      a.turns.push({ id: `aa${i}`, role: 'assistant', text: `A answer ${i}`, status: 'complete' });
      await storeA.save(a);
      b.turns.push({ id: `ub${i}`, role: 'user', text: `B asks ${i}`, status: 'complete' });
      b.turns.push({ id: `ab${i}`, role: 'assistant', text: `B answer ${i}`, status: 'complete' });
      await storeB.save(b);
    }
    const onDisk = (await new ChatStore(dir).load(c.id)) as Chat;
    const ids = new Set(onDisk.turns.map((t) => t.id));
    for (const id of ['u1', 'a1', 'ua0', 'aa0', 'ua2', 'aa2', 'ub0', 'ab0', 'ub2', 'ab2']) assert.ok(ids.has(id), id);
    assert.strictEqual(onDisk.turns.length, 14);
    // The window that saved last shows the other's turns too.
    assert.strictEqual(b.turns.length, 14);
  });

  it('a turn this window removed (an edited question) is not brought back by its own later saves', async () => {
    const store = new ChatStore(dir);
    const c = chatWith('first answer');
    c.turns.push({ id: 'u2', role: 'user', text: 'second', status: 'complete' });
    await store.save(c);
    c.turns.splice(2);
    await store.save(c);
    // Another window touches the file without knowing of the removal.
    const other = new ChatStore(dir);
    const theirs = (await other.load(c.id)) as Chat;
    theirs.title = 'Renamed';
    await other.save(theirs);
    c.turns.push({ id: 'u3', role: 'user', text: 'edited', status: 'complete' });
    await store.save(c);
    const back = (await new ChatStore(dir).load(c.id)) as Chat;
    assert.deepStrictEqual(
      back.turns.map((t) => t.id),
      ['u1', 'a1', 'u3'],
    );
  });

  it('the copy of a turn that got further wins; a reply still streaming elsewhere shows as interrupted here', async () => {
    const c = chatWith('par', 'streaming');
    const writer = new ChatStore(dir);
    await writer.save(c);
    const reader = new ChatStore(dir);
    const seen = (await reader.load(c.id)) as Chat;
    c.turns[1].text = 'partial answer, now longer';
    await writer.save(c);
    seen.turns.push({ id: 'u2', role: 'user', text: 'next', status: 'complete' });
    await reader.save(seen);
    assert.strictEqual(seen.turns[1].text, 'partial answer, now longer');
    assert.strictEqual(seen.turns[1].status, 'interrupted');
    c.turns[1].text = 'partial answer, now longer and finished';
    c.turns[1].status = 'complete';
    await writer.save(c);
    const back = (await new ChatStore(dir).load(c.id)) as Chat;
    assert.strictEqual(back.turns[1].text, 'partial answer, now longer and finished');
    assert.strictEqual(back.turns[1].status, 'complete');
    assert.deepStrictEqual(
      back.turns.map((t) => t.id),
      ['u1', 'a1', 'u2'],
    );
  });

  it('writes what JSON.stringify would, also after a settled turn changes', async () => {
    const store = new ChatStore(dir);
    const c = chatWith('answer');
    for (let i = 0; i < 50; i++)
      c.turns.push({ id: `t${i}`, role: 'user', text: `q ${i} "quoted" \u2028`, status: 'complete' });
    await store.save(c);
    c.turns[1].status = 'error';
    c.turns[1].error = { kind: 'api', message: 'boom' };
    await store.save(c);
    const raw = fs.readFileSync(path.join(dir, `${c.id}.json`), 'utf8');
    assert.deepStrictEqual(JSON.parse(raw), { version: 1, chat: c });
    assert.strictEqual(raw, JSON.stringify({ version: 1, chat: c }));
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
