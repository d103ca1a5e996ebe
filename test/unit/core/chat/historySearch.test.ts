import * as assert from 'node:assert';
import { dateGroup, HistoryIndex } from '../../../../src/core/chat/historySearch';
import { type Chat, createChat } from '../../../../src/core/chat/transcript';

function chat(title: string, updatedAt: number, ...texts: string[]): Chat {
  const c = createChat(updatedAt);
  c.title = title;
  texts.forEach((text, i) => {
    c.turns.push({ id: `t${i}`, role: i % 2 ? 'assistant' : 'user', text, status: 'complete' });
  });
  return c;
}

describe('HistoryIndex', () => {
  const a = chat('Parsing logs', 3000, 'How do I parse a log file?', 'Use a stream and split lines with readline.');
  const b = chat('Tea', 2000, 'Which tea is best?', 'Green tea is light; black tea is strong.');
  const c = chat('', 1000, 'Explain Rust lifetimes', 'A lifetime names how long a reference is valid.');

  /** The ids of the chats `query` finds. */
  const ids = (query: string) =>
    index()
      .search(query)
      .map((h) => h.summary.id);

  function index(): HistoryIndex {
    const i = new HistoryIndex();
    for (const x of [b, c, a]) i.upsert(x);
    return i;
  }

  it('lists every chat newest first for a blank query', () => {
    assert.deepStrictEqual(ids('  '), [a.id, b.id, c.id]);
  });

  it('finds words in message text, case-insensitively, with a snippet around the match', () => {
    const hits = index().search('READLINE');
    assert.deepStrictEqual(
      hits.map((h) => h.summary.id),
      [a.id],
    );
    assert.match(hits[0].snippet ?? '', /split lines with readline/);
  });

  it('needs every word, in the title or in any message', () => {
    assert.deepStrictEqual(ids('tea strong'), [b.id]);
    assert.deepStrictEqual(index().search('tea lifetimes'), []);
    // "parsing" is only in a's title, "stream" only in its answer.
    assert.deepStrictEqual(ids('parsing stream'), [a.id]);
  });

  it('a title-only match has no snippet; a derived title is searched too', () => {
    const hits = index().search('parsing');
    assert.strictEqual(hits.length, 1);
    assert.strictEqual(hits[0].snippet, undefined);
    assert.deepStrictEqual(ids('explain rust'), [c.id]);
  });

  it('never matches across two messages', () => {
    // a's messages end "file?" and start "Use": the joined text must not contain "file? use".
    assert.deepStrictEqual(index().search('file?use'), []);
  });

  it('follows updates, renames and deletes; empty chats are not indexed', () => {
    const i = index();
    const renamed = { ...b, title: 'Brewing', updatedAt: 4000 };
    i.upsert(renamed);
    assert.strictEqual(i.search('brewing')[0].summary.title, 'Brewing');
    assert.strictEqual(i.search('')[0].summary.id, b.id, 'newest first after the update');
    i.remove(a.id);
    assert.deepStrictEqual(i.search('readline'), []);
    i.upsert(createChat(5000));
    assert.strictEqual(i.size, 2);
  });

  it('shortens snippets with an ellipsis and keeps them on one line', () => {
    const long = chat('x', 1, `${'word '.repeat(50)}needle\nin\nlines ${'tail '.repeat(50)}`);
    const i = new HistoryIndex();
    i.upsert(long);
    const s = i.search('needle')[0].snippet ?? '';
    assert.ok(s.startsWith('…') && s.endsWith('…'), s);
    assert.match(s, /needle in lines/);
    assert.ok(s.length < 110, s);
  });

  it('stops at the limit', () => {
    assert.strictEqual(index().search('', 2).length, 2);
  });
});

describe('dateGroup', () => {
  const now = new Date(2026, 5, 15, 10, 0).getTime();
  it('groups by local calendar day: today, yesterday, the 7 days before, older', () => {
    assert.strictEqual(dateGroup(new Date(2026, 5, 15, 0, 0).getTime(), now), 'today');
    assert.strictEqual(dateGroup(now + 60_000, now), 'today');
    assert.strictEqual(dateGroup(new Date(2026, 5, 14, 23, 59).getTime(), now), 'yesterday');
    assert.strictEqual(dateGroup(new Date(2026, 5, 14, 0, 0).getTime(), now), 'yesterday');
    assert.strictEqual(dateGroup(new Date(2026, 5, 13, 23, 59).getTime(), now), 'week');
    assert.strictEqual(dateGroup(new Date(2026, 5, 8, 0, 0).getTime(), now), 'week');
    assert.strictEqual(dateGroup(new Date(2026, 5, 7, 23, 59).getTime(), now), 'older');
  });
});
