import * as assert from 'node:assert';
import { fetchUsesProxy, withoutUrlCredentials } from '../../../../src/host/setup/proxySupport';

describe('fetchUsesProxy (the VS Code version guard for proxy support)', () => {
  it('is false before 1.96, whose extension host fetch ignores http.proxy', () => {
    for (const v of ['1.90.0', '1.90.2', '1.95.3', '0.99.0']) assert.strictEqual(fetchUsesProxy(v), false, v);
  });
  it('is true from 1.96 on, insiders builds and later majors included', () => {
    for (const v of ['1.96.0', '1.96.0-insider', '1.100.3', '1.139.1', '2.0.0'])
      assert.strictEqual(fetchUsesProxy(v), true, v);
  });
});

describe('withoutUrlCredentials (Test Connection never shows a proxy’s user name or password)', () => {
  it('removes user name and password from every address in the text, keeping host and port', () => {
    const cases: [string, string][] = [
      ['http://alice:s3cret@proxy.corp:8080', 'http://proxy.corp:8080'],
      ['https://alice@proxy.corp', 'https://proxy.corp'],
      ['socks5://a%40b:p%3Aw@10.0.0.1:1080/', 'socks5://10.0.0.1:1080/'],
      ['proxy http://u:p@a:1 and http://v:q@b:2 failed', 'proxy http://a:1 and http://b:2 failed'],
      ['http://proxy.corp:3128', 'http://proxy.corp:3128'],
      ['mail me at alice@example.test', 'mail me at alice@example.test'],
    ];
    for (const [input, shown] of cases) {
      const out = withoutUrlCredentials(input);
      assert.strictEqual(out, shown, input);
      assert.ok(!/s3cret|alice:|p%3Aw/.test(out), `promise broken: a proxy credential was shown: ${out}`);
    }
  });
});
