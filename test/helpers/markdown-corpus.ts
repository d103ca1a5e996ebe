/**
 * Generated Markdown answers for renderer tests and benchmarks: prose, headings, lists (nested,
 * ordered, tasks), tables, block quotes and code blocks in several languages, mixed the way chat
 * answers mix them. Deterministic for a given seed.
 */

import { seededRandom } from './random';

export { seededRandom };

const WORDS = (
  'the a stream renders each token as it arrives while settled blocks stay put and only the open tail ' +
  'changes function returns value buffer frame layout parser table list code answer model request ' +
  'response editor cursor file line column error retry continue token budget window panel theme view ' +
  'message history export copy insert selection range index length offset cache state event handler'
).split(' ');

const CODE: Record<string, string[]> = {
  ts: [
    'export function sum(values: number[]): number {',
    '  let total = 0;',
    '  for (const v of values) total += v; // add each value',
    '  return total;',
    '}',
    'const label = `total: ${sum([1, 2, 3])}`;',
    'interface Point { x: number; y: number }',
  ],
  python: [
    'def fib(n: int) -> int:',
    '    """Return the n-th Fibonacci number."""',
    '    a, b = 0, 1',
    '    for _ in range(n):',
    '        a, b = b, a + b',
    '    return a',
    'print(f"fib(10) = {fib(10)}")',
  ],
  bash: [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'for f in *.md; do',
    '  echo "checking $f"',
    'done',
    'npm run build && npm test',
  ],
  json: ['{', '  "name": "rill",', '  "version": "0.1.0",', '  "private": true,', '  "tags": ["chat", "stream"]', '}'],
  go: ['package main', '', 'import "fmt"', '', 'func main() {', '\tfmt.Println("hello")', '}'],
  rust: ['fn main() {', '    let v: Vec<i32> = (1..=3).collect();', '    println!("{:?}", v);', '}'],
  sql: ['SELECT id, name', 'FROM users', "WHERE created_at > '2024-01-01'", 'ORDER BY name;'],
  '': ['plain text block', 'with two lines'],
};

/** Picks from a list with the given random source. */
function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function sentence(rand: () => number): string {
  const n = 6 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = pick(rand, WORDS);
    const r = rand();
    if (r < 0.04) w = `**${w}**`;
    else if (r < 0.08) w = `*${w}*`;
    else if (r < 0.11) w = `\`${w}()\``;
    else if (r < 0.12) w = `~~${w}~~`;
    else if (r < 0.13) w = `[${w}](https://example.com/${w})`;
    words.push(w);
  }
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + pick(rand, ['.', '.', '.', '?', '!']);
}

function paragraph(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rand));
  return out.join(' ');
}

function list(rand: () => number): string {
  const ordered = rand() < 0.35;
  const task = !ordered && rand() < 0.2;
  const n = 3 + Math.floor(rand() * 5);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const marker = ordered ? `${i + 1}.` : '-';
    const box = task ? (rand() < 0.5 ? '[x] ' : '[ ] ') : '';
    lines.push(`${marker} ${box}${sentence(rand)}`);
    if (rand() < 0.2) lines.push(`${' '.repeat(marker.length + 1)}- ${sentence(rand)}`);
  }
  return lines.join('\n');
}

function table(rand: () => number): string {
  const cols = 2 + Math.floor(rand() * 3);
  const rows = 2 + Math.floor(rand() * 6);
  const head = Array.from({ length: cols }, () => pick(rand, WORDS));
  const align = Array.from({ length: cols }, () => pick(rand, ['---', ':--', ':-:', '--:']));
  const lines = [`| ${head.join(' | ')} |`, `|${align.join('|')}|`];
  for (let r = 0; r < rows; r++) {
    lines.push(
      `| ${Array.from({ length: cols }, () => (rand() < 0.3 ? `\`${pick(rand, WORDS)}\`` : pick(rand, WORDS))).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function codeBlock(rand: () => number): string {
  const lang = pick(rand, Object.keys(CODE));
  const body = CODE[lang];
  const repeat = 1 + Math.floor(rand() * 3);
  const lines: string[] = [];
  for (let i = 0; i < repeat; i++) lines.push(...body);
  return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
}

function block(rand: () => number): string {
  const r = rand();
  if (r < 0.45) return paragraph(rand);
  if (r < 0.55) return `${'#'.repeat(2 + Math.floor(rand() * 2))} ${sentence(rand).replace(/[.?!]$/, '')}`;
  if (r < 0.72) return list(rand);
  if (r < 0.8) return table(rand);
  if (r < 0.93) return codeBlock(rand);
  return `> ${sentence(rand)}\n> ${sentence(rand)}`;
}

/** A mixed Markdown answer of about `chars` characters, the same for the same seed. */
export function generateAnswer(seed: number, chars: number): string {
  const rand = seededRandom(seed);
  const blocks: string[] = [];
  let length = 0;
  while (length < chars) {
    const b = block(rand);
    blocks.push(b);
    length += b.length + 2;
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * Splits text into model-like tokens: a word piece of up to 4 characters with the whitespace before
 * it, which averages close to the usual ~4 characters per token of English text and code.
 */
export function toTokens(text: string): string[] {
  return text.match(/\s*[^\s]{1,4}|\s+$/g) ?? [];
}

/** A generated answer of exactly `count` tokens (as {@link toTokens} counts them). */
export function generateTokens(seed: number, count: number): string[] {
  let chars = count * 4;
  for (;;) {
    const tokens = toTokens(generateAnswer(seed, chars));
    if (tokens.length >= count) return tokens.slice(0, count);
    chars = Math.ceil(chars * 1.2);
  }
}
