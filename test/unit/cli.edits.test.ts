/**
 * `rill --tools edit`, as a user runs it against the test server scripted as a model that edits a
 * file and creates one: the proposals printed as a unified diff (JSON lines with --json), nothing
 * written without --apply, both written with it. Needs the bundle: run `node esbuild.js` first.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonLines, runCli } from '../helpers/cliRunner';
import { useCliServer } from '../helpers/cliServer';
import { sseReply } from '../helpers/mockServer';

describe('command-line tool: --tools edit and --apply', function () {
  this.timeout(30_000);
  const fx = useCliServer('rill-cli-edits-');
  const RETRY = 'export const retryDelay = 250;\nexport const retries = 3;\n';

  beforeEach(() => {
    fs.rmSync(path.join(fx.dir, 'src'), { recursive: true, force: true });
    fs.mkdirSync(path.join(fx.dir, 'src'));
    fs.writeFileSync(path.join(fx.dir, 'src', 'retry.ts'), RETRY);
  });

  const base = () => [
    '--base-url',
    fx.server.baseUrl,
    '--model',
    'rill-test-model',
    '--tools',
    'edit',
    '--cwd',
    fx.dir,
  ];

  /** The model: one round editing retry.ts and creating jitter.ts, then a short answer. */
  function scriptModel(): void {
    fx.server.enqueue(
      sseReply([], {
        finish: 'tool_calls',
        toolCalls: [
          {
            name: 'edit_file',
            arguments: JSON.stringify({
              path: 'src/retry.ts',
              old_text: 'retryDelay = 250',
              new_text: 'retryDelay = 500',
            }),
          },
          {
            name: 'create_file',
            arguments: JSON.stringify({ path: 'src/jitter.ts', content: 'export const jitter = 0.1;\n' }),
          },
        ],
      }),
      sseReply(['Doubled the delay.']),
    );
  }

  const DIFF = [
    '--- a/src/retry.ts',
    '+++ b/src/retry.ts',
    '@@ -1,2 +1,2 @@',
    '-export const retryDelay = 250;',
    '+export const retryDelay = 500;',
    ' export const retries = 3;',
    '--- /dev/null',
    '+++ b/src/jitter.ts',
    '@@ -0,0 +1 @@',
    '+export const jitter = 0.1;',
    '',
  ].join('\n');

  it('offers edit_file and create_file, prints the answer then the diff, and writes nothing', async () => {
    scriptModel();
    const r = await runCli([...base(), 'Double', 'the', 'delay']);
    assert.equal(r.code, 0, r.stderr);
    const [first] = fx.server.requests.filter((q) => q.path.endsWith('/chat/completions'));
    const names = (first.body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    assert.ok(
      names.includes('edit_file') && names.includes('create_file') && names.includes('read_file'),
      names.join(),
    );
    assert.ok(!names.some((n) => /command/.test(n)), 'no command tool from the command line');
    assert.equal(r.stdout, `Doubled the delay.\n${DIFF}`);
    assert.match(r.stderr, /^rill: 2 files changed, \+2 \u22121 \(proposed\)$/m);
    assert.match(r.stderr, /nothing written: pass --apply/);
    assert.equal(fs.readFileSync(path.join(fx.dir, 'src', 'retry.ts'), 'utf8'), RETRY);
    assert.ok(!fs.existsSync(path.join(fx.dir, 'src', 'jitter.ts')));
    // The tool results told the model the edits were proposed, not applied.
    const second = fx.server.requests.filter((q) => q.path.endsWith('/chat/completions'))[1];
    const results = (second.body.messages as { role: string; content: string }[]).filter((m) => m.role === 'tool');
    assert.equal(results.length, 2);
    for (const m of results) assert.match(m.content, /NOT (applied|created) yet/);
  });

  it('--json: one {"type":"edit","path","diff"} line per file after the answer', async () => {
    scriptModel();
    const r = await runCli([...base(), '--json', 'Double the delay']);
    assert.equal(r.code, 0, r.stderr);
    const edits = jsonLines(r.stdout).filter((l) => l.type === 'edit');
    assert.deepEqual(
      edits.map((e) => e.path),
      ['src/retry.ts', 'src/jitter.ts'],
    );
    assert.equal(edits.map((e) => e.diff).join(''), DIFF);
  });

  it('--apply writes the proposed changes', async () => {
    scriptModel();
    const r = await runCli([...base(), '--apply', 'Double the delay']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(fx.dir, 'src', 'retry.ts'), 'utf8'), RETRY.replace('250', '500'));
    assert.equal(fs.readFileSync(path.join(fx.dir, 'src', 'jitter.ts'), 'utf8'), 'export const jitter = 0.1;\n');
    assert.match(r.stderr, /^rill: wrote src\/retry\.ts, src\/jitter\.ts$/m);
  });
});
