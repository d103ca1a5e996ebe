import * as assert from 'node:assert';
import { fenceFor } from '../../../../src/core/base/markdownFence';
import { extractCodeBlocks } from '../../../../src/core/editor/codeBlocks';
import { buildSelectionPrompt, PRESET_QUESTIONS } from '../../../../src/core/editor/prompt';

const ctx = { code: 'function add(a, b) {\n  return a - b;\n}', languageId: 'javascript', fileName: 'src/math.js' };

describe('selection prompts', () => {
  it('hold the question, the file name, the language and the code in a fence tagged with the language', () => {
    const p = buildSelectionPrompt('ask', '  Make it handle strings  ', ctx);
    assert.ok(p.userMessage.startsWith('Make it handle strings\n\n'));
    assert.ok(p.userMessage.includes('src/math.js (javascript)'));
    const blocks = extractCodeBlocks(p.userMessage);
    assert.deepStrictEqual(blocks, [{ lang: 'javascript', code: ctx.code, closed: true }]);
  });

  it('ask for one fenced block when code is wanted, in the system prompt', () => {
    const p = buildSelectionPrompt('ask', 'q', ctx);
    assert.match(p.systemPrompt, /exactly one fenced code block/);
    assert.match(buildSelectionPrompt('fix', '', ctx).systemPrompt, /exactly one fenced code block/);
    assert.match(buildSelectionPrompt('comment', '', ctx).systemPrompt, /comments/);
    assert.doesNotMatch(buildSelectionPrompt('explain', '', ctx).systemPrompt, /exactly one fenced/);
  });

  it('use the preset question for presets, with what was typed after it', () => {
    assert.strictEqual(buildSelectionPrompt('explain', '', ctx).question, PRESET_QUESTIONS.explain);
    assert.strictEqual(
      buildSelectionPrompt('explain', ' why the loop ends early ', ctx).question,
      `${PRESET_QUESTIONS.explain}\n\nwhy the loop ends early`,
    );
  });

  it('have rules for every preset: tests and doc ask for one fenced block too', () => {
    assert.match(buildSelectionPrompt('tests', '', ctx).systemPrompt, /complete test file/);
    assert.match(buildSelectionPrompt('doc', '', ctx).systemPrompt, /documentation comments/);
    assert.ok(buildSelectionPrompt('doc', '', ctx).question.startsWith(PRESET_QUESTIONS.doc));
  });

  it("keep the user's own system prompt after the task rules", () => {
    const p = buildSelectionPrompt('ask', 'q', ctx, 'Answer in French.');
    assert.ok(p.systemPrompt.endsWith('Answer in French.'));
  });

  it('fence code that itself contains fences with a longer fence, so it stays one block', () => {
    const md = 'Docs:\n```js\nx()\n```\nand ````` too';
    assert.strictEqual(fenceFor(md), '``````');
    assert.strictEqual(fenceFor('no ticks'), '```');
    const p = buildSelectionPrompt('ask', 'q', { code: md, languageId: 'markdown', fileName: 'README.md' });
    assert.deepStrictEqual(
      extractCodeBlocks(p.userMessage).map((b) => b.code),
      [md],
    );
  });

  it('leave the fence untagged for plain text', () => {
    const p = buildSelectionPrompt('ask', 'q', { code: 'hello', languageId: 'plaintext', fileName: 'Untitled-1' });
    assert.ok(p.userMessage.includes('from Untitled-1:\n\n```\nhello\n```'));
  });
});
