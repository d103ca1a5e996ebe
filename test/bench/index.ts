/**
 * `npm run bench`: runs every benchmark module side by side in one process run, prints one table
 * and writes the same rows to `bench-results.json`. Exits non-zero when a goal is missed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import changes from './changes';
import chatSave from './chatSave';
import cliProcess from './cliProcess';
import context from './context';
import historySearch from './historySearch';
import openChat from './openChat';
import packageBench from './package';
import { renderBench } from './render';
import { type BenchModule, type BenchRow, passes } from './row';
import stream from './stream';
import streamCaps from './streamCaps';
import tools from './tools';
import vscodeStream from './vscodeStream';

const modules: BenchModule[] = [
  packageBench,
  stream,
  cliProcess,
  renderBench,
  openChat,
  historySearch,
  chatSave,
  streamCaps,
  vscodeStream,
  context,
  tools,
  changes,
];

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu.trim()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  return a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : n.toFixed(2);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: { module: string; rows: BenchRow[] }[] = [];
  let failed = 0;
  console.log(`Machine: ${machine()}\n`);
  for (const m of modules) {
    if (only.length && !only.includes(m.name)) continue;
    const rows = await m.run();
    results.push({ module: m.name, rows });
    console.log(`## ${m.name}`);
    for (const r of rows) {
      const ok = passes(r);
      if (ok === false) failed++;
      const goal = r.limit === undefined ? '' : `${r.direction === 'min' ? '≥' : '≤'} ${fmt(r.limit)}`;
      const verdict = ok === undefined ? '' : ok ? 'pass' : 'FAIL';
      console.log(
        `${r.goal.padEnd(4)} ${r.metric.padEnd(64)} ${fmt(r.value).padStart(10)} ${r.unit.padEnd(8)} ${goal.padEnd(10)} ${verdict}`,
      );
    }
    console.log('');
  }
  fs.writeFileSync(
    'bench-results.json',
    JSON.stringify({ machine: machine(), date: new Date().toISOString(), results }, null, 2),
  );
  console.log(`Wrote bench-results.json. ${failed ? `${failed} goal(s) missed.` : 'All goals met.'}`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
