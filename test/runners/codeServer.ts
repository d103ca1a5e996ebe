/**
 * Starts a real VS Code (code-server, installed by test/host/install.sh) on 127.0.0.1 with a
 * fresh user-data folder, and builds workbench URLs that load Rill for development
 * (the web equivalent of F5) and optionally run a test entry point inside its extension host.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
export const codeServerEntry = path.join(
  repoRoot,
  '.vscode-test/code-server/node_modules/code-server/out/node/entry.js',
);

export interface CodeServerOptions {
  /** Port to bind; a free one when omitted. */
  port?: number;
  /** Folder opened in the workbench; a new temporary one when omitted. */
  workspace?: string;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server (and so for the extension host). */
  env?: Record<string, string>;
  /** Extensions folder; a new temporary one when omitted. */
  extensionsDir?: string;
  /** Pipe server output to this process's stderr. */
  verbose?: boolean;
}

export interface CodeServer {
  port: number;
  url: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** Workbench URL; with `testsPath`, the extension host runs that suite's `run()`. */
  workbenchUrl(opts?: { extensionPath?: string; testsPath?: string }): string;
  stop(): Promise<void>;
}

/** Settings every test host gets: no trust prompt (it is refused in test mode), no welcome page. */
export const baseSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
};

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`VS Code server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`VS Code server did not come up at ${url} within ${timeoutMs} ms`);
}

/** Starts code-server and resolves once it answers HTTP. Throws when it is not installed or never comes up. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error('The test VS Code is not installed: run `bash test/host/install.sh` (npm test does it).');
  }
  const port = opts.port ?? (await freePort());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-host-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = opts.extensionsDir ?? path.join(tmp, 'extensions');
  const workspace = opts.workspace ?? path.join(tmp, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...baseSettings, ...opts.settings }, null, 2),
  );
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', opts.verbose ? 'inherit' : 'ignore', opts.verbose ? 'inherit' : 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    port,
    url,
    workspace,
    userDataDir,
    extensionsDir,
    workbenchUrl({ extensionPath, testsPath } = {}) {
      const payload: [string, string][] = [];
      const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
      if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
      if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
      const q = new URLSearchParams({ folder: workspace });
      if (payload.length) q.set('payload', JSON.stringify(payload));
      return `${url}/?${q.toString()}`;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      // The server's helper processes may still be writing their logs for a moment after it exits.
      fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
