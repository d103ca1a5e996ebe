/**
 * `npm test` after the build: unit tests (Node and Chromium), the integration suite inside a real
 * VS Code, and the e2e tests driving the workbench. Prints one closing line `N passed, M failed`
 * over all layers and exits non-zero when anything failed, a test was skipped (pending) or left
 * `.only`, no test ran, or `RILL_LAYERS` names a layer that does not exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Mocha from 'mocha';
import { STRICT_MOCHA } from '../helpers/mochaOptions';
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

function runMocha(layer: string, dir: string, timeout: number): Promise<Tally> {
  const mocha = new Mocha({ timeout, reporter: 'spec', color: false, ...STRICT_MOCHA });
  if (process.env.RILL_TEST_GREP) mocha.grep(process.env.RILL_TEST_GREP);
  for (const f of findTests(dir)) mocha.addFile(f);
  const tally: Tally = { layer, passed: 0, failed: 0 };
  return new Promise((resolve) => {
    try {
      const runner = mocha.run(() => resolve(tally));
      runner.on('pass', () => tally.passed++);
      runner.on('fail', () => tally.failed++);
    } catch (e) {
      // Loading the files throws on a forbidden `.only`: the layer fails as a whole.
      console.error(`${layer}: ${e instanceof Error ? e.message : e}`);
      resolve({ ...tally, failed: tally.failed + 1 });
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
  const tallies: Tally[] = [];
  if (only.includes('lint')) tallies.push(lint());
  if (only.includes('unit')) tallies.push(await runMocha('unit', path.join(out, 'unit'), 20_000));
  if (only.includes('integration')) {
    console.log('\nIntegration suite inside VS Code:');
    try {
      const r = await runIntegration();
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
      tallies.push({ layer: 'integration', passed: 0, failed: 1 });
    }
  }
  if (only.includes('e2e')) tallies.push(await runMocha('e2e', path.join(out, 'e2e'), 120_000));
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
