import * as assert from 'node:assert';
import { fetchUsesProxy } from '../../../../src/host/setup/proxySupport';

describe('fetchUsesProxy (the VS Code version guard for proxy support)', () => {
  it('is false before 1.96, whose extension host fetch ignores http.proxy', () => {
    for (const v of ['1.90.0', '1.90.2', '1.95.3', '0.99.0']) assert.strictEqual(fetchUsesProxy(v), false, v);
  });
  it('is true from 1.96 on, insiders builds and later majors included', () => {
    for (const v of ['1.96.0', '1.96.0-insider', '1.100.3', '1.139.1', '2.0.0'])
      assert.strictEqual(fetchUsesProxy(v), true, v);
  });
});
