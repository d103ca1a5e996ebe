/**
 * Child process for the activation benchmark: loads one extension bundle against the fake
 * `vscode` module, calls `activate`, and prints the milliseconds both took as JSON.
 * Usage: node activateOnce.js BUNDLE EXTENSION_PATH
 */
import Module from 'module';
import { performance } from 'perf_hooks';
import { fakeContext, fakeVscode } from './fakeVscode';

const [bundle, extensionPath] = process.argv.slice(2);
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
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0 }));
}

void main();
