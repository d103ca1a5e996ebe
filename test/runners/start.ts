/**
 * `npm start`: serves VS Code on http://127.0.0.1:$PORT (default 8080) with Rill loaded from this
 * folder (a link in the extensions folder, so a window reload picks up a rebuild). Configured from
 * OPENAI_BASE_URL / OPENAI_MODEL (the key stays in OPENAI_API_KEY in the environment, never in
 * settings); without them it starts the local demo endpoint so the chat works at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { baseSettings, codeServerEntry, repoRoot } from './codeServer';

const port = Number(process.env.PORT || 8080);
// RILL_START_HOME: another state folder (the e2e test of `npm start` uses a fresh one).
const home = process.env.RILL_START_HOME || path.join(repoRoot, '.vscode-test', 'start');
const userData = path.join(home, 'user-data');
const extensions = path.join(home, 'extensions');
const workspace = path.join(home, 'workspace');

function startDemo(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'out/test/helpers/demoServer.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /Rill demo endpoint: (\S+)/.exec(line);
      if (m) resolve({ child, baseUrl: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`demo endpoint exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  for (const d of [path.join(userData, 'User'), extensions, workspace]) fs.mkdirSync(d, { recursive: true });
  const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
  for (const n of fs.readdirSync(extensions))
    if (n.startsWith('rill-dev.rill-')) fs.rmSync(path.join(extensions, n), { recursive: true, force: true });
  fs.symlinkSync(repoRoot, path.join(extensions, `rill-dev.rill-${version}`));

  let demo: ChildProcess | undefined;
  let baseUrl = process.env.OPENAI_BASE_URL;
  let model = process.env.OPENAI_MODEL;
  if (!baseUrl) {
    const d = await startDemo();
    demo = d.child;
    baseUrl = d.baseUrl;
    model ||= 'rill-demo';
    console.log(`OPENAI_BASE_URL is not set: using the local demo endpoint at ${baseUrl} (canned answers).`);
  }
  const settingsFile = path.join(userData, 'User', 'settings.json');
  let settings: Record<string, unknown> = {};
  try {
    settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch {
    // first start, or a file the user broke: start from the defaults
  }
  Object.assign(settings, baseSettings, { 'rill.baseUrl': baseUrl }, model ? { 'rill.model': model } : {});
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

  const server = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      workspace,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const stop = () => {
    demo?.kill();
    server.kill();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => {
    demo?.kill();
    process.exit(code ?? 0);
  });
  console.log(`Rill is loaded in VS Code at http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
