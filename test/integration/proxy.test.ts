import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ConnectionResult } from '../../src/core/client/connectionTest';
import { fetchUsesProxy } from '../../src/host/proxySupport';
import { MockServer } from '../helpers/mockServer';
import { ProxyServer } from '../helpers/proxyServer';
import { configure, resetRill, scriptUi, services } from './helpers';

/** A host name that does not resolve: only the proxy (which maps it to the test server) can reach it. */
const UPSTREAM = 'rill-upstream.invalid';

describe("Requests go through VS Code's proxy setting (http.proxy)", function () {
  this.timeout(30_000);
  let server: MockServer;
  let proxy: ProxyServer;
  const http = () => vscode.workspace.getConfiguration('http');

  before(async () => {
    server = await MockServer.start();
    const port = new URL(server.baseUrl).port;
    proxy = await ProxyServer.start({ [`${UPSTREAM}:${port}`]: Number(port) });
  });
  after(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await resetRill();
    await proxy.close();
    await server.close();
  });

  // Both sides of the version guard run: this suite runs on the oldest and the newest tested VS Code.
  if (!fetchUsesProxy(vscode.version)) {
    it(`says in Test Connection that VS Code ${vscode.version} sends no request through http.proxy`, async () => {
      await resetRill();
      const ui = await scriptUi();
      const port = new URL(server.baseUrl).port;
      await configure({ baseUrl: `http://${UPSTREAM}:${port}/v1`, model: 'rill-test-model' });
      await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
      const r = await vscode.commands.executeCommand<ConnectionResult>('rill.testConnection');
      assert.ok(!r.ok && r.kind === 'network', JSON.stringify(r));
      const message = ui.of('error')[0].message;
      assert.ok(
        message.includes(`VS Code ${vscode.version} sends no extension requests through a proxy (1.96 and later do)`),
        message,
      );
      assert.strictEqual(proxy.requests.length, 0, 'nothing reached the proxy');
    });
    return;
  }

  it('sends chat and model-list requests to the proxy set in http.proxy', async () => {
    await resetRill();
    await scriptUi();
    const port = new URL(server.baseUrl).port;
    await configure({ baseUrl: `http://${UPSTREAM}:${port}/v1`, model: 'rill-test-model' });

    const direct = await (await services()).session.ask('without a proxy');
    assert.strictEqual(direct.status, 'error', 'the name is unreachable without the proxy');
    assert.strictEqual(direct.error?.kind, 'network');

    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    const turn = await (await services()).session.ask('through the proxy');
    assert.strictEqual(turn.status, 'complete', turn.error?.message);
    assert.strictEqual(turn.text, 'Hello from the test server.');
    assert.ok(
      proxy.requests.some((r) => r.target.includes(`${UPSTREAM}:${port}`)),
      JSON.stringify(proxy.requests),
    );
    assert.strictEqual(server.requests.at(-1)!.body.messages.at(-1).content, 'through the proxy');

    const before = proxy.requests.length;
    const models = await (await services()).listModels({ baseUrl: `http://${UPSTREAM}:${port}/v1` });
    assert.ok(models.includes('rill-test-model'));
    assert.ok(proxy.requests.length > before, 'the model list went through the proxy too');
  });
});
