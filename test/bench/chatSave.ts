/**
 * Saving a long chat while its last answer streams: the host writes the chat at most every 400 ms,
 * and that write must not hold up the extension host for more than a frame. Measured on a
 * 1,000-message chat with long answers, one answer growing between saves: the synchronous work of
 * preparing the file's text (settled turns kept serialised) against a whole `JSON.stringify` of the
 * chat (what each save cost before), and the longest event-loop stall seen during a whole save.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChatStore } from '../../src/core/chat/chatStore';
import { longChat } from './openChat';
import type { BenchModule, BenchRow } from './row';

const FRAME_MS = 1000 / 60;
const SAVES = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `work` while a ticker measures the longest time the event loop could not run; returns that, in ms. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return worst;
}

const bench: BenchModule = {
  name: 'chat-save',
  async run(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-bench-save-'));
    try {
      // Answers of about 3 KB: long answers with code, as a chat that grew over days has.
      const chat = longChat(1000, 8);
      const answer = { id: 'streaming', role: 'assistant' as const, text: '', status: 'streaming' as const };
      chat.turns.push(answer);
      const store = new ChatStore(dir);
      await store.save(chat); // the first save serialises every turn once
      const cached: number[] = [];
      const whole: number[] = [];
      const stalls: number[] = [];
      for (let i = 0; i < SAVES; i++) {
        answer.text += 'More of the answer streams in, token by token. '.repeat(20);
        let t0 = performance.now();
        const text = store.fileText(chat);
        cached.push(performance.now() - t0);
        t0 = performance.now();
        const reference = JSON.stringify({ version: 1, chat });
        whole.push(performance.now() - t0);
        if (text !== reference) throw new Error('the cached file text differs from JSON.stringify');
        stalls.push(await longestStall(() => store.save(chat)));
      }
      const bytes = Buffer.byteLength(JSON.stringify({ version: 1, chat }));
      return [
        { goal: 'Save', metric: 'chat file (1,000 messages + the growing answer)', value: bytes / 1e6, unit: 'MB' },
        {
          goal: 'Save',
          metric: 'file text with settled turns cached, per save (median of 40)',
          value: median(cached),
          unit: 'ms',
          limit: FRAME_MS,
          direction: 'max',
        },
        {
          goal: 'Save',
          metric: 'whole-chat JSON.stringify per save, as before (median)',
          value: median(whole),
          unit: 'ms',
        },
        { goal: 'Save', metric: 'whole ÷ cached file text', value: median(whole) / median(cached), unit: '×' },
        {
          goal: 'Save',
          metric: 'longest event-loop stall during a save (median of 40)',
          value: median(stalls),
          unit: 'ms',
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
