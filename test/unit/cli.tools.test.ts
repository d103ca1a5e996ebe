/**
 * `rill --tools`, as a user runs it against the test server scripted as a model: the tools over
 * --cwd, a step line per call on stderr, the `tool` JSON line, the text-protocol fallback, and
 * nothing changed without --tools. Needs the bundle: run `node esbuild.js` first.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonLines, runCli } from '../helpers/cliRunner';
import { useCliServer } from '../helpers/cliServer';
import { sseReply } from '../helpers/mockServer';

describe('command-line tool: --tools', function () {
  this.timeout(30_000);
  const fx = useCliServer('rill-cli-tools-');

  before(() => {
    fs.mkdirSync(path.join(fx.dir, 'src'));
    fs.writeFileSync(path.join(fx.dir, 'src', 'retry.ts'), 'export const retryDelay = 250;\n');
    fs.writeFileSync(path.join(fx.dir, '.env'), 'TOKEN=abc\n');
  });

  const base = () => ['--base-url', fx.server.baseUrl, '--model', 'rill-test-model'];

  it('runs the calls over --cwd, prints a step line per call on stderr, and sends the results back', async () => {
    fx.server.enqueue(
      sseReply([], {
        finish: 'tool_calls',
        toolCalls: [
          { name: 'search_text', arguments: '{"query":"retryDelay"}' },
          { name: 'read_file', arguments: '{"path":".env"}' },
        ],
      }),
      sseReply(['It is 250 ms.']),
    );
    const r = await runCli([...base(), '--tools', '--cwd', fx.dir, 'Where', 'is', 'retryDelay?']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'It is 250 ms.');
    assert.match(r.stderr, /^rill: Searched `retryDelay`: 1 result in 1 file$/m);
    assert.match(r.stderr, /^rill: Refused \.env: secret file$/m);
    const chats = fx.server.requests.filter((q) => q.path.endsWith('/chat/completions'));
    assert.equal(chats.length, 2);
    assert.deepEqual(
      chats[0].body.tools.map((t: { function: { name: string } }) => t.function.name),
      ['read_file', 'list_dir', 'find_files', 'search_text'],
    );
    assert.equal(chats[0].body.tool_choice, 'auto');
    const sent = chats[1].body.messages;
    const n = sent.length;
    assert.equal(sent[n - 3].role, 'assistant');
    assert.equal(sent[n - 3].tool_calls.length, 2);
    assert.deepEqual(sent[n - 2], {
      role: 'tool',
      content: 'src/retry.ts:1: export const retryDelay = 250;',
      tool_call_id: 'call_0',
    });
    assert.equal(sent[n - 1].tool_call_id, 'call_1');
    assert.match(sent[n - 1].content, /^Refused \.env: secret file/);
    assert.doesNotMatch(JSON.stringify(sent), /TOKEN=abc/);
  });

  it('--json: a {"type":"tool","id","name","ok"} line per call before the answer text', async () => {
    fx.server.enqueue(
      sseReply([], { finish: 'tool_calls', toolCalls: [{ name: 'list_dir', arguments: '{"path":"../.."}' }] }),
      sseReply(['Done.']),
    );
    const r = await runCli([...base(), '--tools', 'read', '--cwd', fx.dir, '--json', 'list']);
    assert.equal(r.code, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    const tool = lines.findIndex((l) => l.type === 'tool');
    assert.deepEqual(lines[tool], { type: 'tool', id: 'call_0', name: 'list_dir', ok: false });
    assert.ok(tool < lines.findIndex((l) => l.type === 'text'));
    assert.equal(lines.filter((l) => l.type === 'finish').length, 1);
  });

  it('falls back to the text protocol when the server refuses tools (Ollama shape), and runs the written calls', async () => {
    fx.server.enqueue(
      {
        status: 400,
        body: JSON.stringify({
          error: {
            message: 'registry.ollama.ai/library/gemma:latest does not support tools',
            type: 'api_error',
            param: null,
            code: null,
          },
        }),
      },
      sseReply(['Reading. <tool_', 'call>{"name":"read_file","arguments":{"path":"src/retry.ts"}}</tool_call>']),
      sseReply(['250.']),
    );
    const r = await runCli([...base(), '--tools', '--cwd', fx.dir, 'q']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Reading. 250.');
    assert.match(r.stderr, /does not take native tool calls.*asking again/);
    assert.match(r.stderr, /^rill: Read src\/retry\.ts, lines 1-1$/m);
    const chats = fx.server.requests.filter((q) => q.path.endsWith('/chat/completions'));
    assert.equal(chats.length, 3);
    assert.equal(chats[1].body.tools, undefined);
    assert.match(chats[1].body.messages[0].content, /<tool_call>/);
    const last = chats[2].body.messages.at(-1);
    assert.equal(last.role, 'user');
    assert.match(last.content, /^<tool_response name="read_file">\nexport const retryDelay = 250;/);
  });

  it('--tool-protocol text sends no native tools from the start', async () => {
    fx.server.enqueue(sseReply(['plain answer']));
    const r = await runCli([...base(), '--tools', '--tool-protocol', 'text', '--cwd', fx.dir, 'q']);
    assert.equal(r.code, 0, r.stderr);
    const [chat] = fx.server.requests.filter((q) => q.path.endsWith('/chat/completions'));
    assert.equal(chat.body.tools, undefined);
    assert.match(chat.body.messages[0].content, /search_text\(query, is_regex\?, include\?\)/);
  });

  it('without --tools nothing changes: no tools in the request; --cwd alone and --apply without --tools edit are usage errors', async () => {
    fx.server.enqueue(sseReply(['hi']));
    const r = await runCli([...base(), 'q']);
    assert.equal(r.code, 0, r.stderr);
    const [chat] = fx.server.requests.filter((q) => q.path.endsWith('/chat/completions'));
    assert.equal(chat.body.tools, undefined);
    assert.deepEqual(chat.body.messages, [{ role: 'user', content: 'q' }]);
    assert.equal((await runCli([...base(), '--cwd', fx.dir, 'q'])).code, 2);
    assert.equal((await runCli([...base(), '--tools', '--apply', 'q'])).code, 2);
    assert.equal((await runCli([...base(), '--tools=write', 'q'])).code, 2);
    assert.equal((await runCli([...base(), '--tools', '--cwd', path.join(fx.dir, 'nope'), 'q'])).code, 2);
  });

  it('--help lists --tools and --cwd', async () => {
    const r = await runCli(['--help']);
    assert.match(r.stdout, /--tools \[read\]/);
    assert.match(r.stdout, /--cwd DIR/);
  });
});
