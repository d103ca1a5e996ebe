/**
 * `run_command` in the core: the auto-run rule (exact, word-boundary prefix, control operators),
 * the bounded output, the result texts the model gets, the tool against a fake port (Run, Skip,
 * Stop, auto-run, refusals), and the loop's progress events that let a step wait for the user.
 */
import * as assert from 'node:assert/strict';
import {
  autoRunMatches,
  BoundedOutput,
  type CommandHost,
  type CommandPort,
  type CommandRun,
  cutOutput,
  hasControlOperator,
  plainOutput,
  RUN_TOOLS,
  ranResult,
  runCommand,
  skippedResult,
} from '../../../../src/core/commands';
import {
  offeredTools,
  prepareCall,
  READ_TOOLS,
  runPrepared,
  stepText,
  ToolLoop,
  type ToolLoopEvent,
  type ToolProgress,
  toolSpecs,
} from '../../../../src/core/tools';
import type { StreamEvent } from '../../../../src/core/types';
import { FakeHost } from '../tools/fakeHost';

describe('auto-run rule', () => {
  const list = ['npm test', 'git status', '  ls  '];
  it('matches an entry exactly, whitespace runs counted as one space', () => {
    assert.equal(autoRunMatches('npm test', list), true);
    assert.equal(autoRunMatches('  npm   test ', list), true);
    assert.equal(autoRunMatches('ls', list), true);
  });
  it('matches an entry as a prefix only on a word boundary', () => {
    assert.equal(autoRunMatches('npm test -- --grep x', list), true);
    assert.equal(autoRunMatches('npm testx', list), false);
    assert.equal(autoRunMatches('npm tes', list), false);
    assert.equal(autoRunMatches('git statusx', list), false);
    assert.equal(autoRunMatches('npm run build', list), false);
  });
  for (const cmd of [
    'npm test; rm -rf ~',
    'npm test && curl x',
    'npm test || true',
    'npm test | tee log',
    'npm test > out.txt',
    'npm test < in.txt',
    'npm test `whoami`',
    'npm test $(whoami)',
    'npm test ${HOME}',
    'npm test\nrm -rf ~',
    'npm test & sleep 1',
  ])
    it(`never matches a command with a control operator: ${JSON.stringify(cmd)}`, () => {
      assert.equal(hasControlOperator(cmd), true);
      assert.equal(autoRunMatches(cmd, list), false);
    });
  it('an empty list, a blank entry or a blank command never match', () => {
    assert.equal(autoRunMatches('npm test', []), false);
    assert.equal(autoRunMatches('npm test', ['', '  ']), false);
    assert.equal(autoRunMatches('   ', ['']), false);
  });
});

describe('bounded output', () => {
  it('keeps short output as it is', () => {
    assert.equal(cutOutput('hello\nworld', 100), 'hello\nworld');
  });
  it('keeps the head and the tail of long output, saying how much of the middle was cut', () => {
    const text = `HEAD${'x'.repeat(10_000)}TAIL`;
    const cut = cutOutput(text, 100);
    assert.ok(cut.startsWith('HEAD'));
    assert.ok(cut.endsWith('TAIL'));
    assert.match(cut, /\[… 9908 characters of output cut here; the first 50 and the last 50 are shown …\]/);
    assert.ok(cut.length < 200, `${cut.length}`);
  });
  it('bounds memory while chunks arrive: the same head and tail as cutting the whole', () => {
    const b = new BoundedOutput(100);
    const chunks = Array.from({ length: 500 }, (_, i) => `${i}\n`);
    for (const c of chunks) b.push(c);
    assert.equal(b.text(), cutOutput(chunks.join(''), 100));
    assert.equal(b.length, chunks.join('').length);
  });
  it('strips terminal colour sequences and carriage returns', () => {
    assert.equal(plainOutput('\u001b[31mred\u001b[0m\r\nnext\u001b]633;A\u0007'), 'red\nnext');
  });
});

