/**
 * The command-line tool, as a user runs it: `node dist/cli.js` spawned against the test server,
 * in plain and `--json` modes, with errors, a multi-megabyte answer through a pipe, and Ctrl-C.
 * Needs the bundle: run `node esbuild.js` (or `npm run build`) first.
 */
import * as assert from 'node:assert/strict';
import { assertCliBuilt, jsonLines, runCli } from '../helpers/cliRunner';
import { MockServer, sseReply } from '../helpers/mockServer';

describe('command-line tool (dist/cli.js)', function () {
  this.timeout(20_000);
  let server: MockServer;

  before(async () => {
    assertCliBuilt();
    server = await MockServer.start();
  });
  after(() => server?.close());
  beforeEach(() => server.reset());

  it('plain mode: the answer on stdout, exactly; usage on stderr; exit 0', async () => {
    const r = await runCli([
      '--base-url',
      server.baseUrl,
      '--model',
      'rill-test-model',
      '--api-key',
      'sk-cli-key',
      '--system',
      'Be terse.',
      '--max-tokens',
      '64',
      '--temperature',
      '0.5',
      'Say',
      'hello',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello from the test server.');
    assert.match(r.stderr, /usage: 12 prompt \+ 6 completion = 18 tokens/);
    const [req] = server.requests;
    assert.equal(req.headers.authorization, 'Bearer sk-cli-key');
    assert.deepEqual(req.body.messages, [
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Say hello' },
    ]);
    assert.equal(req.body.max_tokens, 64);
    assert.equal(req.body.temperature, 0.5);
    assert.equal(req.body.model, 'rill-test-model');
  });

  it('takes defaults from OPENAI_BASE_URL, OPENAI_MODEL and OPENAI_API_KEY, and the prompt from stdin', async () => {
    const r = await runCli([], {
      env: { OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: 'env-model', OPENAI_API_KEY: 'sk-env' },
      stdin: 'question from stdin\n',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello from the test server.');
    const [req] = server.requests;
    assert.equal(req.body.model, 'env-model');
    assert.equal(req.headers.authorization, 'Bearer sk-env');
    assert.deepEqual(req.body.messages, [{ role: 'user', content: 'question from stdin' }]);
    const flagged = await runCli(['--model=flag-model', 'hi'], {
      env: { OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: 'env-model' },
    });
    assert.equal(flagged.code, 0);
    assert.equal(server.requests[1].body.model, 'flag-model');
  });

  it('--json: one event per line as it happens', async () => {
    server.enqueue(sseReply(['A', 'B'], { reasoning: ['hm'], usage: true, finish: 'length' }));
    const r = await runCli(['--json', '--base-url', server.baseUrl, '--model', 'm', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(jsonLines(r.stdout), [
      { type: 'reasoning', text: 'hm' },
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
      { type: 'usage', promptTokens: 12, completionTokens: 3, totalTokens: 15 },
      { type: 'finish', reason: 'length' },
    ]);
    assert.equal(r.stderr, '');
  });

  it('--json: tool calls', async () => {
    server.enqueue({
      chunks: [
        'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":"}}]}}]}\n\n',
        'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Oslo\\"}"}}]}}]}\n\n',
        'data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const r = await runCli(['--json', '--base-url', server.baseUrl, '--model', 'm', 'weather?']);
    assert.equal(r.code, 0);
    assert.deepEqual(jsonLines(r.stdout), [
      { type: 'toolCall', id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { type: 'finish', reason: 'tool_calls' },
    ]);
  });

  it('a finish other than stop is noted on stderr and still exits 0', async () => {
    server.enqueue(sseReply(['cut'], { finish: 'length' }));
    const r = await runCli(['--base-url', server.baseUrl, '--model', 'm', 'hi']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'cut');
    assert.match(r.stderr, /finished: the answer reached the token limit/);
  });

  it('an error mid-answer: exit 1, the partial text kept, a clear message', async () => {
    const partial = sseReply(['Partial ', 'answer']).chunks!.slice(0, 3);
    const failing = {
      chunks: [...partial, 'data: {"error":{"message":"The model crashed","type":"server_error"}}\n\n'],
    };
    server.enqueue(failing);
    const r = await runCli(['--base-url', server.baseUrl, '--model', 'm', 'hi']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'Partial answer');
    assert.match(
      r.stderr,
      /rill: error \(api\): The server reported an error: The model crashed\. The answer above is incomplete\./,
    );

    server.enqueue(failing);
    const j = await runCli(['--json', '--base-url', server.baseUrl, '--model', 'm', 'hi']);
    assert.equal(j.code, 1);
    const lines = jsonLines(j.stdout);
    assert.deepEqual(lines.slice(0, 2), [
      { type: 'text', text: 'Partial ' },
      { type: 'text', text: 'answer' },
    ]);
    assert.equal(lines[2].type, 'error');
    assert.equal(lines[2].kind, 'api');
    assert.equal(lines[2].interrupted, true);
    assert.match(lines[2].message, /The model crashed/);
  });

  it('an HTTP error: exit 1 with what to do, and the key nowhere in the output', async () => {
    server.enqueue({
      status: 401,
      body: JSON.stringify({ error: { message: 'Incorrect API key provided: sk-wrong-123456' } }),
    });
    const r = await runCli(['--base-url', server.baseUrl, '--model', 'm', '--api-key', 'sk-wrong-123456', 'hi']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /error \(auth, HTTP 401\): The server rejected the API key .*Check the API key/);
    assert.ok(!r.stderr.includes('sk-wrong-123456'));
    server.enqueue(
      { status: 500, body: '{"error":"boom"}' },
      { status: 500, body: '{"error":"boom"}' },
      { status: 500, body: '{"error":"boom"}' },
    );
    const j = await runCli(['--json', '--base-url', server.baseUrl, '--model', 'm', 'hi']);
    assert.equal(j.code, 1);
    const lines = jsonLines(j.stdout);
    assert.deepEqual(
      lines.map((l) => l.type),
      ['retry', 'retry', 'error'],
    );
    assert.equal(lines[2].kind, 'server');
    assert.equal(lines[2].status, 500);
  });

  it('a refused connection: exit 1 with a clear message', async () => {
    const gone = await MockServer.start();
    const url = gone.baseUrl;
    await gone.close();
    const r = await runCli(['--base-url', url, '--model', 'm', 'hi']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /connection refused\. Is the server running/);
  });

  it('--timeout-ms: an idle server is an error after that long', async () => {
    server.enqueue({ chunks: sseReply(['waiting']).chunks!.slice(0, 2), hang: true });
    // A second, not less: the idle timer starts before Node's first fetch has loaded its HTTP
    // client, which alone can take a few hundred milliseconds on a busy machine.
    const r = await runCli(['--base-url', server.baseUrl, '--model', 'm', '--timeout-ms', '1000', 'hi']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'waiting', r.stderr);
    assert.match(r.stderr, /error \(timeout\): The server sent nothing for 1 s/);
  });

  it('a multi-megabyte answer arrives whole through a slow pipe', async () => {
    const piece = 'Lorem ipsum dolor sit amet, ünïcödé 🌊, consectetur adipiscing elit. '.repeat(30);
    const deltas = Array.from({ length: 2500 }, (_, i) => `${i}:${piece}\n`);
    const expected = deltas.join('');
    assert.ok(Buffer.byteLength(expected) > 5_000_000);
    server.enqueue(sseReply(deltas));
    const r = await runCli(['--base-url', server.baseUrl, '--model', 'm', 'long answer please'], { pauseMs: 500 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.length, expected.length);
    assert.ok(r.stdout === expected, 'the output differs from the answer');
  });

  for (const mode of ['plain', 'json'] as const) {
    it(`Ctrl-C (SIGINT) aborts the request and exits 130 (${mode})`, async () => {
      server.enqueue({ chunks: sseReply(['streaming ', 'forever']).chunks!.slice(0, 3), hang: true });
      let sent = false;
      const args = ['--base-url', server.baseUrl, '--model', 'm', 'hi'];
      const r = await runCli(mode === 'json' ? ['--json', ...args] : args, {
        onStdout: (text, child) => {
          if (!sent && text.includes('forever')) {
            sent = true;
            child.kill('SIGINT');
          }
        },
      });
      assert.equal(r.code, 130, r.stderr);
      if (mode === 'plain') {
        assert.equal(r.stdout, 'streaming forever');
        assert.match(r.stderr, /finished: cancelled/);
      } else {
        assert.deepEqual(jsonLines(r.stdout).pop(), { type: 'finish', reason: 'abort' });
      }
      const deadline = Date.now() + 3000;
      while (!server.requests[0].aborted && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
      assert.equal(server.requests[0].aborted, true, 'the server saw the request aborted');
    });
  }

  it('usage mistakes exit 2; --help exits 0', async () => {
    const noModel = await runCli(['--base-url', server.baseUrl, 'hi']);
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /No model given/);
    const unknown = await runCli(['--model', 'm', '--frobnicate', 'hi']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option --frobnicate/);
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: rill \[options\] \[PROMPT…\]/);
    for (const flag of [
      '--base-url',
      '--model',
      '--api-key',
      '--system',
      '--max-tokens',
      '--temperature',
      '--timeout-ms',
      '--json',
      'OPENAI_BASE_URL',
      'OPENAI_API_KEY',
      'OPENAI_MODEL',
    ]) {
      assert.ok(help.stdout.includes(flag), flag);
    }
    assert.equal(server.requests.length, 0);
  });
});
