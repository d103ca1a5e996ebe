/**
 * A command step in the conversation model: the loop's progress events move it to waiting (with
 * the exact command) and running; its result ends it; saved and read back, a step left waiting by a
 * closed window reads "not run"; the Markdown export shows the command; the checked chat file keeps
 * the new fields and drops a malformed command; the webview's Run / Skip message is validated.
 */
import * as assert from 'node:assert/strict';
import {
  type ChatTurn,
  chatToMarkdown,
  checkChat,
  foldEvent,
  markUnfinishedInterrupted,
} from '../../../../src/core/chat';
import { parseWebviewMessage } from '../../../../src/shared/protocol';

const run = { runStart: 0, sentTurnIds: [], now: () => 0 };

function turnWithCall(): ChatTurn {
  const turn: ChatTurn = { id: 't1', role: 'assistant', text: 'Checking.', status: 'streaming' };
  foldEvent(
    turn,
    {
      type: 'toolCall',
      id: 'c1',
      name: 'run_command',
      arguments: '{"command":"npm test"}',
      step: 'Run `npm test`?',
      protocol: 'native',
    },
    run,
  );
  return turn;
}

/** Folds the progress that makes the step wait for the user. */
function waitFor(turn: ChatTurn, title: string, cwd: string) {
  return foldEvent(
    turn,
    { type: 'toolProgress', id: 'c1', status: 'waiting', title, command: { line: 'npm test', cwd } },
    run,
  );
}

describe('command steps', () => {
  it('progress moves the step to waiting with its command, then running; the result ends it', () => {
    const turn = turnWithCall();
    const told = waitFor(turn, 'Run `npm test`?', '.');
    assert.equal(told?.type, 'turnUpdated');
    assert.deepEqual([turn.steps?.[0].status, turn.steps?.[0].command], ['waiting', { line: 'npm test', cwd: '.' }]);
    foldEvent(turn, { type: 'toolProgress', id: 'c1', status: 'running', title: 'Running `npm test`' }, run);
    assert.deepEqual([turn.steps?.[0].status, turn.steps?.[0].title], ['running', 'Running `npm test`']);
    foldEvent(
      turn,
      {
        type: 'toolResult',
        id: 'c1',
        name: 'run_command',
        ok: true,
        content: 'Exit code: 0.',
        summary: 'Ran `npm test`: exit 0',
      },
      run,
    );
    assert.deepEqual([turn.steps?.[0].status, turn.steps?.[0].title], ['done', 'Ran `npm test`: exit 0']);
    assert.deepEqual(turn.steps?.[0].command, { line: 'npm test', cwd: '.' }, 'the command stays with the step');
  });

  it('a step left waiting when the window closed reads "Not run" when the chat is opened again', () => {
    const turn = turnWithCall();
    waitFor(turn, 'Run `npm test` in src?', 'src');
    const chat = { id: 'x', title: 't', createdAt: 0, updatedAt: 0, turns: [turn] };
    assert.equal(markUnfinishedInterrupted(chat), true);
    assert.deepEqual(
      [turn.status, turn.steps?.[0].status, turn.steps?.[0].title],
      ['interrupted', 'refused', '`npm test`: not run'],
    );
  });

  it('that line is worded in the display language when a wording is given', () => {
    const turn = turnWithCall();
    waitFor(turn, '运行 `npm test`？', 'src');
    const chat = { id: 'x', title: 't', createdAt: 0, updatedAt: 0, turns: [turn] };
    const wording = (template: string, args: readonly string[]) =>
      template === '{0}: not run' ? `${args[0]}：未运行` : `?${template}`;
    markUnfinishedInterrupted(chat, wording);
    assert.equal(turn.steps?.[0].title, '`npm test`：未运行');
  });

  it('the Markdown export shows the step line and the command in a fence', () => {
    const turn = turnWithCall();
    waitFor(turn, 'Run `npm test`?', '.');
    turn.status = 'complete';
    const md = chatToMarkdown({ id: 'x', title: 'T', createdAt: 0, updatedAt: 0, turns: [turn] });
    assert.match(md, /> Tool: Run `npm test`\?\n\n```sh\nnpm test\n```/);
  });

  it('a saved chat keeps a waiting step and its command; a malformed command drops the step list', () => {
    const turn = turnWithCall();
    turn.steps![0].status = 'waiting';
    turn.steps![0].command = { line: 'npm test', cwd: '.' };
    const good = checkChat({ id: 'x', title: 't', createdAt: 1, updatedAt: 1, turns: [turn] }, 'x');
    assert.ok(good.ok);
    assert.deepEqual(good.ok && good.dropped, []);
    const bad = structuredClone(turn);
    (bad.steps![0] as unknown as { command: unknown }).command = { line: 42 };
    const checked = checkChat({ id: 'x', title: 't', createdAt: 1, updatedAt: 1, turns: [bad] }, 'x');
    assert.ok(checked.ok && checked.dropped.length > 0, JSON.stringify(checked));
  });

  it('the Run / Skip message is validated: ids, a boolean decision', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'commandDecision', turnId: 't1', stepId: 'call_1', run: true }), {
      type: 'commandDecision',
      turnId: 't1',
      stepId: 'call_1',
      run: true,
    });
    assert.equal(
      parseWebviewMessage({ type: 'commandDecision', turnId: 't1', stepId: 'call_1', run: 'yes' }),
      undefined,
    );
    assert.equal(
      parseWebviewMessage({ type: 'commandDecision', turnId: 'bad id!', stepId: 'c', run: true }),
      undefined,
    );
    assert.equal(parseWebviewMessage({ type: 'commandDecision', turnId: 't1', run: false }), undefined);
  });
});
