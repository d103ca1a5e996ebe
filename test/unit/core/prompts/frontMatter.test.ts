import * as assert from 'node:assert';
import { parseFrontMatter } from '../../../../src/core/prompts';

describe('prompt files: front matter', () => {
  it('reads flat key: value fields (keys lower-cased, quotes removed) and returns the body after it', () => {
    const r = parseFrontMatter('---\nDescription: "Review: bugs first"\nmode: x\n---\nReview {{selection}}\n');
    assert.deepStrictEqual({ ...r.fields }, { description: 'Review: bugs first', mode: 'x' });
    assert.strictEqual(r.body, 'Review {{selection}}\n');
  });

  it('handles CRLF line ends and a byte order mark', () => {
    const r = parseFrontMatter('\uFEFF---\r\ndescription: Tests\r\n---\r\nWrite tests.\r\n');
    assert.strictEqual(r.fields.description, 'Tests');
    assert.strictEqual(r.body, 'Write tests.\r\n');
  });

  it('treats a file without front matter, or with an unclosed one, as all body: no text is lost', () => {
    assert.deepStrictEqual(parseFrontMatter('Just a prompt'), { fields: {}, body: 'Just a prompt' });
    const unclosed = '---\ndescription: oops\nThe prompt';
    assert.deepStrictEqual(parseFrontMatter(unclosed), { fields: {}, body: unclosed });
    // `---` later in the text is a Markdown rule, not front matter.
    assert.strictEqual(parseFrontMatter('Intro\n---\nmore').body, 'Intro\n---\nmore');
  });

  it('ignores lines that are not fields and cannot be made to set prototype properties', () => {
    const r = parseFrontMatter('---\n# comment\n__proto__: x\n- item\ndescription: ok\n---\nbody');
    assert.strictEqual(r.fields.description, 'ok');
    assert.strictEqual(Object.getPrototypeOf(r.fields), null);
    assert.strictEqual(({} as Record<string, unknown>).x, undefined);
  });
});
