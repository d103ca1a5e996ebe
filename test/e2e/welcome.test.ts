import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { MockServer, sseReply } from '../helpers/mockServer';
import { freePort } from '../runners/codeServer';
import { words } from './chatDriver';
import { openWorkbench, type Workbench } from './workbench';

/** Whether nothing listens on 127.0.0.1:`port`, so a test server can take it. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

describe('e2e: first run, nothing configured', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let server: MockServer;
  let chat: Frame;
  let workspace: string;
  let address: string;

  before(async () => {
    // An Ollama-like server on Ollama's default port. When another program holds that port, the
    // test server takes a free one and Rill is told to probe Ollama there (the only way the probed
    // ports can change); the other presets are pointed at a port nobody listens on either way.
    const onDefault = await portIsFree(11434);
    server = await MockServer.start({ port: onDefault ? 11434 : 0 });
    server.models = ['llama3.2', 'qwen2.5-coder'];
    const port = Number(new URL(server.baseUrl).port);
    address = `localhost:${port}`;
    const closed = await freePort();
    const moved = ['lmstudio', 'llamacpp', 'vllm'].map((p) => `${p}=${closed}`);
    if (!onDefault) moved.push(`ollama=${port}`);
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-welcome-'));
    fs.writeFileSync(path.join(workspace, 'hello.py'), 'def greet(name):\n    return "Hello, " + name\n');
    wb = await openWorkbench({
      workspace,
      env: { RILL_LOCAL_SERVER_PORTS: moved.join(','), OPENAI_BASE_URL: '', OPENAI_MODEL: '', OPENAI_API_KEY: '' },
    });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('opening the chat offers the local server it found, with its model', async () => {
    await wb.page.locator('.activitybar a.action-label[aria-label^="Rill"]').click();
    chat = await wb.frameWith('.welcome');
    const use = chat.getByRole('button', { name: `Use Ollama with llama3.2 (${address})` });
    await use.waitFor({ timeout: 20_000 });
    assert.ok(
      server.requests.some((r) => r.path.endsWith('/v1/models')),
      'the model list was asked for',
    );
    for (const name of ['Find Local Servers', 'Select Provider', 'Set API Key', 'Test Connection'])
      assert.ok(await chat.getByRole('button', { name }).isVisible(), name);
    assert.deepStrictEqual(
      await chat.locator('.welcome button.primary').allInnerTexts(),
      [`Use Ollama with llama3.2 (${address})`],
      'one primary action: the server found',
    );
    await wb.page.mouse.move(200, 600); // not on the activity bar: no tooltip in the picture
    await wb.page.waitForTimeout(500);
    await wb.screenshot('welcome', { x: 0, y: 0, width: 348, height: 900 });
  });

  it('a question before any setup gets the error with a Select Provider button that opens the picker; the welcome stays below it', async () => {
    const box = chat.locator('textarea[aria-label=Message]');
    await box.fill('Hello?');
    await box.press('Enter');
    const note = chat.locator('article.turn.assistant .note');
    await note.filter({ hasText: 'No provider is set up' }).waitFor({ timeout: 10_000 });
    // Nothing is set up yet: the welcome and its buttons come back under the failed question.
    await chat.getByRole('button', { name: `Use Ollama with llama3.2 (${address})` }).waitFor({ timeout: 10_000 });
    assert.ok(await chat.getByRole('button', { name: 'Find Local Servers' }).isVisible());
    await note.getByRole('button', { name: 'Select Provider' }).click();
    const title = wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Select Provider' });
    await title.waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Escape');
  });

  it('one click makes it the active profile; the failed question leaves the chat, back in the message box; a question gets an answer', async () => {
    await chat.getByRole('button', { name: `Use Ollama with llama3.2 (${address})` }).click();
    await chat.locator('.welcome', { hasText: 'Chatting with Ollama · llama3.2' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await chat.locator('article.turn').count(), 0, 'the "No provider is set up" error is gone');
    assert.strictEqual(await chat.locator('textarea[aria-label=Message]').inputValue(), 'Hello?');
    server.enqueue(sseReply(words('Hello from the local model.')));
    const box = chat.locator('textarea[aria-label=Message]');
    await box.fill('Say hello');
    await box.press('Enter');
    await chat
      .locator('article.turn.assistant', { hasText: 'Hello from the local model.' })
      .waitFor({ timeout: 20_000 });
    const req = server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1);
    assert.ok(req, 'the question went to the local server');
    assert.strictEqual(req.body.model, 'llama3.2');
    assert.strictEqual(req.headers.authorization, undefined, 'no key is sent to a local server');
  });

  it("shows a tool call's name and pretty-printed arguments, collapsed and copyable, and tokens and cost per answer and chat", async () => {
    server.enqueue(
      sseReply(words('Let me check the weather.'), {
        toolCalls: [{ name: 'get_weather', arguments: '{"city":"Oslo","days":3}' }],
        usage: true,
        cost: 0.00042,
      }),
    );
    const box = chat.locator('textarea[aria-label=Message]');
    await box.fill('Weather in Oslo?');
    await box.press('Enter');
    const answer = chat.locator('article.turn.assistant', { hasText: 'Let me check the weather.' });
    await answer.locator('.usage').waitFor({ timeout: 20_000 });
    const call = answer.locator('details.tool-call');
    assert.strictEqual(await call.locator('summary').innerText(), 'Tool call: get_weather');
    assert.strictEqual(await call.evaluate((d) => (d as HTMLDetailsElement).open), false, 'collapsed');
    await call.locator('summary').click();
    assert.strictEqual(await call.locator('pre').innerText(), '{\n  "city": "Oslo",\n  "days": 3\n}');
    await call.getByRole('button', { name: 'Copy arguments' }).click();
    await wb.page.waitForTimeout(300);
    assert.strictEqual(
      await wb.page.evaluate(() => navigator.clipboard.readText()),
      '{\n  "city": "Oslo",\n  "days": 3\n}',
    );
    assert.match(await answer.locator('.usage').innerText(), /tokens · \$0\.00042/);
    assert.match(await chat.locator('.footer').innerText(), /this chat: [\d,]+ tokens · \$0\.00042/);
  });

  it('once set up, an empty chat shows the provider and example questions about the current file', async () => {
    await wb.page.keyboard.press('Control+P');
    const box = wb.quickInput();
    await box.fill('hello.py');
    await wb.quickPickRows('hello.py').first().waitFor();
    await box.press('Enter');
    await wb.page.locator('.tab', { hasText: 'hello.py' }).waitFor({ timeout: 10_000 });
    await wb.page.locator('.part.sidebar a.action-label[aria-label^="New Chat"]:visible').first().click();
    const example = chat.getByRole('button', { name: 'Explain what hello.py does' });
    await example.waitFor({ timeout: 10_000 });
    await wb.screenshot('welcome-configured', { x: 0, y: 0, width: 560, height: 900 });
    server.enqueue(sseReply(words('It greets someone by name.')));
    await example.click();
    await chat
      .locator('article.turn.assistant', { hasText: 'It greets someone by name.' })
      .waitFor({ timeout: 20_000 });
    const sent = server.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .at(-1)!
      .body.messages.at(-1);
    assert.match(sent.content, /^Explain what hello\.py does/);
    assert.ok(sent.content.includes('return "Hello, " + name'), 'the file went with the question');
  });
});