describe('run_command results', () => {
  const run: CommandRun = { exitCode: 0, output: 'all 12 tests passed', via: 'process' };
  it('a run the user approved: who ran it, the exit code and the output', () => {
    const r = ranResult('npm test', 'src', run, false, false);
    assert.equal(r.ok, true);
    assert.equal(stepText(r.summary), 'Ran `npm test` in src: exit 0');
    assert.match(r.content, /^`npm test` in src was run by the user\. Exit code: 0\.\nOutput:\nall 12 tests passed$/);
  });
  it('a failing command still ran (the step is not a refusal), and says its exit code', () => {
    const r = ranResult('npm test', '.', { ...run, exitCode: 1, output: '' }, true, false);
    assert.equal(r.ok, true);
    assert.equal(stepText(r.summary), 'Ran `npm test`: exit 1');
    assert.match(r.content, /ran without asking \(the user allows it in settings\)\. Exit code: 1\.\n\(no output\)/);
  });
  it('a run killed at the time limit says so', () => {
    const r = ranResult(
      'sleep 999',
      '.',
      { exitCode: undefined, output: 'z', via: 'process', timedOutAfter: 300 },
      false,
      false,
    );
    assert.equal(stepText(r.summary), '`sleep 999` timed out after 300 s');
    assert.match(r.content, /killed after 300 s, the time limit/);
    assert.equal(r.ok, false);
  });
  it('a skipped command tells the model it was not run', () => {
    const r = skippedResult('npm test', '.', false);
    assert.equal(stepText(r.summary), 'Skipped `npm test`');
    assert.match(r.content, /The user skipped `npm test`: it was not run\./);
    assert.equal(r.refusal, 'cancelled');
  });
  it('a long or many-line command is shortened in the step line, not in the approval', () => {
    const r = skippedResult(`echo ${'a'.repeat(100)}\necho b`, '.', true);
    assert.match(stepText(r.summary), /^Stopped: `echo a{55}…` not run$/);
  });
});

/** A port whose answers the test sets, recording what it was asked. */
class FakePort implements CommandPort {
  readonly asked: string[] = [];
  readonly ran: { command: string; cwd: string }[] = [];
  decision: boolean | 'stop' = true;
  trusted = true;
  auto: string[] = [];
  constructor(private readonly stop?: AbortController) {}
  blocked() {
    return this.trusted ? undefined : 'the workspace is not trusted, so no command may run';
  }
  async folder(path: string) {
    return path === 'missing'
      ? { ok: false as const, refusal: { reason: 'notFound' as const } }
      : { ok: true as const, value: `/ws/${path}` };
  }
  autoRuns(command: string) {
    return autoRunMatches(command, this.auto);
  }
  async approve(callId: string, signal: AbortSignal) {
    this.asked.push(callId);
    if (this.decision === 'stop') {
      this.stop?.abort();
      return false;
    }
    return !signal.aborted && this.decision;
  }
  async run(command: string, cwd: string): Promise<CommandRun> {
    this.ran.push({ command, cwd });
    return { exitCode: 0, output: `ran ${command}`, via: 'process' };
  }
}

function hostWith(port?: CommandPort): CommandHost {
  return Object.assign(new FakeHost({}), { commands: port });
}

async function call(host: CommandHost, args: unknown, signal = new AbortController().signal) {
  const progress: ToolProgress[] = [];
  const prepared = prepareCall({ id: 'c1', name: 'run_command', arguments: JSON.stringify(args) }, RUN_TOOLS, host);
  const result = await runPrepared(prepared, host, signal, { id: 'c1', progress: (p) => progress.push(p) });
  return { prepared, result, progress };
}

