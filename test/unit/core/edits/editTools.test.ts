import * as assert from 'node:assert';
import { ChangeSet, EDIT_TOOLS, type EditHost, ReadingEditHost } from '../../../../src/core/edits';
import {
  type HostAnswer,
  offeredTools,
  READ_TOOLS,
  type ToolHost,
  ToolLoop,
  type ToolLoopEvent,
  type ToolRound,
} from '../../../../src/core/tools';
import type { StreamEvent } from '../../../../src/core/types';

/** An in-memory workspace: files by relative path; `.env` is secret; nothing is ever written. */
class MemoryHost implements EditHost {
  readonly changes = new ChangeSet();
  trusted = true;
  proposed: string[] = [];
  constructor(readonly files: Record<string, string>) {}
  workspaceRelative(): string | undefined {
    return undefined;
  }
  async readText(path: string): Promise<HostAnswer<string>> {
    const t = this.files[path];
    return t === undefined ? { ok: false, refusal: { reason: 'notFound' } } : { ok: true, value: t };
  }
  async listDir(): Promise<HostAnswer<never>> {
    return { ok: false, refusal: { reason: 'unavailable' } };
  }
  async findFiles(): Promise<HostAnswer<never>> {
    return { ok: false, refusal: { reason: 'unavailable' } };
  }
  async searchText(): Promise<HostAnswer<never>> {
    return { ok: false, refusal: { reason: 'unavailable' } };
  }
  editsBlocked(): string | undefined {
    return this.trusted ? undefined : 'the workspace is not trusted';
  }
  async checkWritable(path: string): Promise<HostAnswer<{ exists: boolean }>> {
    if (path.endsWith('.env')) return { ok: false, refusal: { reason: 'secret', detail: '.env*' } };
    return { ok: true, value: { exists: path in this.files } };
  }
  onProposed(c: { path: string }): void {
    this.proposed.push(c.path);
  }
}

/** A scripted model: each round's events, in order. */
function scripted(rounds: StreamEvent[][]) {
  const seen: ToolRound[] = [];
  return {
    seen,
    send: async function* (round: ToolRound) {
      seen.push({ ...round, exchange: [...round.exchange] });
      yield* rounds[round.round - 1] ?? [{ type: 'finish', reason: 'stop' } as StreamEvent];
    },
  };
}

function call(id: string, name: string, args: unknown): StreamEvent {
  return { type: 'toolCall', id, name, arguments: JSON.stringify(args) };
}

async function drive(host: MemoryHost, rounds: StreamEvent[][]) {
  const model = scripted(rounds);
  const loop = new ToolLoop({
    send: model.send,
    host,
    tools: EDIT_TOOLS,
    mode: 'native',
    signal: new AbortController().signal,
  });
  const events: ToolLoopEvent[] = [];
  for await (const ev of loop.run()) events.push(ev);
  const results = events.filter((e) => e.type === 'toolResult');
  return { events, results, loop, model };
}

