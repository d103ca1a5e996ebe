/**
 * `npm start`: serves VS Code on http://127.0.0.1:$PORT (default 8080) with Rill loaded from this
 * folder (a link in the extensions folder, so a window reload picks up a rebuild). Configured from
 * OPENAI_BASE_URL / OPENAI_MODEL (the key stays in OPENAI_API_KEY in the environment, never in
 * settings); without them it starts the local demo endpoint so the chat works at once.
 * Serves the newest tested VS Code; `RILL_VSCODE=oldest` serves the oldest one instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { baseSettings, host, linkExtension, repoRoot, serverArgs, vscodeVersion } from './codeServer';

const port = Number(process.env.PORT || 8080);
const h = host();
// RILL_START_HOME: another state folder (the e2e test of `npm start` uses a fresh one). One per
// VS Code line, because an older VS Code need not read what a newer one wrote.
const home = process.env.RILL_START_HOME || path.join(repoRoot, '.vscode-test', `start-${h.line}`);
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
  linkExtension(repoRoot, extensions);

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

  const vscode = vscodeVersion(h);
  const args = [
    ...serverArgs(h, { port, userDataDir: userData, extensionsDir: extensions }),
    '--default-folder',
    workspace,
  ];
  // The server's own log (offline gallery look-ups and the like) goes to a file, not the terminal.
  const log = path.join(home, 'server.log');
  const server = spawn(h.node, args, { stdio: ['ignore', fs.openSync(log, 'w'), fs.openSync(log, 'a')] });
  const stop = () => {
    demo?.kill();
    server.kill();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => {
    demo?.kill();
    if (code) console.error(`VS Code stopped with code ${code}; its log is ${log}`);
    process.exit(code ?? 0);
  });
  console.log(`Rill is loaded in VS Code ${vscode} at http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
