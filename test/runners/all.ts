/**
 * `npm test` after the build: unit tests (Node and Chromium) once, the integration suite inside a
 * real VS Code on each tested line (the oldest and the newest, test/host/versions.json), and the
 * e2e tests driving the workbench: all of them on the newest line, and on the oldest line those of
 * `npm start` and the `.vsix` install (what a user of an older VS Code or fork meets first).
 * `RILL_VSCODE=oldest|newest|both` (default both) picks the lines. Prints the VS Code version of
 * each layer and one closing line `N passed, M failed` over all layers; exits non-zero when
 * anything failed, a test was skipped (pending) or left `.only`, no test ran, or `RILL_LAYERS`
 * names a layer that does not exist.
 */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { STRICT_MOCHA } from '../helpers/mochaOptions';
import { host, selectedLines, type VsCodeLine, vscodeVersion } from './codeServer';
import { runIntegration } from './integration';

interface Tally {
  layer: string;
  passed: number;
  failed: number;
}

const LAYERS = ['lint', 'unit', 'integration', 'e2e'];

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return findTests(p);
      return e.name.endsWith('.test.js') ? [p] : [];
    })
    .sort();
}

/** The e2e files that also run on the oldest line. */
const e2eOnEveryLine = ['start.test.js', 'package.test.js'];

function runMocha(layer: string, files: string[], timeout: number): Promise<Tally> {
  const mocha = new Mocha({ timeout, reporter: 'spec', color: false, ...STRICT_MOCHA });
  if (process.env.RILL_TEST_GREP) mocha.grep(process.env.RILL_TEST_GREP);
  for (const f of files) mocha.addFile(f);
  const tally: Tally = { layer, passed: 0, failed: 0 };
  return new Promise((resolve) => {
    const done = (t: Tally) => {
      // The same files run again on the next line: let them be required afresh.
      mocha.unloadFiles();
      resolve(t);
    };
    try {
      const runner = mocha.run(() => done(tally));
      runner.on('pass', () => tally.passed++);
      runner.on('fail', () => tally.failed++);
    } catch (e) {
      // Loading the files throws on a forbidden `.only`: the layer fails as a whole.
      console.error(`${layer}: ${e instanceof Error ? e.message : e}`);
      done({ ...tally, failed: tally.failed + 1 });
    }
  });
}

/** The linter and the formatter check (Biome, read-only): one test that fails on any violation. */
function lint(): Tally {
  console.log('Lint and format check (npm run lint):');
  const r = spawnSync('npx', ['biome', 'ci', '--colors=off', '.'], {
    cwd: path.resolve(__dirname, '../../..'),
    encoding: 'utf8',
  });
  const ok = r.status === 0;
  process.stdout.write(
    ok
      ? '  ✔ no lint or format violation\n'
      : `${r.stdout}${r.stderr}  ✗ lint or format violations (run \`npm run format\`, then fix what the linter reports)\n`,
  );
  return { layer: 'lint', passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

/** The VS Code version installed for `line`, or a note saying it is missing (the layer then fails). */
function installedVersion(line: VsCodeLine): string {
  try {
    return vscodeVersion(host(line));
  } catch {
    return `${line} line not installed`;
  }
}

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '..');
  const only = (process.env.RILL_LAYERS ?? LAYERS.join(',')).split(',').map((l) => l.trim());
  const unknown = only.filter((l) => !LAYERS.includes(l));
  if (unknown.length) {
    console.error(
      `RILL_LAYERS names no layer: ${unknown.map((l) => JSON.stringify(l)).join(', ')} (layers: ${LAYERS.join(', ')})`,
    );
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const lines = selectedLines('both');
  const tallies: Tally[] = [];
  if (only.includes('lint')) tallies.push(lint());
  if (only.includes('unit')) tallies.push(await runMocha('unit', findTests(path.join(out, 'unit')), 20_000));
  if (only.includes('integration')) {
    for (const line of lines) {
      const version = installedVersion(line);
      console.log(`\nIntegration suite inside VS Code ${version} (${line}):`);
      try {
        const r = await runIntegration({ line });
        for (const f of r.failures) console.error(`  ✗ ${f.title}\n${f.error}\n`);
        // Pending tests are forbidden (and so also counted as failed); a host that ran an older
        // entry point still reports them: count them as failures rather than drop them.
        const failed = r.failed + (r.pending ?? 0);
        console.log(
          `  VS Code ${r.vscodeVersion}: ${r.passed} passed, ${failed} failed${r.pending ? ` (${r.pending} pending)` : ''}`,
        );
        tallies.push({ layer: `integration (VS Code ${r.vscodeVersion})`, passed: r.passed, failed });
      } catch (e) {
        console.error(`  integration suite did not complete: ${e instanceof Error ? e.message : e}`);
        tallies.push({ layer: `integration (VS Code ${version})`, passed: 0, failed: 1 });
      }
    }
  }
  if (only.includes('e2e')) {
    const all = findTests(path.join(out, 'e2e'));
    // The newest line last, so the e2e layer a developer watches most ends the run.
    for (const line of lines) {
      const files = line === 'newest' ? all : all.filter((f) => e2eOnEveryLine.includes(path.basename(f)));
      const version = installedVersion(line);
      const before = process.env.RILL_VSCODE;
      process.env.RILL_VSCODE = line; // read by the workbench helpers and passed on to `npm start`
      try {
        console.log(`\ne2e in VS Code ${version} (${line}):`);
        tallies.push(await runMocha(`e2e (VS Code ${version})`, files, 120_000));
      } finally {
        if (before === undefined) delete process.env.RILL_VSCODE;
        else process.env.RILL_VSCODE = before;
      }
    }
  }
  console.log('');
  for (const t of tallies) console.log(`${t.layer}: ${t.passed} passed, ${t.failed} failed`);
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed, 0);
  const empty = tallies.filter((t) => t.passed + t.failed === 0).map((t) => t.layer);
  if (empty.length) console.log(`no tests ran in: ${empty.join(', ')}`);
  console.log(`${passed} passed, ${failed + empty.length} failed`);
  process.exit(failed || empty.length ? 1 : 0);
}

void main();