describe('edit tools', () => {
  const files = () => ({ 'src/a.ts': 'export const a = 1;\nexport const b = 2;\n', 'src/b.ts': 'x\n' });

  it('edit_file and create_file over two rounds: one change set, nothing written, every result says PROPOSED', async () => {
    const host = new MemoryHost(files());
    const before = JSON.stringify(host.files);
    const { results, model } = await drive(host, [
      [
        call('1', 'edit_file', { path: 'src/a.ts', old_text: 'export const a = 1;', new_text: 'export const a = 10;' }),
        call('2', 'create_file', { path: 'src/c.ts', content: 'export const c = 3;\n' }),
        { type: 'finish', reason: 'tool_calls' },
      ],
      [
        call('3', 'edit_file', {
          path: './src/a.ts',
          old_text: 'export const b = 2;',
          new_text: 'export const b = 20;',
        }),
        call('4', 'edit_file', { path: 'src/b.ts', old_text: 'x', new_text: 'y' }),
        { type: 'finish', reason: 'tool_calls' },
      ],
      [
        { type: 'text', text: 'Done.' },
        { type: 'finish', reason: 'stop' },
      ],
    ]);
    assert.deepStrictEqual(
      results.map((r) => r.ok),
      [true, true, true, true],
    );
    for (const r of results) assert.match(r.type === 'toolResult' ? r.content : '', /NOT (applied|created) yet/);
    assert.strictEqual(JSON.stringify(host.files), before, 'no file written');
    assert.deepStrictEqual(
      host.changes.list().map((c) => [c.path, c.original, c.proposed]),
      [
        ['src/a.ts', files()['src/a.ts'], 'export const a = 10;\nexport const b = 20;\n'],
        ['src/c.ts', undefined, 'export const c = 3;\n'],
        ['src/b.ts', 'x\n', 'y\n'],
      ],
    );
    assert.deepStrictEqual(host.changes.summary(), { files: 3, added: 4, removed: 3 });
    assert.deepStrictEqual(host.proposed, ['src/a.ts', 'src/c.ts', 'src/a.ts', 'src/b.ts']);
    // The results went back as tool messages with their call ids.
    const last = model.seen[2]!.exchange;
    assert.deepStrictEqual(
      last.filter((m) => m.role === 'tool').map((m) => m.toolCallId),
      ['1', '2', '3', '4'],
    );
  });

  it('refusals are results: untrusted workspace, secret file, outside path, missing file, existing file', async () => {
    const host = new MemoryHost({ ...files(), '.env': 'K=1' });
    const { results } = await drive(host, [
      [
        call('1', 'edit_file', { path: '.env', old_text: 'K=1', new_text: 'K=2' }),
        call('2', 'edit_file', { path: '../x.ts', old_text: 'a', new_text: 'b' }),
        call('3', 'edit_file', { path: 'src/none.ts', old_text: 'a', new_text: 'b' }),
        call('4', 'create_file', { path: 'src/a.ts', content: 'x' }),
        call('5', 'edit_file', { path: 'src/a.ts', old_text: 'export const', new_text: 'const' }),
        call('6', 'edit_file', { path: 'src/a.ts', old_text: 'export const z = 9;', new_text: 'q' }),
        call('7', 'edit_file', { path: 'src/a.ts', new_text: 'q' }),
        { type: 'finish', reason: 'tool_calls' },
      ],
    ]);
    const got = results.map((r) => (r.type === 'toolResult' ? [r.ok, r.refusal, r.content.split('\n')[0]] : []));
    assert.deepStrictEqual(
      got.map((g) => g.slice(0, 2)),
      [
        [false, 'secret'],
        [false, 'outside'],
        [false, 'notFound'],
        [false, 'invalid'],
        [false, 'invalid'],
        [false, 'invalid'],
        [false, 'invalid'],
      ],
    );
    assert.match(String(got[2]![2]), /use create_file/);
    assert.match(String(got[3]![2]), /already exists\. Use edit_file/);
    assert.match(String(got[4]![2]), /occurs 2 times/);
    assert.match(String(got[5]![2]), /not found in src\/a\.ts\. The closest text is lines/);
    assert.match(String(got[6]![2]), /"old_text" is required/);
    assert.strictEqual(host.changes.size, 0);

    host.trusted = false;
    const untrusted = await drive(host, [
      [call('1', 'create_file', { path: 'n.ts', content: 'x' }), { type: 'finish', reason: 'tool_calls' }],
    ]);
    const r = untrusted.results[0]!;
    assert.ok(r.type === 'toolResult' && !r.ok && r.refusal === 'unavailable' && /not trusted/.test(r.content));
    assert.strictEqual(host.changes.size, 0);
  });

  it('a later result tells the model what the user decided on earlier proposals', async () => {
    const host = new MemoryHost(files());
    host.changes.propose('src/b.ts', 'x\n', 'z\n');
    host.changes.decide('src/b.ts', 'rejected');
    const { results } = await drive(host, [
      [call('1', 'create_file', { path: 'd.md', content: '# d' }), { type: 'finish', reason: 'tool_calls' }],
      [call('2', 'create_file', { path: 'e.md', content: '# e' }), { type: 'finish', reason: 'tool_calls' }],
    ]);
    const [first, second] = results.map((r) => (r.type === 'toolResult' ? r.content : ''));
    assert.match(first!, /The user decided meanwhile: src\/b\.ts: the user REJECTED/);
    assert.doesNotMatch(second!, /decided meanwhile/, 'told once');
  });

  it('create_file of a path proposed earlier in the answer is refused; edit_file edits the proposal', async () => {
    const host = new MemoryHost({});
    const { results } = await drive(host, [
      [
        call('1', 'create_file', { path: 'n.py', content: 'a = 1\n' }),
        call('2', 'create_file', { path: 'n.py', content: 'a = 2\n' }),
        call('3', 'edit_file', { path: 'n.py', old_text: 'a = 1', new_text: 'a = 3' }),
        { type: 'finish', reason: 'tool_calls' },
      ],
    ]);
    assert.deepStrictEqual(
      results.map((r) => r.ok),
      [true, false, true],
    );
    assert.deepStrictEqual(
      host.changes.list().map((c) => [c.original, c.proposed]),
      [[undefined, 'a = 3\n']],
    );
  });
});

describe('ReadingEditHost: the read tools over an edit host', () => {
  class Over extends ReadingEditHost {}
  const memory = () => new MemoryHost({ 'a.ts': 'x' });

  it('offers the language tools exactly when its base can serve them, and passes their calls on', async () => {
    assert.deepStrictEqual(
      offeredTools(READ_TOOLS, new Over(memory())).map((t) => t.name),
      offeredTools(READ_TOOLS, memory()).map((t) => t.name),
    );
    const base: ToolHost = Object.assign(memory(), {
      problems: async () => ({ ok: true as const, value: { items: [], more: false } }),
      definition: async () => ({ ok: true as const, value: { items: [], more: false } }),
      references: async () => ({ ok: true as const, value: { items: [], more: false } }),
    });
    const over = new Over(base);
    const names = offeredTools(READ_TOOLS, over).map((t) => t.name);
    for (const n of ['get_problems', 'find_definition', 'find_references']) assert.ok(names.includes(n), n);
    assert.deepStrictEqual(
      names,
      offeredTools(READ_TOOLS, base).map((t) => t.name),
    );
    assert.deepStrictEqual(await over.problems!(undefined, 5, new AbortController().signal), {
      ok: true,
      value: { items: [], more: false },
    });
  });
});
