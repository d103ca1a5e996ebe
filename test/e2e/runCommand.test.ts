/**
 * A command the model asks to run, like a user meets it in the real panel: the step shows the
 * exact command and its folder with Run and Skip; Run runs it and the model gets its output and
 * exit code; Skip runs nothing and the model hears so.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { type ChatDriver, openChatWorkbench, words } from './chatDriver';
import type { Workbench } from './workbench';

describe('e2e: run_command in the Rill view', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let server: MockServer;
  let d: ChatDriver;
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));

  before(async () => {
    ({ wb, server, d } = await openChatWorkbench());
    fs.mkdirSync(path.join(wb.server.workspace, 'cmd'), { recursive: true });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('shows the command with Run and Skip; Run sends its output back, Skip runs nothing', async () => {
    server.enqueue(
      sseReply(words('Let me run it.'), {
        finish: 'tool_calls',
        toolCalls: [
          {
            id: 'call_run',
            name: 'run_command',
            arguments: JSON.stringify({ command: 'echo E2E-RUN-MARK', cwd: 'cmd' }),
          },
          {
            id: 'call_skip',
            name: 'run_command',
            arguments: JSON.stringify({ command: 'echo no > skipped.txt', cwd: 'cmd' }),
          },
        ],
      }),
      sseReply(words('All done here.')),
    );
    await d.send('Run the check');
    const approval = d.lastAnswer().getByRole('group', { name: 'The model asks to run a command' });
    await approval.waitFor({ timeout: 30_000 });
    assert.strictEqual(await approval.locator('.tool-step-command').innerText(), 'echo E2E-RUN-MARK');
    assert.strictEqual(await approval.locator('.tool-step-folder').innerText(), 'in the folder cmd');
    await approval.getByRole('button', { name: 'Run' }).click();
    const next = d.lastAnswer().getByRole('group', { name: 'The model asks to run a command' });
    await next
      .locator('.tool-step-command', { hasText: 'skipped.txt' })
      // The first command opens a terminal and waits up to 4 s for its shell: a cold workbench is slow.
      .waitFor({ timeout: 60_000 })
      .catch(async (e) => {
        const lines = await d.lastAnswer().locator('.tool-step-label').allInnerTexts();
        throw new Error(`${e}\nsteps: ${JSON.stringify(lines)}`);
      });
    await next.getByRole('button', { name: 'Skip' }).click();
    await d.waitReply('All done here.');
    d.skipRequests();
    const results = (chatRequests()[1].body.messages as { role: string; content: string }[]).filter(
      (m) => m.role === 'tool',
    );
    assert.match(results[0].content, /Exit code: 0\.\nOutput:\nE2E-RUN-MARK/);
    assert.match(results[1].content, /The user skipped/);
    assert.ok(!fs.existsSync(path.join(wb.server.workspace, 'cmd', 'skipped.txt')));
    const lines = await d.lastAnswer().locator('.tool-step-label').allInnerTexts();
    assert.deepStrictEqual(lines, ['Ran `echo E2E-RUN-MARK` in cmd: exit 0', 'Skipped `echo no > skipped.txt`']);
  });
});
