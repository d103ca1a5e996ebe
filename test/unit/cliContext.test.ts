/**
 * The command-line tool with a conversation: `--messages`, `--context-tokens`, the `context` JSON
 * line, trimming to the window and one trimmed retry after the server's overflow error.
 * Needs the bundle (`npm run build`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertCliBuilt, jsonLines, runCli } from '../helpers/cliRunner';
import { MockServer } from '../helpers/mockServer';
import { REFUSING_SHAPES } from '../helpers/serverWindow';

/** A conversation of `turns` question/answer pairs, each some 60 words. */
function conversation(turns: number): { role: string; content: string }[] {
  const out: { role: string; content: string }[] = [{ role: 'system', content: 'You answer briefly.' }];
  for (let i = 0; i < turns; i++) {
    out.push({ role: 'user', content: `Question ${i}: ${'how does the parser handle nested blocks? '.repeat(8)}` });
    out.push({ role: 'assistant', content: `Answer ${i}: ${'it keeps a stack of open containers. '.repeat(8)}` });
  }
  return out;
}

describe('command-line tool with a conversation (--messages)', function () {
  this.timeout(30_000);
  let server: MockServer;
  let dir: string;
  const file = (name: string, value: unknown): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
    return p;
  };

  before(async () => {
    assertCliBuilt();
    server = await MockServer.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-cli-'));
  });
  after(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => server.reset());
  /** Runs the tool on a conversation file written from `messages`, with more arguments after. */
  const ask = ([name, messages]: [string, unknown], ...rest: string[]) =>
    runCli(['--base-url', server.baseUrl, '--model', 'm', '--messages', file(name, messages), ...rest]);

  it('sends the file’s conversation with the prompt appended, and a context line first', async () => {
    const msgs = file('short.json', conversation(2));
    const r = await runCli(['--json', '--base-url', server.baseUrl, '--model', 'm', '--messages', msgs, 'and', 'now?']);
    assert.equal(r.code, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.equal(lines[0].type, 'context');
    assert.deepEqual(Object.keys(lines[0]).sort(), ['droppedMessages', 'promptTokens', 'type', 'windowTokens']);
    assert.equal(lines[0].droppedMessages, 0);
    assert.equal(lines[0].windowTokens, 8192, 'the default: the test server’s list states no window');
    assert.ok(lines[0].promptTokens > 200);
    assert.ok(lines.findIndex((l) => l.type === 'text') > 0);
    const chat = server.requests.find((q) => q.method === 'POST')!;
    assert.deepEqual(chat.body.messages, [...conversation(2), { role: 'user', content: 'and now?' }]);
  });

  it('without a prompt, answers the file’s last message; bad files are usage errors', async () => {
    const msgs = file('ask.json', [...conversation(1), { role: 'user', content: 'last question' }]);
    const r = await runCli(['--base-url', server.baseUrl, '--model', 'm', '--messages', msgs]);
    assert.equal(r.code, 0, r.stderr);
    const chat = server.requests.find((q) => q.method === 'POST')!;
    assert.equal(chat.body.messages.at(-1).content, 'last question');
    assert.equal(chat.body.messages.length, 4);

    for (const [name, content, error] of [
      ['bad.json', '{not json', /is not JSON/],
      ['obj.json', { role: 'user' }, /JSON array of chat messages/],
      ['role.json', [{ role: 'wizard', content: 'x' }], /message 0 has role "wizard"/],
      ['content.json', [{ role: 'user', content: 5 }], /message 0: "content" must be/],
      ['ends.json', conversation(1), /does not end with a user message/],
    ] as const) {
      const bad = await runCli(['--base-url', server.baseUrl, '--model', 'm', '--messages', file(name, content)]);
      assert.equal(bad.code, 2, name);
      assert.match(bad.stderr, error);
    }
    const missing = await runCli(['--base-url', server.baseUrl, '--model', 'm', '--messages', path.join(dir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read .*ENOENT/);
    const tokens = await runCli(['--model', 'm', '--context-tokens', 'lots', 'x']);
    assert.equal(tokens.code, 2);
    assert.match(tokens.stderr, /--context-tokens needs a whole number/);
  });

  it('--context-tokens: leaves out the oldest messages, says so on stderr, and sends what fits', async () => {
    server.window = { tokens: 1500, shape: 'openai' };
    const msgs = file('long.json', conversation(40));
    const r = await runCli([
      '--base-url',
      server.baseUrl,
      '--model',
      'm',
      '--messages',
      msgs,
      '--context-tokens',
      '1500',
      'summary?',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello from the test server.');
    const note =
      /rill: (\d+) earlier messages not sent: the conversation is longer than the model's window \(1500 tokens\)/.exec(
        r.stderr,
      );
    assert.ok(note, r.stderr);
    const chat = server.requests.filter((q) => q.method === 'POST');
    assert.equal(chat.length, 1, 'it fitted the first time: no overflow');
    assert.equal(chat[0].overflow, undefined);
    const sent = chat[0].body.messages;
    assert.equal(sent.length, 1 + 80 - Number(note[1]) + 1);
    assert.equal(sent[0].content, 'You answer briefly.');
    assert.equal(sent.at(-1).content, 'summary?');
  });

  it('takes the window from the server’s /models metadata', async () => {
    server.window = { tokens: 2000, shape: 'vllm', listed: true };
    const r = await runCli([
      '--json',
      '--base-url',
      server.baseUrl,
      '--model',
      'rill-test-model',
      '--messages',
      file('l.json', conversation(40)),
      'q',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const [context] = jsonLines(r.stdout);
    assert.equal(context.windowTokens, 2000);
    assert.ok(context.droppedMessages > 0);
  });

  for (const shape of REFUSING_SHAPES) {
    it(`recovers from a ${shape} overflow error with one trimmed retry`, async () => {
      // The server's window is far smaller than the default Rill assumes. Ollama's error states no
      // size, so Rill halves what it sent: a window within that reach.
      server.window = { tokens: shape === 'ollama' ? 3000 : 1200, shape };
      const r = await runCli([
        '--json',
        '--base-url',
        server.baseUrl,
        '--model',
        'm',
        '--messages',
        file(`${shape}.json`, conversation(40)),
        'q',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const chat = server.requests.filter((q) => q.method === 'POST');
      assert.equal(chat.length, 2, 'one refused request, one retry');
      assert.equal(chat[0].overflow, 'refused');
      assert.equal(chat[1].overflow, undefined, `the retry fits the server's count (${chat[1].promptTokens})`);
      const lines = jsonLines(r.stdout);
      assert.deepEqual(
        lines.slice(0, 3).map((l) => l.type),
        ['context', 'contextOverflow', 'context'],
      );
      assert.equal(lines[2].retry, true);
      assert.ok(lines[2].droppedMessages > 0);
      if (shape !== 'ollama') assert.equal(lines[2].windowTokens, 1200, 'the window stated in the error');
      assert.ok(lines.some((l) => l.type === 'text'));
    });
  }

  it('plain mode tells about the retry on stderr; a prompt that cannot fit fails clearly, once', async () => {
    server.window = { tokens: 1200, shape: 'llamacpp' };
    const r = await ask(['p.json', conversation(40)], 'q');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /the server says the conversation does not fit its window \(1200 tokens\); retrying/);
    server.reset();
    server.window = { tokens: 300, shape: 'llamacpp' };
    const huge = await ask(['h.json', []], 'word '.repeat(2000));
    assert.equal(huge.code, 1);
    assert.match(huge.stderr, /the prompt alone does not fit the model's window \(300 tokens\)/);
    assert.equal(server.requests.filter((q) => q.method === 'POST').length, 1);
  });

  it('warns when the server silently cut the prompt, with advice for no server in particular off Ollama’s port', async () => {
    server.window = { tokens: 1000, shape: 'ollama-silent' };
    const r = await ask(['o.json', conversation(40)], '--context-tokens', '32000', 'q');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /counted only 1000 prompt tokens of about \d+ sent/);
    assert.match(r.stderr, /Raise the window in the server's settings/);
    assert.doesNotMatch(r.stderr, /num_ctx/);
  });
});
