/** The renderer's link policy: only absolute http(s) URLs become links. */
import * as assert from 'node:assert';
import { safeHttpUrl } from '../../../src/webview/render/safe-url';

describe('safeHttpUrl', () => {
  const allowed: Array<[string, string]> = [
    ['https://example.com', 'https://example.com/'],
    ['http://example.com/a?b=1&c=2#d', 'http://example.com/a?b=1&c=2#d'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['  https://example.com/x  ', 'https://example.com/x'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    // The URL parser reads a special scheme without slashes the way browsers do.
    ['https:example.com', 'https://example.com/'],
  ];
  for (const [href, expected] of allowed) {
    it(`allows ${JSON.stringify(href)}`, () => assert.strictEqual(safeHttpUrl(href), expected));
  }

  const refused = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    '&#106;avascript:alert(1)',
    'command:workbench.action.quit',
    'vscode://file/etc/passwd',
    'vscode-webview://x/y',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'mailto:a@example.com',
    'ftp://example.com/',
    '//example.com/x',
    '/relative/path',
    '#anchor',
    'http://',
    '',
  ];
  for (const href of refused) {
    it(`refuses ${JSON.stringify(href)}`, () => assert.strictEqual(safeHttpUrl(href), null));
  }
});
