import * as assert from 'node:assert';
import { type Placement, planInsertion, type Span } from '../../../../src/core/editor/insertion';
import {
  chooseApplyTarget,
  looksLikeWholeFile,
  needsReview,
  parseReviewSetting,
  proposedText,
  type ReviewSetting,
  routeChange,
} from '../../../../src/core/editor/review';

const FILE = [
  "import { readFile } from 'node:fs/promises';",
  '',
  'export async function total(path) {',
  '  const items = JSON.parse(await readFile(path, "utf8"));',
  '  let sum = 0;',
  '  for (const i of items) sum += i.price;',
  '  return sum;',
  '}',
  '',
  'export const currency = "EUR";',
  '',
].join('\n');

describe('review decisions', () => {
  it('rill.insert.review: replacements reviews only replacing changes; always all; never none', () => {
    assert.deepStrictEqual(
      (['replacements', 'always', 'never'] as const).map((s) => [needsReview(s, true), needsReview(s, false)]),
      [
        [true, false],
        [true, true],
        [false, false],
      ],
    );
  });

  it('reads unknown setting values as the default', () => {
    assert.strictEqual(parseReviewSetting('always'), 'always');
    assert.strictEqual(parseReviewSetting('never'), 'never');
    for (const v of [undefined, null, 'sometimes', 3, {}]) assert.strictEqual(parseReviewSetting(v), 'replacements');
  });

  it('the proposed text changes exactly the range', () => {
    const start = FILE.indexOf('let sum');
    const end = FILE.indexOf('return');
    const out = proposedText(FILE, start, end, 'let sum = 1;\n  ');
    assert.strictEqual(out, FILE.replace(FILE.slice(start, end), 'let sum = 1;\n  '));
    assert.strictEqual(proposedText('abc', 1, 1, 'X'), 'aXbc', 'an empty range inserts');
  });

  describe('looksLikeWholeFile', () => {
    it('a rewritten copy of the file is the whole file (changed lines, different indentation and line ends)', () => {
      const rewritten = FILE.replace('let sum = 0;', 'let sum = 0; // running total')
        .replace('sum += i.price', 'sum += i.price ?? 0')
        .replace(/\n/g, '\r\n')
        .replace(/\r\n {2}/g, '\r\n    ');
      assert.ok(looksLikeWholeFile(rewritten, FILE));
    });

    it('a function out of the file, a snippet or a block about something else is not', () => {
      const fn = FILE.slice(FILE.indexOf('export async'), FILE.indexOf('\n}\n') + 2);
      assert.ok(fn.startsWith('export async') && fn.endsWith('return sum;\n}'));
      assert.ok(!looksLikeWholeFile(fn, FILE), 'one function of a longer file');
      assert.ok(!looksLikeWholeFile('sum += tax;', FILE));
      assert.ok(!looksLikeWholeFile('def total(items):\n    return sum(i.price for i in items)\n', FILE));
      assert.ok(!looksLikeWholeFile('', FILE), 'an empty block');
    });

    it("a block that loses the file's first or last meaningful line is not the whole file", () => {
      const lines = FILE.split('\n');
      assert.ok(!looksLikeWholeFile(lines.slice(1).join('\n'), FILE), 'the import is gone');
      assert.ok(!looksLikeWholeFile(lines.slice(0, -3).join('\n'), FILE), 'the last export is gone');
    });

    it('a whole file with a header comment or a function added at the end still counts', () => {
      assert.ok(looksLikeWholeFile(`// Prices.\n${FILE}`, FILE));
      assert.ok(looksLikeWholeFile(`${FILE}\nexport function avg(xs) {\n  return total(xs) / xs.length;\n}\n`, FILE));
    });

    it('any block is the whole of an empty file', () => {
      assert.ok(looksLikeWholeFile('print(1)', ''));
      assert.ok(looksLikeWholeFile('print(1)', '\n\n  \n'));
    });
  });

  it("Apply's target: the asked-about range, else the selection, else the whole file, else none", () => {
    const all = { askedRangeKnown: true, hasSelection: true, blockIsWholeFile: true };
    assert.strictEqual(chooseApplyTarget(all), 'askedRange');
    assert.strictEqual(chooseApplyTarget({ ...all, askedRangeKnown: false }), 'selection');
    assert.strictEqual(chooseApplyTarget({ ...all, askedRangeKnown: false, hasSelection: false }), 'wholeFile');
    assert.strictEqual(
      chooseApplyTarget({ askedRangeKnown: false, hasSelection: false, blockIsWholeFile: false }),
      undefined,
    );
  });
});

describe('review or write: the decision of every insertion', () => {
  const doc = {
    lines: ['function f() {', '  return 1;', '}', ''],
    lineText(line: number) {
      return this.lines[line] ?? '';
    },
    eol: '\n' as const,
  };
  const at = (line: number, character: number) => ({ line, character });
  const caret = { start: at(1, 2), end: at(1, 2) };
  const selection = { start: at(1, 2), end: at(1, 11) };
  const lines = { start: at(0, 0), end: at(3, 0) };
  /** The route of the edit the planner makes for this selection and placement. */
  const route = (setting: ReviewSetting, sel: Span, placement: Placement) =>
    routeChange(setting, planInsertion(doc, sel, 'return 2;', placement).range);

  it('replacements (the default): a change that removes code is shown as a diff first', () => {
    const promise =
      'broken promise: with rill.insert.review "replacements", a change that replaces code is reviewed first';
    assert.strictEqual(route('replacements', selection, 'replace'), 'review', promise);
    assert.strictEqual(route('replacements', lines, 'replace'), 'review', promise);
    assert.strictEqual(
      route('replacements', selection, 'cursor'),
      'review',
      `${promise} (Insert at a selection replaces it)`,
    );
  });

  it('replacements: an insertion that removes nothing goes straight in', () => {
    const promise = 'broken promise: with "replacements", an insertion that replaces nothing is written at once';
    assert.strictEqual(
      route('replacements', selection, 'after'),
      'write',
      `${promise} (the answer below the selection)`,
    );
    assert.strictEqual(route('replacements', caret, 'cursor'), 'write', `${promise} (Insert at the cursor)`);
    assert.strictEqual(route('replacements', caret, 'replace'), 'write', `${promise} (nothing selected to replace)`);
  });

  it('always reviews every change, never reviews none', () => {
    for (const [sel, placement] of [
      [selection, 'replace'],
      [selection, 'after'],
      [caret, 'cursor'],
    ] as const) {
      assert.strictEqual(route('always', sel, placement), 'review', `broken promise: "always" reviews ${placement}`);
      assert.strictEqual(
        route('never', sel, placement),
        'write',
        `broken promise: "never" writes ${placement} at once`,
      );
    }
  });

  it('a span that ends on another line, even at the same column, replaces text', () => {
    assert.strictEqual(routeChange('replacements', { start: at(1, 0), end: at(2, 0) }), 'review');
    assert.strictEqual(routeChange('replacements', { start: at(2, 0), end: at(2, 0) }), 'write');
  });
});
