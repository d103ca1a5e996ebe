/**
 * Child process for the activation benchmark: loads one extension bundle against the fake
 * `vscode` module, calls `activate`, and prints the milliseconds both took as JSON. With
 * `first-use`, it then builds the features the way the first command or view does (`rill()` on
 * what `activate` returned) and times that too.
 * Usage: node activateOnce.js BUNDLE EXTENSION_PATH [first-use]
 */
import Module from 'node:module';
import { performance } from 'node:perf_hooks';
import { fakeContext, fakeVscode } from './fakeVscode';

const [bundle, extensionPath, mode] = process.argv.slice(2);
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
  const api = (await ext.activate(ctx)) as { rill?: () => unknown } | undefined;
  const t2 = performance.now();
  let firstUseMs: number | undefined;
  if (mode === 'first-use') {
    if (!api?.rill) throw new Error(`${bundle} has no rill() to build its features with`);
    api.rill();
    firstUseMs = performance.now() - t2;
  }
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, firstUseMs }));
}

void main();
