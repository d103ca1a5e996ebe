/**
 * The host's command runner without VS Code: a child process through the shell (exit code,
 * bounded output, the time limit and Stop killing the whole process tree) and the approvals that
 * the step's Run and Skip buttons decide.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { CommandApprovals } from '../../../src/host/runCommand/approvals';
import { runInProcess } from '../../../src/host/runCommand/childProcess';

const node = JSON.stringify(process.execPath);
const cwd = os.tmpdir();

/** Whether process `pid` still runs (a zombie left for an init that does not reap counts as ended). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

describe('command runner: child process', function () {
  this.timeout(20_000);

  it('runs through the shell in the folder, giving the exit code and both streams', async () => {
    const run = await runInProcess({
      command: `${node} -e "console.log(process.cwd()); console.error('to stderr'); process.exit(3)"`,
      cwd,
      timeLimitMs: 10_000,
      signal: new AbortController().signal,
    });
    assert.equal(run.exitCode, 3);
    assert.equal(run.via, 'process');
    assert.match(run.output, /to stderr/);
    assert.ok(run.output.includes(os.tmpdir().split(/[\\/]/).pop() ?? ''), run.output);
  });

  it('bounds the output it keeps: head and tail, the middle counted', async () => {
    const run = await runInProcess({
      command: `${node} -e "console.log('FIRST'); for (let i = 0; i < 20000; i++) console.log('line ' + i); console.log('LAST')"`,
      cwd,
      timeLimitMs: 10_000,
      signal: new AbortController().signal,
      maxChars: 1000,
    });
    assert.equal(run.exitCode, 0);
    assert.ok(run.output.startsWith('FIRST'));
    assert.ok(run.output.trimEnd().endsWith('LAST'));
    assert.match(run.output, /characters of output cut here/);
    assert.ok(run.output.length < 1200, `${run.output.length}`);
  });

  // The grandchild writes its pid, then sleeps: killing only the shell would leave it running.
  const tree = `${node} -e "const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' }); console.log('child ' + c.pid); setTimeout(() => {}, 60000)"`;

  it('kills the whole process tree at the time limit, and says so', async () => {
    const started = Date.now();
    const run = await runInProcess({ command: tree, cwd, timeLimitMs: 1500, signal: new AbortController().signal });
    assert.ok(Date.now() - started < 10_000);
    assert.equal(run.timedOutAfter, 2);
    assert.equal(run.exitCode, undefined);
    const pid = Number(/child (\d+)/.exec(run.output)?.[1]);
    assert.ok(pid > 0, run.output);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(alive(pid), false, 'the grandchild is gone too');
  });

  it('Stop kills a running command at once', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 800);
    const started = Date.now();
    const run = await runInProcess({ command: tree, cwd, timeLimitMs: 60_000, signal: stop.signal });
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    assert.equal(run.exitCode, undefined);
    assert.equal(run.timedOutAfter, undefined);
    const pid = Number(/child (\d+)/.exec(run.output)?.[1]);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(alive(pid), false);
  });

  it('a command that cannot start is an answer, not an exception', async () => {
    const run = await runInProcess({
      command: 'exit 0',
      cwd: `${cwd}/no-such-folder-${process.pid}`,
      timeLimitMs: 5000,
      signal: new AbortController().signal,
    });
    assert.equal(run.exitCode, undefined);
    assert.match(run.output, /Could not start the command/);
  });
});

describe('command approvals', () => {
  it('Run and Skip decide the step that waits, once; another answer or step is not decided', async () => {
    const a = new CommandApprovals();
    const signal = new AbortController().signal;
    const first = a.wait('t1', 'c1', signal);
    const second = a.wait('t1', 'c2', signal);
    assert.equal(a.decide('t2', 'c1', true), false);
    assert.equal(a.decide('t1', 'c1', true), true);
    assert.equal(a.decide('t1', 'c1', false), false, 'already decided');
    assert.equal(await first, true);
    assert.equal(a.isWaiting('t1', 'c2'), true);
    a.decide('t1', 'c2', false);
    assert.equal(await second, false);
  });

  it('Stop ends the wait as not run', async () => {
    const a = new CommandApprovals();
    const stop = new AbortController();
    const waiting = a.wait('t', 'c', stop.signal);
    stop.abort();
    assert.equal(await waiting, false);
    assert.equal(a.isWaiting('t', 'c'), false);
    assert.equal(await a.wait('t', 'c', stop.signal), false, 'an aborted answer asks nothing');
  });
});
