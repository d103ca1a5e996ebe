import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ConnectionResult } from '../../src/core/client/connectionTest';
import { sseReply } from '../helpers/mockServer';
import { freePort } from '../runners/codeServer';
import { configure, services, tokens, waitFor, withTestServer } from './helpers';

describe('Models, connection test, status bar and settings', function () {
  this.timeout(30_000);
  const bench = withTestServer(['Work']);

  const modelLists = () => bench.server.requests.filter((r) => r.path.endsWith('/models')).length;
  const chats = () => bench.server.requests.filter((r) => r.path.endsWith('/chat/completions'));

  it("Select Model lists the server's models, caches them, refreshes on request, and takes typed names", async () => {
    bench.server.models = ['alpha-1', 'beta-2', 'rill-test-model'];
    bench.ui.answer('pickOrType', (call) => call.options[1]);
    assert.strictEqual(await vscode.commands.executeCommand('rill.selectModel'), 'beta-2');
    assert.strictEqual(vscode.workspace.getConfiguration('rill').get('model'), 'beta-2');
    assert.deepStrictEqual(bench.ui.of('pickOrType')[0].options, ['alpha-1', 'beta-2', 'rill-test-model']);
    assert.strictEqual(modelLists(), 1);

    bench.server.models = ['gamma-3'];
    bench.ui.answer('pickOrType', (call) => {
      assert.deepStrictEqual(call.options, ['alpha-1', 'beta-2', 'rill-test-model'], 'served from the cache');
      return 'alpha-1';
    });
    await vscode.commands.executeCommand('rill.selectModel');
    assert.strictEqual(modelLists(), 1, 'no second request while cached');

    bench.ui.answer('pickOrType', async (_call, pick) => {
      const fresh = await pick!.load(true);
      assert.deepStrictEqual(
        fresh.items.map((i) => i.label),
        ['gamma-3'],
      );
      return 'my-own-finetune';
    });
    assert.strictEqual(await vscode.commands.executeCommand('rill.selectModel'), 'my-own-finetune');
    assert.strictEqual(modelLists(), 2, 'the refresh button asks the server again');
    await (await services()).session.ask('Hi');
    assert.strictEqual(chats()[0].body.model, 'my-own-finetune', 'the typed model is used at once');
  });

  it("Select Model writes a profile's model into its rill.profiles entry, keeping the rest", async () => {
    await configure({
      profiles: [{ name: 'Work', baseUrl: bench.server.baseUrl, model: 'old', extraBody: { top_p: 0.5 } }],
      activeProfile: 'Work',
    });
    bench.ui.answer('pickOrType', 'gpt-4o-mini');
    await vscode.commands.executeCommand('rill.selectModel');
    assert.deepStrictEqual(vscode.workspace.getConfiguration('rill').get('profiles'), [
      { name: 'Work', baseUrl: bench.server.baseUrl, model: 'gpt-4o-mini', extraBody: { top_p: 0.5 } },
    ]);
    await (await services()).session.ask('Hi');
    assert.strictEqual(chats()[0].body.top_p, 0.5, 'extra body fields are sent');
  });

  it('Select Model says why the list is empty and still takes a typed name', async () => {
    await configure({ baseUrl: `http://127.0.0.1:${await freePort()}/v1` });
    bench.ui.answer('pickOrType', 'typed-model');
    assert.strictEqual(await vscode.commands.executeCommand('rill.selectModel'), 'typed-model');
    assert.match(bench.ui.of('pickOrType')[0].error ?? '', /Could not list the models/);
  });

  it('Test Connection reports the latency of a working endpoint', async () => {
    bench.server.enqueue(sseReply(['OK']));
    const r = await vscode.commands.executeCommand<ConnectionResult>('rill.testConnection');
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(bench.ui.of('info')[0].message, /model rill-test-model answered in \d+ ms/);
    assert.strictEqual(chats()[0].body.messages.at(-1).content, 'Reply with the single word OK.');
  });

  it('Test Connection names the problem and the fix: key, model, network', async () => {
    bench.server.enqueue({ status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided' } }) });
    let r = await vscode.commands.executeCommand<ConnectionResult>('rill.testConnection');
    assert.ok(!r.ok && r.kind === 'auth');
    assert.match(bench.ui.of('error')[0].message, /HTTP 401.*Set API Key/);
    assert.deepStrictEqual(bench.ui.of('error')[0].options, ['Set API Key']);

    bench.server.enqueue({
      status: 404,
      body: JSON.stringify({ error: { message: 'The model `nope` does not exist', code: 'model_not_found' } }),
    });
    r = await vscode.commands.executeCommand<ConnectionResult>('rill.testConnection');
    assert.ok(!r.ok && r.kind === 'notFound');
    assert.deepStrictEqual(bench.ui.of('error')[1].options, ['Select Model', 'Select Provider']);

    await configure({ baseUrl: `http://127.0.0.1:${await freePort()}/v1` });
    r = await vscode.commands.executeCommand<ConnectionResult>('rill.testConnection');
    assert.ok(!r.ok && r.kind === 'network', JSON.stringify(r));
    assert.match(bench.ui.of('error')[2].message, /running and reachable/);
  });

  it('Test Connection without a provider offers to pick one', async () => {
    await configure({ baseUrl: undefined, model: undefined });
    assert.strictEqual(await vscode.commands.executeCommand('rill.testConnection'), undefined);
    assert.match(bench.ui.of('error')[0].message, /No provider is set up/);
    assert.deepStrictEqual(bench.ui.of('error')[0].options, ['Select Provider']);
  });

  it('the status bar shows the model, and tokens per second while streaming', async () => {
    const s = await services();
    assert.strictEqual(s.status.text, '$(comment-discussion) rill-test-model');
    await configure({ model: 'other-model' });
    await waitFor(() => s.status.text.includes('other-model'), 'the status bar to follow the setting');
    bench.server.enqueue(
      sseReply(tokens('one two three four five six seven eight nine ten eleven twelve thirteen fourteen'), {
        delayMs: 60,
      }),
    );
    const done = s.session.ask('count');
    await waitFor(() => /tokens\/s/.test(s.status.text), 'tokens per second in the status bar');
    assert.match(s.status.text, /^\$\(loading~spin\) other-model · \d+ tokens, [\d.]+ tokens\/s$/);
    await done;
    assert.strictEqual(s.status.text, '$(comment-discussion) other-model');
  });

  it('applies request settings without a reload: system prompt, temperature, max tokens, usage', async () => {
    const s = await services();
    await s.session.ask('one');
    let body = chats()[0].body;
    assert.deepStrictEqual(body.stream_options, { include_usage: true });
    assert.strictEqual(body.temperature, undefined);
    await configure({ systemPrompt: 'Be brief.', temperature: 0.3, maxTokens: 64, reportUsage: false });
    await s.session.ask('two');
    body = chats()[1].body;
    assert.strictEqual(body.messages[0].content, 'Be brief.');
    assert.strictEqual(body.temperature, 0.3);
    assert.strictEqual(body.max_tokens, 64);
    assert.strictEqual(body.stream_options, undefined);
  });

  it('ends an answer that takes longer than rill.requestTimeoutSeconds with a time-out', async () => {
    await configure({ requestTimeoutSeconds: 0.5 });
    bench.server.enqueue(sseReply(tokens('a b c d e f g h i j k l m n o p'), { delayMs: 100 }));
    const turn = await (await services()).session.ask('slow');
    assert.strictEqual(turn.status, 'interrupted');
    assert.strictEqual(turn.error?.kind, 'timeout');
    assert.ok(turn.text.length > 0, 'the partial answer is kept');
  });

  it('ends an answer after rill.idleTimeoutSeconds of silence from the server, keeping its text', async () => {
    const s = await services();
    const hang = () => {
      const reply = sseReply(['Partial ', 'answer']);
      // The role chunk and two deltas, then the server goes quiet with the connection open.
      return { chunks: reply.chunks!.slice(0, 3), hang: true };
    };
    await configure({ idleTimeoutSeconds: 1 });
    bench.server.enqueue(hang());
    const t0 = Date.now();
    const turn = await s.session.ask('then silence');
    const took = Date.now() - t0;
    assert.strictEqual(turn.status, 'interrupted', JSON.stringify(turn.error));
    assert.strictEqual(turn.error?.kind, 'timeout');
    assert.strictEqual(turn.text, 'Partial answer');
    assert.ok(took >= 900 && took < 10_000, `ended after ${took} ms of a 1 s idle limit`);
    await waitFor(() => chats()[0].aborted === true, 'the server to see the request aborted');

    // The setting applies without a reload: a longer limit lets a slow but steady answer finish.
    await configure({ idleTimeoutSeconds: 5 });
    bench.server.enqueue(sseReply(tokens('slow but steady words'), { delayMs: 1_500 }));
    const slow = await s.session.ask('slow but steady');
    assert.strictEqual(slow.status, 'complete', JSON.stringify(slow.error));
  });
});
