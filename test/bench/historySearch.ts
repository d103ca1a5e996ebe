/**
 * Searching the chat history: 1,000 saved chats (about 20 KB of text each) read from disk into the
 * search index, then full-text queries as typed into the history list. Goal: a query answers
 * within 100 ms.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChatStore } from '../../src/core/chat/chatStore';
import { HistoryIndex } from '../../src/core/chat/historySearch';
import { type Chat, createChat } from '../../src/core/chat/transcript';
import { seededRandom } from '../helpers/random';
import type { BenchModule, BenchRow } from './row';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const VOCABULARY =
  'stream file buffer parse token request server model answer error retry socket thread async await promise cache index query table column function class method type interface module import export string number array object map set'.split(
    ' ',
  );

/** A chat of 20 messages whose words come from a seeded generator; chat `i` alone holds the word `marker{i}`. */
function chat(i: number, rand: () => number): Chat {
  const c = createChat(Date.UTC(2026, 0, 1) + i * 60_000);
  const word = () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)];
  for (let t = 0; t < 20; t++) {
    const words = Array.from({ length: 150 }, word);
    if (t === 13) words[70] = `marker${i}`;
    c.turns.push({ id: `t${t}`, role: t % 2 ? 'assistant' : 'user', status: 'complete', text: words.join(' ') });
  }
  return c;
}

const bench: BenchModule = {
  name: 'history-search',
  async run(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-bench-history-'));
    try {
      const store = new ChatStore(dir);
      const rand = seededRandom(7);
      for (let i = 0; i < 1000; i++) await store.save(chat(i, rand));
      const t0 = performance.now();
      const chats = await store.loadAll();
      const index = new HistoryIndex();
      for (const c of chats) index.upsert(c);
      const build = performance.now() - t0;
      const bytes = chats.reduce((n, c) => n + c.turns.reduce((m, t) => m + t.text.length, 0), 0);
      // Queries as a user types them: a rare word (one hit, the whole text scanned), two common
      // words (every chat matches), a word in no chat (the whole text scanned), a blank query.
      const queries = ['m', 'ma', 'marker', 'marker512', 'stream', 'stream socket', 'zebra', 'nothing here', ''];
      const times: number[] = [];
      for (let round = 0; round < 5; round++) {
        for (const q of queries) {
          const t = performance.now();
          const hits = index.search(q);
          times.push(performance.now() - t);
          if (q === 'marker512' && (hits.length !== 1 || !hits[0].snippet?.includes('marker512')))
            throw new Error(`search for marker512 found ${hits.length} chats`);
        }
      }
      return [
        {
          goal: '',
          metric: `1,000 chats (${(bytes / 2 ** 20).toFixed(1)} MiB of text): read and indexed`,
          value: build,
          unit: 'ms',
        },
        { goal: '', metric: 'history search: median query', value: median(times), unit: 'ms' },
        {
          goal: 'H1',
          metric: 'history search of 1,000 chats: slowest query',
          value: Math.max(...times),
          unit: 'ms',
          limit: 100,
          direction: 'max',
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