describe('run_command', () => {
  it('is offered only by a host that lends a command port, and its definition stays small', () => {
    assert.deepEqual(offeredTools(RUN_TOOLS, hostWith(undefined)), []);
    assert.deepEqual(offeredTools(RUN_TOOLS, hostWith(new FakePort())), [runCommand]);
    const size = JSON.stringify(toolSpecs([...READ_TOOLS, ...RUN_TOOLS])).length;
    assert.ok(size < 2800, `all read tools and run_command: ${size} characters`);
  });

  it('asks first (the step waits with the exact command and folder), runs on Run, and reports', async () => {
    const port = new FakePort();
    const { prepared, result, progress } = await call(hostWith(port), { command: 'npm test', cwd: 'src' });
    assert.equal(stepText(prepared.step), 'Run `npm test` in src?');
    assert.deepEqual(port.asked, ['c1']);
    assert.deepEqual(
      progress.map((p) => ({ ...p, title: stepText(p.title) })),
      [
        { status: 'waiting', title: 'Run `npm test` in src?', command: { line: 'npm test', cwd: 'src' } },
        { status: 'running', title: 'Running `npm test` in src' },
      ],
    );
    assert.deepEqual(port.ran, [{ command: 'npm test', cwd: '/ws/src' }]);
    assert.equal(stepText(result.summary), 'Ran `npm test` in src: exit 0');
    assert.match(result.content, /was run by the user\. Exit code: 0\.\nOutput:\nran npm test/);
  });

  it('Skip runs nothing and tells the model', async () => {
    const port = new FakePort();
    port.decision = false;
    const { result } = await call(hostWith(port), { command: 'npm test' });
    assert.deepEqual(port.ran, []);
    assert.equal(stepText(result.summary), 'Skipped `npm test`');
    assert.match(result.content, /skipped/);
  });

  it('Stop while it waits runs nothing; the step says stopped, not a generic cancellation', async () => {
    const stop = new AbortController();
    const port = new FakePort(stop);
    port.decision = 'stop';
    const { result } = await call(hostWith(port), { command: 'npm test' }, stop.signal);
    assert.deepEqual(port.ran, []);
    assert.equal(stepText(result.summary), 'Stopped: `npm test` not run');
  });

  it("runs without asking what the user's list allows, and only that", async () => {
    const port = new FakePort();
    port.auto = ['npm test'];
    const auto = await call(hostWith(port), { command: 'npm test -- --grep x' });
    assert.deepEqual(port.asked, []);
    assert.match(auto.result.content, /ran without asking/);
    await call(hostWith(port), { command: 'npm test && rm -rf ~' });
    assert.deepEqual(port.asked, ['c1']);
  });

  it('an untrusted workspace refuses it, saying why; nothing is asked or run', async () => {
    const port = new FakePort();
    port.trusted = false;
    const { result } = await call(hostWith(port), { command: 'npm test' });
    assert.equal(result.ok, false);
    assert.match(
      result.content,
      /Refused run_command: not available here \(the workspace is not trusted, so no command may run\)/,
    );
    assert.deepEqual([port.asked, port.ran], [[], []]);
  });

  it('a folder outside the workspace or missing is refused before anything is asked', async () => {
    const port = new FakePort();
    const outside = await call(hostWith(port), { command: 'ls', cwd: '../..' });
    assert.match(outside.result.content, /Refused \.\.\/\.\.: outside the workspace/);
    const missing = await call(hostWith(port), { command: 'ls', cwd: 'missing' });
    assert.match(missing.result.content, /Refused missing: not found/);
    assert.deepEqual([port.asked, port.ran], [[], []]);
  });

  it('an empty command is an argument error', async () => {
    const { result } = await call(hostWith(new FakePort()), { command: '  ' });
    assert.equal(result.refusal, 'invalid');
  });
});

describe('tools loop: progress of a call', () => {
  it('yields the step progress between the call and its result, then sends the result', async () => {
    const port = new FakePort();
    const scripts: StreamEvent[][] = [
      [
        { type: 'toolCall', id: 'k1', name: 'run_command', arguments: '{"command":"npm test"}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
      [
        { type: 'text', text: 'done' },
        { type: 'finish', reason: 'stop' },
      ],
    ];
    const loop = new ToolLoop({
      send: () =>
        (async function* () {
          yield* scripts.shift() ?? [];
        })(),
      host: hostWith(port),
      tools: RUN_TOOLS,
      mode: 'native',
      signal: new AbortController().signal,
    });
    const events: ToolLoopEvent[] = [];
    for await (const e of loop.run()) events.push(e);
    assert.deepEqual(
      events.map((e) => (e.type === 'toolProgress' ? `${e.type}:${e.status}` : e.type)),
      ['toolCall', 'toolProgress:waiting', 'toolProgress:running', 'toolResult', 'text', 'finish'],
    );
    const tool = loop.exchange.find((m) => m.role === 'tool');
    assert.match(tool?.content ?? '', /Exit code: 0/);
  });
});
