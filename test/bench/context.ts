/**
 * The `context` benchmark: preparing a request for a 1,000-turn chat with five attached files
 * against serialising the final body, the cost of one more turn, and the token estimator's size
 * in the bundle and its count against a reference BPE vocabulary.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { buildChatBody } from '../../src/core/client/requestBody';
import { type Attachment, estimateTokens, type FitInput, fitRequest, TokenCounter } from '../../src/core/context';
import type { ChatMessage } from '../../src/core/types';
import { seededRandom } from '../helpers/random';
import { corpusTexts } from '../helpers/tokenCorpus';
import type { BenchModule, BenchRow } from './row';

const root = path.resolve(__dirname, '../../..');
const WORDS = 'the parser keeps a stack of open blocks and closes them when a line does not continue them'.split(' ');

/** A message of `words` words drawn at random, with some code in it. */
function text(rnd: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rnd() * WORDS.length)]);
  return `${out.join(' ')}\n\n\`\`\`ts\nconst x${Math.floor(rnd() * 1000)} = parse(input);\n\`\`\``;
}

function chat(turns: number): ChatMessage[] {
  const rnd = seededRandom(7);
  const out: ChatMessage[] = [];
  for (let i = 0; i < turns; i++) {
    out.push({ role: 'user', content: text(rnd, 20 + Math.floor(rnd() * 60)) });
    out.push({ role: 'assistant', content: text(rnd, 80 + Math.floor(rnd() * 300)) });
  }
  return out;
}

/** Five project files as attachments (source and docs, a few to tens of kilobytes each). */
function files(): Attachment[] {
  return ['src/core/chat/session.ts', 'src/webview/main.ts', 'README.md', 'docs/core.md', 'media/chat.css'].map(
    (f) => ({
      kind: 'file',
      label: path.basename(f),
      path: f,
      language: f.endsWith('.ts') ? 'typescript' : f.endsWith('.css') ? 'css' : 'markdown',
      text: fs.readFileSync(path.join(root, f), 'utf8'),
    }),
  );
}

/** Median time of `fn` over `runs` runs, in milliseconds. */
function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function input(history: ChatMessage[], attachments: Attachment[]): FitInput {
  return {
    system: 'You are a helpful assistant.',
    history,
    question: { role: 'user', content: 'Why does the parser close the list here?' },
    attachments,
    windowTokens: 128_000,
    factor: 1,
  };
}

/** Minified bytes of the estimator and counter as they go into the extension bundle. */
async function estimatorBytes(): Promise<number> {
  const out = await esbuild.build({
    stdin: {
      contents: "export { estimateTokens, TokenCounter, Calibration } from './src/core/context';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    treeShaking: true,
  });
  return out.outputFiles[0].contents.length;
}

const context: BenchModule = {
  name: 'context',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const attachments = files();
    const history = chat(1000);
    const counter = new TokenCounter();
    const cold = median(1, () => fitRequest(input(history, attachments), new TokenCounter()));
    fitRequest(input(history, attachments), counter);
    const plan = fitRequest(input(history, attachments), counter);
    const prepare = median(21, () => fitRequest(input(history, attachments), counter));
    const serialise = median(21, () => JSON.stringify(buildChatBody({ model: 'm', messages: plan.messages }, true)));
    rows.push(
      {
        goal: 'C1',
        metric: `prepare a request, 1,000-turn chat + 5 files (÷ serialising its ${Math.round(JSON.stringify(plan.messages).length / 1024)} KiB body)`,
        value: prepare / serialise,
        unit: '×',
        limit: 3,
        direction: 'max',
      },
      { goal: '', metric: 'prepare (counts cached), ms', value: prepare, unit: 'ms' },
      { goal: '', metric: 'serialise the final body, ms', value: serialise, unit: 'ms' },
      { goal: '', metric: 'first prepare of the whole chat (every message counted), ms', value: cold, unit: 'ms' },
    );

    // One more turn costs its new text: the same for a chat twice as long, and growing with the new text.
    const more = (h: ChatMessage[], words: number) => {
      const rnd = seededRandom(words);
      const c = new TokenCounter();
      fitRequest(input(h, attachments), c);
      return median(21, () => {
        const next = [...h, { role: 'user' as const, content: text(rnd, words) }];
        fitRequest(input(next, attachments), c);
      });
    };
    const oneK = more(history, 200);
    const twoK = more(chat(2000), 200);
    const bigTurn = more(history, 20_000);
    rows.push(
      {
        goal: 'C2',
        metric: 'one more turn: 2,000-turn chat ÷ 1,000-turn chat',
        value: twoK / oneK,
        unit: '×',
        limit: 1.5,
        direction: 'max',
      },
      { goal: '', metric: 'one more turn of 200 words, 1,000-turn chat, ms', value: oneK, unit: 'ms' },
      { goal: '', metric: 'one more turn of 20,000 words, 1,000-turn chat, ms', value: bigTurn, unit: 'ms' },
    );

    // The estimator: its weight in the bundle, and its count against a reference vocabulary.
    let estimated = 0;
    let reference = 0;
    for (const t of corpusTexts()) {
      estimated += estimateTokens(t);
      reference += encode(t).length;
    }
    rows.push(
      {
        goal: 'C3',
        metric: 'estimate vs o200k reference on a mixed code/prose/Chinese corpus, % off',
        value: Math.abs(estimated / reference - 1) * 100,
        unit: '%',
        limit: 10,
        direction: 'max',
      },
      {
        goal: '',
        metric: 'estimator + counter + calibration, minified bytes in the bundle',
        value: await estimatorBytes(),
        unit: 'B',
      },
    );
    return rows;
  },
};

export default context;
