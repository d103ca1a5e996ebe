import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WEBVIEW_STRING_KEYS } from '../../../src/shared/webviewStrings';
import { REPO, tsSources } from '../../helpers/sources';

describe('webview strings', () => {
  // The webview reads its strings as `strings.key` or, in the views it builds, `s.key` / `this.s.key`.
  const read = new Set<string>();
  for (const file of tsSources(path.join(REPO, 'src/webview'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\b(?:strings|s)\.([A-Za-z]\w*)\b/g)) read.add(m[1]!);
  }

  it('finds the reads (the scan works)', () => {
    assert.ok(read.has('send') && read.has('insertAtCursor') && read.has('welcomeTitle'));
  });

  it('every key the host sends is read by the webview (an unused key is a failure)', () => {
    assert.deepStrictEqual(
      WEBVIEW_STRING_KEYS.filter((k) => !read.has(k)),
      [],
    );
  });

  it('has no key twice', () => {
    assert.strictEqual(new Set(WEBVIEW_STRING_KEYS).size, WEBVIEW_STRING_KEYS.length);
  });
});
