/** Each read-only tool's limits, notes and refusals, over an in-memory host. */
import * as assert from 'node:assert/strict';
import {
  capResult,
  FILE_TOOLS,
  globToRegExp,
  LANGUAGE_TOOLS,
  normaliseToolPath,
  offeredTools,
  prepareCall,
  READ_MAX_CHARS,
  READ_MAX_LINES,
  READ_TOOLS,
  runPrepared,
  SEARCH_MAX_MATCHES,
  stepText,
  toolSpecs,
} from '../../../../src/core/tools';
import { FakeHost } from './fakeHost';

const signal = new AbortController().signal;

async function call(host: FakeHost, name: string, args: unknown) {
  const prepared = prepareCall({ id: 'c', name, arguments: JSON.stringify(args) }, READ_TOOLS, host);
  const result = await runPrepared(prepared, host, signal);
  // The lines as the CLI words them (English).
  return { step: stepText(prepared.step), result: { ...result, summary: stepText(result.summary) } };
}

const lines = (n: number, width = 10) => Array.from({ length: n }, (_, i) => `${i + 1}`.padEnd(width, 'x')).join('\n');

describe('tool definitions', () => {
  it('are compact: the seven tools take under 2,400 characters of JSON (VS Code sends about 17,000)', () => {
    const size = JSON.stringify(toolSpecs(READ_TOOLS)).length;
    assert.ok(size < 2400, `${size} characters`);
    assert.deepEqual(
      READ_TOOLS.map((t) => t.name),
      ['read_file', 'list_dir', 'find_files', 'search_text', 'get_problems', 'find_definition', 'find_references'],
    );
  });

  it('the language-service tools are offered only by hosts that have them', () => {
    const host = new FakeHost({});
    assert.deepEqual(offeredTools(READ_TOOLS, host), [...FILE_TOOLS]);
    const rich = Object.assign(new FakeHost({}), {
      problems: async () => ({ ok: true as const, value: { items: [], more: false } }),
      definition: async () => ({ ok: true as const, value: { items: [], more: false } }),
      references: async () => ({ ok: true as const, value: { items: [], more: false } }),
    });
    assert.deepEqual(offeredTools(READ_TOOLS, rich), [...FILE_TOOLS, ...LANGUAGE_TOOLS]);
  });
});

describe('paths', () => {
  const host = new FakeHost({});
  for (const [raw, want] of [
    ['src/a.ts', 'src/a.ts'],
    ['./src//a.ts', 'src/a.ts'],
    ['src\\a.ts', 'src/a.ts'],
    ['src/../b.ts', 'b.ts'],
    ['.', '.'],
    ['', '.'],
    ['/ws/src/a.ts', 'src/a.ts'],
    ['file:///ws/a%20b.ts', 'a b.ts'],
  ] as const)
    it(`${JSON.stringify(raw)} → ${want}`, () =>
      assert.deepEqual(normaliseToolPath(raw, host), { ok: true, value: want }));
  for (const raw of ['../x', 'src/../../x', '/etc/passwd', 'C:\\Windows\\x', '~/.ssh/id_rsa', '\\\\server\\share'])
    it(`${JSON.stringify(raw)} is refused as outside`, () => {
      const r = normaliseToolPath(raw, host);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.refusal.reason, 'outside');
    });
});

