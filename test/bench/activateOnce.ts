/**
 * Child process for the activation benchmark: loads one extension bundle against the fake
 * `vscode` module, calls `activate`, and prints the milliseconds both took as JSON. With
 * `first-use VIEW_ID`, it then shows the view the extension registered, as VS Code does the first
 * time the user opens it (`resolveWebviewView`), and times that too: for Rill, loading the
 * features bundle, building the features and writing the view's HTML.
 * Usage: node activateOnce.js BUNDLE EXTENSION_PATH [first-use VIEW_ID]
 */
import Module from 'node:module';
import { performance } from 'node:perf_hooks';
import { fakeContext, fakeVscode, fakeWebviewView, viewProviders } from './fakeVscode';

const [bundle, extensionPath, mode, viewId] = process.argv.slice(2);
const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: typeof load })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : load.call(this, request, ...rest);
};

async function main(): Promise<void> {
  const ctx = fakeContext(extensionPath);
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ext = require(bundle) as { activate(c: unknown): unknown };
  const t1 = performance.now();
  await ext.activate(ctx);
  const t2 = performance.now();
  let firstUseMs: number | undefined;
  if (mode === 'first-use') {
    const provider = viewProviders.get(viewId);
    if (!provider) throw new Error(`${bundle} registered no webview view ${viewId}`);
    const view = fakeWebviewView();
    await provider.resolveWebviewView(
      view,
      { state: undefined },
      { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) },
    );
    firstUseMs = performance.now() - t2;
    if (!view.webview.html.includes('Content-Security-Policy'))
      throw new Error(`${viewId} was resolved without its HTML`);
  }
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, firstUseMs }));
}

void main();
