/**
 * What the chat store promises about a save, tested as promises rather than as call orders: the
 * live file is never the one being written (a stand-in for `fs.promises` records every path), a
 * write that fails after its file was opened leaves the old chat intact and readable, and two
 * windows saving one chat at the same instant lose nothing (run many times).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type ChatFs, ChatStore } from '../../../../src/core/chat/chatStore';
import { type Chat, createChat } from '../../../../src/core/chat/transcript';

function chatWith(text: string): Chat {
  const c = createChat(Date.now());
  c.turns.push({ id: 'u1', role: 'user', text: 'question', status: 'complete' });
  c.turns.push({ id: 'a1', role: 'assistant', text, status: 'complete' });
  return c;
}

/** One file operation as the store asked for it. */
interface Op {
  op: 'open' | 'rename' | 'write';
  path: string;
  to?: string;
  flags?: string;
}

/**
 * `fs.promises` recording each open (with its flags), each write through a handle and each rename.
 * `onWrite` runs before a handle's write: it can look at the disk then, or throw to fail the write.
 */
function recordingFs(onWrite: (file: string) => void = () => {}): { fsApi: ChatFs; ops: Op[] } {
  const ops: Op[] = [];
  const real = fs.promises;
  const fsApi: ChatFs = {
    ...real,
    open: (async (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) => {
      ops.push({ op: 'open', path: String(file), flags: String(flags) });
      const handle = await real.open(file, flags, mode);
      const writeFile = handle.writeFile.bind(handle);
      handle.writeFile = (async (...args: Parameters<typeof writeFile>) => {
        ops.push({ op: 'write', path: String(file) });
        onWrite(String(file));
        return writeFile(...args);
      }) as typeof writeFile;
      return handle;
    }) as typeof real.open,
    rename: (async (from: fs.PathLike, to: fs.PathLike) => {
      ops.push({ op: 'rename', path: String(from), to: String(to) });
      return real.rename(from, to);
    }) as typeof real.rename,
  };
  return { fsApi, ops };
}

describe('ChatStore: atomic saves and two windows', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the live file is never the one being written: a new file is written, then renamed onto it', async () => {
    const c = chatWith('old answer');
    await new ChatStore(dir).save(c);
    const live = path.join(dir, `${c.id}.json`);
    const oldText = fs.readFileSync(live, 'utf8');
    const seenWhileWriting: string[] = [];
    const { fsApi, ops } = recordingFs(() => seenWhileWriting.push(fs.readFileSync(live, 'utf8')));
    const store = new ChatStore(dir, fsApi);
    await store.load(c.id);
    c.turns[1].text = 'new answer';
    await store.save(c);

    const writes = ops.filter((o) => o.op === 'write');
    assert.ok(writes.length > 0, 'the save wrote something');
    for (const o of ops.filter((x) => x.op === 'open' && x.flags !== 'wx')) {
      assert.notStrictEqual(o.path, live, `promise broken: the live chat file was opened for writing (${o.flags})`);
    }
    for (const w of writes)
      assert.notStrictEqual(w.path, live, 'promise broken: the save wrote into the live chat file in place');
    assert.deepStrictEqual(
      seenWhileWriting,
      [oldText],
      'promise broken: while the new text was written, the live file did not hold the old chat whole',
    );
    const renames = ops.filter((o) => o.op === 'rename' && o.to === live);
    assert.strictEqual(renames.length, 1, 'promise broken: the live file must be produced by one rename');
    assert.notStrictEqual(renames[0].path, live, 'promise broken: the live file was renamed onto itself');
    assert.strictEqual(
      renames[0].path,
      writes[writes.length - 1].path,
      'the file renamed into place is the one written',
    );
    assert.strictEqual(((await new ChatStore(dir).load(c.id)) as Chat).turns[1].text, 'new answer');
  });

  it('a write that fails after its file was opened leaves the old chat intact and readable', async () => {
    const c = chatWith('old answer');
    await new ChatStore(dir).save(c);
    const live = path.join(dir, `${c.id}.json`);
    const oldText = fs.readFileSync(live, 'utf8');
    const { fsApi } = recordingFs(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    const store = new ChatStore(dir, fsApi);
    await store.load(c.id);
    c.turns[1].text = 'new answer that never fits';
    await assert.rejects(store.save(c), /ENOSPC/);
    assert.strictEqual(
      fs.existsSync(live) && fs.readFileSync(live, 'utf8'),
      oldText,
      'promise broken: a failed save damaged the chat on disk',
    );
    const reloaded = new ChatStore(dir);
    assert.strictEqual(
      ((await reloaded.load(c.id)) as Chat | undefined)?.turns[1].text,
      'old answer',
      'promise broken: after a failed save the old chat no longer loads',
    );
    assert.deepStrictEqual(reloaded.corrupt, [], 'nothing was quarantined');
    assert.deepStrictEqual(fs.readdirSync(dir), [`${c.id}.json`], 'no temporary or lock file is left');
  });

  it('two windows saving one chat at the same instant lose nothing (100 runs)', async () => {
    for (let run = 0; run < 100; run++) {
      const c = chatWith(`shared ${run}`);
      await new ChatStore(dir).save(c);
      const storeA = new ChatStore(dir);
      const storeB = new ChatStore(dir);
      const a = (await storeA.load(c.id)) as Chat;
      const b = (await storeB.load(c.id)) as Chat;
      a.turns.push({ id: 'ua', role: 'user', text: 'A asks', status: 'complete' });
      b.turns.push({ id: 'ub', role: 'user', text: 'B asks', status: 'complete' });
      await Promise.all([storeA.save(a), storeB.save(b)]);
      const onDisk = (await new ChatStore(dir).load(c.id)) as Chat;
      const ids = onDisk.turns.map((t) => t.id).sort();
      assert.deepStrictEqual(
        ids,
        ['a1', 'u1', 'ua', 'ub'],
        `promise broken: run ${run}: two windows saved one chat at once and a turn was lost`,
      );
      assert.deepStrictEqual(fs.readdirSync(dir), [`${c.id}.json`], 'no temporary or lock file is left');
      fs.rmSync(path.join(dir, `${c.id}.json`));
    }
  });

  it('a lock left by a window that died is taken over; a fresh one is waited for', async () => {
    const c = chatWith('answer');
    const lock = path.join(dir, `${c.id}.json.lock`);
    fs.writeFileSync(lock, '');
    const old = (Date.now() - 60_000) / 1000;
    fs.utimesSync(lock, old, old);
    await new ChatStore(dir).save(c);
    assert.ok(!fs.existsSync(lock), 'the stale lock was taken over and released');

    fs.writeFileSync(lock, '');
    let saved = false;
    const saving = new ChatStore(dir).save(c).then(() => (saved = true));
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(saved, false, 'a save waits while another window holds the lock');
    fs.rmSync(lock);
    await saving;
    assert.strictEqual(saved, true);
  });
});