describe('read_file', () => {
  it('returns the asked lines with a note saying which', async () => {
    const host = new FakeHost({ 'a.ts': lines(50) });
    const { step, result } = await call(host, 'read_file', { path: 'a.ts', start_line: 10, end_line: 12 });
    assert.equal(step, 'Reading a.ts, lines 10-12');
    assert.equal(result.ok, true);
    assert.equal(result.content, '10xxxxxxxx\n11xxxxxxxx\n12xxxxxxxx\n[Lines 10-12 of 50.]');
    assert.equal(result.summary, 'Read a.ts, lines 10-12');
    assert.deepEqual(result.locations, [{ path: 'a.ts', line: 10 }]);
  });

  it('stops at 2,000 lines and says how to ask for more', async () => {
    const host = new FakeHost({ 'big.ts': lines(5000) });
    const { result } = await call(host, 'read_file', { path: 'big.ts' });
    const body = result.content.split('\n');
    assert.equal(body.length, READ_MAX_LINES + 1);
    assert.match(body.at(-1) ?? '', /Lines 1-2000 of 5000 shown.*start_line 2001/);
  });

  it('stops at 64 K characters and says how to ask for more', async () => {
    const host = new FakeHost({ 'wide.ts': lines(1000, 200) });
    const { result } = await call(host, 'read_file', { path: 'wide.ts' });
    assert.ok(result.content.length <= READ_MAX_CHARS + 200, `${result.content.length}`);
    const shown = Math.floor(READ_MAX_CHARS / 201);
    assert.match(result.content, new RegExp(`Lines 1-${shown} of 1000 shown.*start_line ${shown + 1}`));
  });

  it('takes numbers as strings, refuses an end before the start, and a start past the end', async () => {
    const host = new FakeHost({ 'a.ts': lines(5) });
    assert.equal((await call(host, 'read_file', { path: 'a.ts', start_line: '2', end_line: '3' })).result.ok, true);
    const backwards = (await call(host, 'read_file', { path: 'a.ts', start_line: 4, end_line: 2 })).result;
    assert.equal(backwards.refusal, 'invalid');
    const past = (await call(host, 'read_file', { path: 'a.ts', start_line: 9 })).result;
    assert.equal(past.ok, false);
    assert.match(past.content, /has 5 lines/);
  });

  it('refuses .., absolute paths outside, secret and excluded files, each saying why, without asking the host for what is outside', async () => {
    const host = new FakeHost({ '.env': 'K=1', 'dist/x.js': 'x' }, { secret: ['.env'], excluded: ['dist/x.js'] });
    const cases: [unknown, string, RegExp][] = [
      [{ path: '../x' }, 'outside', /Refused \.\.\/x: outside the workspace/],
      [{ path: '/etc/passwd' }, 'outside', /absolute paths outside the workspace/],
      [{ path: '.env' }, 'secret', /Refused \.env: secret file \(\.env\*\)\. Secret files are never sent/],
      [{ path: 'dist/x.js' }, 'excluded', /Refused dist\/x\.js: excluded file/],
      [{ path: 'nope.ts' }, 'notFound', /not found/],
      [{}, 'invalid', /"path" is required/],
    ];
    for (const [args, reason, text] of cases) {
      const { result } = await call(host, 'read_file', args);
      assert.equal(result.ok, false);
      assert.equal(result.refusal, reason, JSON.stringify(args));
      assert.match(result.content, text);
    }
    assert.deepEqual(host.calls, ['readText .env', 'readText dist/x.js', 'readText nope.ts']);
  });
});

