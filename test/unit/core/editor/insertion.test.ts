import * as assert from 'node:assert';
import { answerProblem } from '../../../../src/core/chat/lastAnswer';
import type { ChatTurn } from '../../../../src/core/chat/transcript';
import { type DocLines, planInsertion, reindent, type Span } from '../../../../src/core/editor/insertion';

function doc(text: string, eol: '\n' | '\r\n' = '\n'): DocLines & { apply(e: { range: Span; text: string }): string } {
  const lines = text.split(eol);
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + eol.length, 0) + p.character;
  return {
    eol,
    lineText: (n) => lines[n],
    apply: (e) => text.slice(0, offset(e.range.start)) + e.text + text.slice(offset(e.range.end)),
  };
}
const span = (l1: number, c1: number, l2: number, c2: number): Span => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

describe('reindent', () => {
  it("removes the text's own indentation, applies the new one, keeps blank lines empty and relative indentation", () => {
    assert.strictEqual(reindent('\n    a\n      b\n\n    c\n\n', '  ', '  ', '\n'), '  a\n    b\n\n  c');
    assert.strictEqual(reindent('a\n  b', '\t', '', '\r\n'), 'a\r\n\t  b');
  });

  it('handles tabs and mixed indentation by the common prefix only', () => {
    assert.strictEqual(reindent('\tif x:\n\t\ty()', '    ', '    ', '\n'), '    if x:\n    \ty()');
    assert.strictEqual(reindent('\ta\n  b', '', '', '\n'), '\ta\n  b');
  });
});

describe('planInsertion', () => {
  const src = 'class A {\n  run() {\n    go();\n    stop();\n  }\n}';

  it('after: puts the text on new lines below the selection, indented like its first line', () => {
    const d = doc(src);
    const e = planInsertion(d, span(2, 4, 3, 11), 'log();\nif (x) {\n  y();\n}', 'after');
    assert.strictEqual(
      d.apply(e),
      'class A {\n  run() {\n    go();\n    stop();\n    log();\n    if (x) {\n      y();\n    }\n  }\n}',
    );
  });

  it('after: a whole-line selection (ending at column 0) inserts below its last line', () => {
    const d = doc(src);
    const e = planInsertion(d, span(2, 0, 4, 0), 'z();', 'after');
    assert.strictEqual(d.apply(e), 'class A {\n  run() {\n    go();\n    stop();\n    z();\n  }\n}');
  });

  it('after: works at the end of a document without a final newline, and keeps CRLF', () => {
    const d = doc('a\r\nb', '\r\n');
    assert.strictEqual(d.apply(planInsertion(d, span(1, 0, 1, 1), 'c\nd', 'after')), 'a\r\nb\r\nc\r\nd');
  });

  it('replace: swaps the selection, completing the indentation of a selection starting inside it', () => {
    const d = doc(src);
    // Selection from the first non-blank character of "go();" to the end of "stop();".
    const e = planInsertion(d, span(2, 4, 3, 11), 'start();\nfinish();', 'replace');
    assert.strictEqual(d.apply(e), 'class A {\n  run() {\n    start();\n    finish();\n  }\n}');
    const e0 = planInsertion(d, span(2, 0, 3, 11), '  start();\n  finish();', 'replace');
    assert.strictEqual(d.apply(e0), 'class A {\n  run() {\n    start();\n    finish();\n  }\n}');
  });

  it('replace: whole lines stay whole lines', () => {
    const d = doc(src);
    const e = planInsertion(d, span(2, 0, 4, 0), 'only();', 'replace');
    assert.strictEqual(d.apply(e), 'class A {\n  run() {\n    only();\n  }\n}');
  });

  it('replace: an expression inside a line continues that line', () => {
    const d = doc('  const v = a + b;\n');
    const e = planInsertion(d, span(0, 12, 0, 17), 'sum(\n  a,\n  b,\n)', 'replace');
    assert.strictEqual(d.apply(e), '  const v = sum(\n    a,\n    b,\n  );\n');
  });

  it('cursor: inserts at an empty selection', () => {
    const d = doc('x\n    \ny');
    const e = planInsertion(d, span(1, 4, 1, 4), 'a\nb', 'cursor');
    assert.strictEqual(d.apply(e), 'x\n    a\n    b\ny');
  });
});

describe('answerProblem', () => {
  const turn = (t: Partial<ChatTurn>): ChatTurn => ({
    id: '1',
    role: 'assistant',
    text: 'ok',
    status: 'complete',
    finishReason: 'stop',
    ...t,
  });

  it('allows only a complete answer that ended normally', () => {
    assert.strictEqual(answerProblem(turn({})), undefined);
    assert.strictEqual(answerProblem(turn({ finishReason: 'length' })), 'cutOff');
    assert.strictEqual(answerProblem(turn({ finishReason: 'content_filter' })), 'filtered');
    assert.strictEqual(answerProblem(turn({ status: 'interrupted', finishReason: 'abort' })), 'stopped');
    assert.strictEqual(
      answerProblem(turn({ status: 'interrupted', finishReason: undefined, error: { kind: 'network', message: 'x' } })),
      'failed',
    );
    assert.strictEqual(
      answerProblem(
        turn({ status: 'error', text: '', finishReason: undefined, error: { kind: 'auth', message: 'x' } }),
      ),
      'failed',
    );
    assert.strictEqual(answerProblem(turn({ text: '  ' })), 'empty');
  });
});
