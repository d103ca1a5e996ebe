/**
 * Commands the model asks to run, in a real VS Code: the test server plays a model that calls
 * `run_command` twice; the test answers each step through the message its buttons send (Run on
 * the first, Skip on the second); the first one's output and exit code reach the server in the tool
 * message, the second is reported skipped and leaves no trace. Stop while a step waits ends the
 * answer with nothing run; the user's auto-run list lets a listed command run without asking.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ChatTurn } from '../../src/core/chat';
import { hasShellIntegrationApi } from '../../src/host/runCommand/terminal';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { sseReply } from '../helpers/mockServer';
import { configure, services, waitFor, withTestServer } from './helpers';

describe('run_command: the model asks, the user runs or skips', function () {
  this.timeout(60_000);
  const bench = withTestServer();
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const chatRequests = () => bench.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const skippedFile = () => vscode.Uri.joinPath(folder(), 'cmddemo', 'skipped.txt');
  const toolMessages = (i: number) =>
    (chatRequests()[i].body.messages as { role: string; content: string }[]).filter((m) => m.role === 'tool');

  before(async () => {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder(), 'cmddemo'));
  });
  after(async () => {
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(folder(), 'cmddemo'), { recursive: true })
      .then(undefined, () => {});
  });

  /** The answer's step `i` once it shows `status`. */
  async function stepShows(turn: () => ChatTurn | undefined, i: number, status: string) {
    await waitFor(() => turn()?.steps?.[i]?.status === status, `step ${i} ${status}`, 20_000);
    return turn()!.steps![i];
  }

  /** Presses Run or Skip on a waiting step: the message the step's buttons post, checked as the host checks it. */
  async function press(turnId: string, stepId: string, run: boolean) {
    const s = await services();
    const msg = parseWebviewMessage({ type: 'commandDecision', turnId, stepId, run });
    assert.ok(msg, 'a valid message');
    await s.controller.handle(msg);
  }

  it('Run sends the output and exit code back; Skip runs nothing and the model hears "skipped"', async () => {
    const s = await services();
    bench.server.enqueue(
      sseReply(['Let me check.'], {
        finish: 'tool_calls',
        toolCalls: [
          {
            name: 'run_command',
            arguments: JSON.stringify({ command: 'echo RUN-MARK && sh -c "exit 3"', cwd: 'cmddemo' }),
          },
          {
            name: 'run_command',
            arguments: JSON.stringify({ command: 'echo SKIPPED-OUTPUT > skipped.txt', cwd: 'cmddemo' }),
          },
        ],
      }),
      sseReply(['Done.']),
    );
    const asked = s.session.ask('run the checks');
    const answer = () => s.session.chat.turns.at(-1);
    const first = await stepShows(answer, 0, 'waiting');
    assert.deepStrictEqual(first.command, { line: 'echo RUN-MARK && sh -c "exit 3"', cwd: 'cmddemo' });
    assert.strictEqual(first.title, 'Run `echo RUN-MARK && sh -c "exit 3"` in cmddemo?');
    assert.strictEqual(chatRequests().length, 1, 'nothing goes on while the step waits');
    await press(answer()!.id, first.id, true);
    const second = await stepShows(answer, 1, 'waiting');
    await press(answer()!.id, second.id, false);
    const turn = await asked;
    assert.strictEqual(turn.status, 'complete', JSON.stringify(turn.error));
    assert.strictEqual(chatRequests().length, 2);
    const [ran, skipped] = toolMessages(1).map((m) => m.content);
    assert.match(ran, /was run by the user\. Exit code: 3\./);
    assert.match(ran, /Output:\nRUN-MARK/);
    assert.match(skipped, /The user skipped `echo SKIPPED-OUTPUT > skipped\.txt` in cmddemo: it was not run\./);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(skippedFile())), 'the skipped command wrote nothing');
    assert.deepStrictEqual(
      turn.steps?.map((st) => [st.status, st.title]),
      [
        ['done', 'Ran `echo RUN-MARK && sh -c "exit 3"` in cmddemo: exit 3'],
        ['refused', 'Skipped `echo SKIPPED-OUTPUT > skipped.txt`'],
      ],
    );
    assert.match(turn.steps?.[0].result ?? '', /RUN-MARK/);
    // VS Code 1.93+ runs it in a terminal whose shell integration reports the run; 1.90 has no such API.
    const terminals = vscode.window.terminals.map((t) => t.name);
    assert.strictEqual(
      terminals.some((n) => n.startsWith('Rill: echo RUN-MARK')),
      hasShellIntegrationApi(),
      `VS Code ${vscode.version}, terminals ${JSON.stringify(terminals)}`,
    );
  });

  it('Stop while a step waits ends the answer at once; nothing runs and no further request is sent', async () => {
    const s = await services();
    bench.server.enqueue(
      sseReply([], {
        finish: 'tool_calls',
        toolCalls: [
          {
            name: 'run_command',
            arguments: JSON.stringify({ command: 'echo SKIPPED-OUTPUT > skipped.txt', cwd: 'cmddemo' }),
          },
        ],
      }),
      sseReply(['never asked']),
    );
    const asked = s.session.ask('run it');
    const waiting = await stepShows(() => s.session.chat.turns.at(-1), 0, 'waiting');
    const t0 = Date.now();
    await s.controller.handle({ type: 'stop' });
    const turn = await asked;
    assert.ok(Date.now() - t0 < 2000, `stopped in ${Date.now() - t0} ms`);
    assert.strictEqual(turn.status, 'interrupted');
    assert.strictEqual(chatRequests().length, 1);
    assert.deepStrictEqual(
      turn.steps?.map((st) => [st.id, st.status, st.title]),
      [[waiting.id, 'refused', 'Stopped: `echo SKIPPED-OUTPUT > skipped.txt` not run']],
    );
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(skippedFile())));
  });

  it('Stop while a command runs kills it: the answer ends at once, the step says stopped', async () => {
    const s = await services();
    bench.server.enqueue(
      sseReply([], {
        finish: 'tool_calls',
        toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: 'echo STARTED && sleep 30' }) }],
      }),
      sseReply(['never asked']),
    );
    const asked = s.session.ask('run something slow');
    const answer = () => s.session.chat.turns.at(-1);
    const waiting = await stepShows(answer, 0, 'waiting');
    await press(answer()!.id, waiting.id, true);
    await stepShows(answer, 0, 'running');
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = Date.now();
    await s.controller.handle({ type: 'stop' });
    const turn = await asked;
    assert.ok(Date.now() - t0 < 5000, `stopped in ${Date.now() - t0} ms`);
    assert.strictEqual(turn.status, 'interrupted');
    assert.deepStrictEqual(
      turn.steps?.map((st) => [st.status, st.title]),
      [['refused', 'Stopped `echo STARTED && sleep 30`']],
    );
    assert.match(turn.steps?.[0].result ?? '', /The user stopped it before it ended\./);
    assert.strictEqual(chatRequests().length, 1);
  });

  it("a command the user's own settings list runs without asking; one that chains more still asks", async () => {
    const s = await services();
    await configure({ autoRunCommands: ['echo AUTO-MARK'] });
    bench.server.enqueue(
      sseReply([], {
        finish: 'tool_calls',
        toolCalls: [
          { name: 'run_command', arguments: JSON.stringify({ command: 'echo AUTO-MARK again' }) },
          { name: 'run_command', arguments: JSON.stringify({ command: 'echo AUTO-MARK; echo more' }) },
        ],
      }),
      sseReply(['ok']),
    );
    const asked = s.session.ask('auto');
    const answer = () => s.session.chat.turns.at(-1);
    const chained = await stepShows(answer, 1, 'waiting');
    assert.strictEqual(answer()?.steps?.[0].status, 'done', 'the listed command ran without a step waiting');
    await press(answer()!.id, chained.id, false);
    await asked;
    const [auto] = toolMessages(1).map((m) => m.content);
    assert.match(
      auto,
      /ran without asking \(the user allows it in settings\)\. Exit code: 0\.\nOutput:\nAUTO-MARK again/,
    );
  });
});