describe('list_dir, find_files, search_text', () => {
  it('list_dir marks folders and lists them first', async () => {
    const host = new FakeHost({ 'b.ts': '', 'src/a.ts': '', 'a.md': '' });
    const { result } = await call(host, 'list_dir', { path: '.' });
    assert.equal(result.content, 'src/\na.md\nb.ts');
    assert.equal(result.summary, 'Listed .: 3 entries');
  });

  it('find_files makes a bare name match at any depth and notes a cut list', async () => {
    const files = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}.ts`, '']));
    const host = new FakeHost(files);
    const { step, result } = await call(host, 'find_files', { pattern: '*.ts' });
    assert.equal(step, 'Finding **/*.ts');
    assert.equal(result.content.split('\n').length, 201);
    assert.match(result.content, /Only the first 200 files are shown; there are more/);
    assert.equal((await call(host, 'find_files', { pattern: '../*' })).result.refusal, 'invalid');
  });

  it('search_text gives path:line: text, bounded with a note, and counts files', async () => {
    const host = new FakeHost({ 'a.ts': 'hit\nno\nhit', 'b.ts': Array(200).fill('hit').join('\n') });
    const { result } = await call(host, 'search_text', { query: 'hit' });
    const out = result.content.split('\n');
    assert.equal(out[0], 'a.ts:1: hit');
    assert.equal(out[1], 'a.ts:3: hit');
    assert.equal(out.length, SEARCH_MAX_MATCHES + 1);
    assert.match(out.at(-1) ?? '', /Only the first 100 matches/);
    assert.equal(result.summary, 'Searched `hit`: over 100 results in 2 files');
  });

  it('search_text refuses an invalid regular expression before the host runs', async () => {
    const host = new FakeHost({});
    const { result } = await call(host, 'search_text', { query: '(', is_regex: true });
    assert.equal(result.refusal, 'invalid');
    assert.deepEqual(host.calls, []);
  });

  it('an unknown tool and arguments that are not JSON get a result that says so', async () => {
    const host = new FakeHost({});
    assert.match((await call(host, 'rm_rf', {})).result.content, /no tool named "rm_rf"/);
    const bad = prepareCall({ id: 'x', name: 'read_file', arguments: '{oops' }, READ_TOOLS, host);
    assert.equal(bad.ok, false);
    assert.match((await runPrepared(bad, host, signal)).content, /not valid JSON/);
  });

  it('a host that throws gives a failed result, not an exception', async () => {
    const host = new FakeHost({});
    host.readText = async () => {
      throw new Error('disk on fire');
    };
    const { result } = await call(host, 'read_file', { path: 'a' });
    assert.equal(result.ok, false);
    assert.match(result.content, /disk on fire/);
  });
});

describe('language-service tools', () => {
  function richHost() {
    const asked: unknown[] = [];
    const host = Object.assign(new FakeHost({}), {
      problems: async (path: string | undefined) => {
        asked.push(path);
        return {
          ok: true as const,
          value: {
            items: [
              {
                path: 'src/a.ts',
                line: 3,
                column: 7,
                severity: 'error' as const,
                message: 'Cannot find\n name x.',
                source: 'ts',
              },
            ],
            more: false,
          },
        };
      },
      definition: async (q: unknown) => {
        asked.push(q);
        return {
          ok: true as const,
          value: { items: [{ path: 'src/p.ts', line: 10, text: '  export function parseConfig() {' }], more: false },
        };
      },
      references: async () => ({
        ok: false as const,
        refusal: { reason: 'notFound' as const, detail: 'no symbol parseConfig at line 9' },
      }),
    });
    return { host, asked };
  }
  const run = async (host: FakeHost, name: string, args: unknown) =>
    runPrepared(prepareCall({ id: 'c', name, arguments: JSON.stringify(args) }, READ_TOOLS, host), host, signal);

  it('get_problems: one line per problem, a path or the whole workspace', async () => {
    const { host, asked } = richHost();
    const r = await run(host, 'get_problems', { path: 'src/a.ts' });
    assert.equal(r.content, 'src/a.ts:3:7: error: Cannot find name x. (ts)');
    assert.equal(stepText(r.summary), 'Checked src/a.ts: 1 problem');
    await run(host, 'get_problems', {});
    assert.deepEqual(asked, ['src/a.ts', undefined]);
    assert.equal((await run(host, 'get_problems', { path: '../x' })).refusal, 'outside');
  });

  it('find_definition takes a symbol and optionally where the model saw it; find_references passes refusals on', async () => {
    const { host, asked } = richHost();
    const d = await run(host, 'find_definition', { symbol: 'parseConfig', path: './src/use.ts', line: '9' });
    assert.equal(d.content, 'src/p.ts:10: export function parseConfig() {');
    assert.equal(stepText(d.summary), 'Definition of `parseConfig`: 1 location in 1 file');
    assert.deepEqual(asked, [{ symbol: 'parseConfig', path: 'src/use.ts', line: 9 }]);
    const r = await run(host, 'find_references', { symbol: 'parseConfig', path: 'src/use.ts', line: 9 });
    assert.equal(r.ok, false);
    assert.match(r.content, /not found \(no symbol parseConfig at line 9\)/);
    assert.equal((await run(host, 'find_definition', { symbol: 'two words' })).refusal, 'invalid');
  });
});

describe('globs and result caps', () => {
  it('globToRegExp', () => {
    assert.ok(globToRegExp('**/*.ts').test('a/b/c.ts'));
    assert.ok(globToRegExp('**/*.ts').test('c.ts'));
    assert.ok(!globToRegExp('*.ts').test('a/c.ts'));
    assert.ok(globToRegExp('src/**').test('src/a/b'));
    assert.ok(globToRegExp('**/*.{ts,js}').test('x/y.js'));
    assert.ok(globToRegExp('[!a]b').test('cb'));
    assert.ok(!globToRegExp('[!a]b').test('ab'));
    assert.ok(globToRegExp('a.b').test('a.b') && !globToRegExp('a.b').test('axb'));
  });

  it('capResult cuts at a line end with a note, leaves a small result alone', () => {
    assert.equal(capResult('short', 100), 'short');
    const cut = capResult(lines(1000), 1000);
    assert.ok(cut.length < 1200);
    assert.match(cut, /Result cut to \d+ of \d+ characters/);
  });
});
