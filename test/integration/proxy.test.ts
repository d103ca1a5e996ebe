import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ConnectionResult } from '../../src/core/client';
import { fetchUsesProxy } from '../../src/host/setup/proxySupport';
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
  const clearHttp = async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
  };
  beforeEach(async () => {
    await clearHttp();
    await resetRill();
    proxy.requests.length = 0;
    proxy.dropConnections();
    server.reset();
  });
  after(async () => {
    await clearHttp();
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

  it('reaches local addresses directly even with http.proxy set', async () => {
    const ui = await scriptUi();
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    const port = new URL(server.baseUrl).port;
    for (const host of ['127.0.0.1', 'localhost']) {
      await configure({ baseUrl: `http://${host}:${port}/v1`, model: 'rill-test-model' });
      const turn = await (await services()).session.ask(`direct to ${host}`);
      assert.strictEqual(turn.status, 'complete', `${host}: ${turn.error?.message}`);
      assert.strictEqual(server.requests.at(-1)!.body.messages.at(-1).content, `direct to ${host}`);
    }
    assert.deepStrictEqual(proxy.requests, [], 'the proxy saw no request');
    assert.deepStrictEqual(ui.of('error'), []);
  });

  it('reaches hosts listed in http.noProxy directly, not through the proxy', async () => {
    await scriptUi();
    const port = new URL(server.baseUrl).port;
    await configure({ baseUrl: `http://${UPSTREAM}:${port}/v1`, model: 'rill-test-model' });
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', [UPSTREAM], vscode.ConfigurationTarget.Global);
    // Only the proxy can reach the name: a direct request fails, and the proxy never sees it.
    const direct = await (await services()).session.ask('bypassing the proxy');
    assert.strictEqual(direct.status, 'error');
    assert.strictEqual(direct.error?.kind, 'network', direct.error?.message);
    assert.deepStrictEqual(proxy.requests, [], 'a noProxy host is not sent to the proxy');

    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    const proxied = await (await services()).session.ask('through the proxy again');
    assert.strictEqual(proxied.status, 'complete', proxied.error?.message);
    assert.ok(proxy.requests.length > 0, 'without the noProxy entry it goes through the proxy');
  });

  it('Test Connection names the proxy when a request cannot get through it', async () => {
    const ui = await scriptUi();
    const dead = await ProxyServer.start();
    const deadUrl = dead.url;
    await dead.close();
    const port = new URL(server.baseUrl).port;
    await configure({ baseUrl: `http://${UPSTREAM}:${port}/v1`, model: 'rill-test-model' });
    await http().update('proxy', deadUrl, vscode.ConfigurationTarget.Global);
    const r = await vscode.commands.executeCommand<ConnectionResult>('rill.testConnection');
    assert.ok(!r.ok && (r.kind === 'network' || r.kind === 'timeout'), JSON.stringify(r));
    const message = ui.of('error')[0]?.message ?? '';
    assert.ok(message.includes(deadUrl), `the message names the proxy ${deadUrl}: ${message}`);
    assert.ok(message.includes(`http://${UPSTREAM}:${port}`), `and the address it could not reach: ${message}`);
  });

  it('Test Connection never shows the proxy’s user name or password', async () => {
    const ui = await scriptUi();
    const dead = await ProxyServer.start();
    const deadUrl = dead.url.replace(/\/$/, '');
    await dead.close();
    const withCredentials = deadUrl.replace('://', '://rill-user:proxy-secret-42@');
    const port = new URL(server.baseUrl).port;
    await configure({ baseUrl: `http://${UPSTREAM}:${port}/v1`, model: 'rill-test-model' });
    await http().update('proxy', withCredentials, vscode.ConfigurationTarget.Global);
    const r = await vscode.commands.executeCommand<ConnectionResult>('rill.testConnection');
    assert.ok(!r.ok, JSON.stringify(r));
    const message = ui.of('error')[0]?.message ?? '';
    assert.ok(message.includes(deadUrl), `the message names the proxy by its address: ${message}`);
    assert.ok(
      !message.includes('proxy-secret-42') && !message.includes('rill-user'),
      `promise broken: Test Connection showed the proxy's user name or password: ${message}`,
    );
  });
});
