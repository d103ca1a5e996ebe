/**
 * A page running the real renderer the way the webview does: the bundle and the grammar scripts
 * served over HTTP from 127.0.0.1, a strict CSP with a script nonce, and the renderer's stylesheet.
 * Records every request and CSP violation, and blocks any request that is not for the page's own
 * origin.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { type StaticFile, type StaticServer, serveStatic } from './static-server';

/** The repository root (this file runs from `out/test/helpers`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Path of the test bundle on the server; the grammar pack is looked up next to it (`grammars.js`). */
export const BUNDLE_PATH = '/dist/render-test.js';
const CSS_PATH = '/media/markdown.css';

type GrammarTarget = (common: esbuild.BuildOptions, outfile?: string) => esbuild.BuildOptions;

const builds = new Map<boolean, Promise<Map<string, StaticFile>>>();

/** Bundles the renderer test entry and the grammar pack (cached per process). */
export function buildRenderFiles(minify = true): Promise<Map<string, StaticFile>> {
  let p = builds.get(minify);
  if (!p) {
    p = build(minify);
    builds.set(minify, p);
  }
  return p;
}

async function build(minify: boolean): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  const common: esbuild.BuildOptions = {
    bundle: true,
    minify,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    absWorkingDir: REPO_ROOT,
  };
  const bundle = await esbuild.build({
    ...common,
    entryPoints: [path.join(REPO_ROOT, 'test/helpers/render-entry.ts')],
    outfile: path.join(REPO_ROOT, 'out', BUNDLE_PATH),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    define: (
      require(path.join(REPO_ROOT, 'esbuild.codicons.js')) as { codiconsDefine(): Record<string, string> }
    ).codiconsDefine(),
  });
  const [script] = bundle.outputFiles ?? [];
  files.set(BUNDLE_PATH, { body: script.contents, type: 'text/javascript' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { grammarTarget } = require(path.join(REPO_ROOT, 'esbuild.grammars.js')) as { grammarTarget: GrammarTarget };
  const packPath = path.posix.join(path.posix.dirname(BUNDLE_PATH), 'grammars.js');
  const grammars = await esbuild.build(grammarTarget(common, path.join(REPO_ROOT, 'out', packPath)));
  const [pack] = grammars.outputFiles ?? [];
  files.set(packPath, { body: pack.contents, type: 'text/javascript' });
  files.set(CSS_PATH, { body: fs.readFileSync(path.join(REPO_ROOT, 'media/markdown.css')), type: 'text/css' });
  return files;
}

/** An open page with the renderer loaded as `window.rill`. */
export interface RenderPage {
  page: Page;
  context: BrowserContext;
  server: StaticServer;
  /** URLs of requests to anywhere but the page's origin (all were blocked). */
  external: string[];
  /** Every URL the page requested, in order. */
  requests: string[];
  /** CSP violations reported in the page so far. */
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

/** Options for {@link openRenderPage}. */
export interface RenderPageOptions {
  /** Minified bundle (as shipped) or not (readable stack traces). */
  minify?: boolean;
  /** Viewport size. */
  viewport?: { width: number; height: number };
}

/** Opens a fresh page (own context) serving the renderer under a strict CSP. */
export async function openRenderPage(browser: Browser, options: RenderPageOptions = {}): Promise<RenderPage> {
  const files = new Map(await buildRenderFiles(options.minify ?? true));
  const nonce = randomBytes(16).toString('base64');
  const server = await serveStatic(files);
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${server.origin}`,
    `img-src 'none'`,
    `font-src 'none'`,
    `connect-src 'none'`,
  ].join('; ');
  files.set('/', {
    type: 'text/html; charset=utf-8',
    body:
      `<!doctype html><html><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
      `<link rel="stylesheet" href="${CSS_PATH}"></head>` +
      `<body><div id="root"></div><script nonce="${nonce}" src="${BUNDLE_PATH}"></script></body></html>`,
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 800, height: 600 } });
  const page = await context.newPage();
  const external: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => 'rill' in window);
  return {
    page,
    context,
    server,
    external,
    requests,
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.slice()),
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/**
 * Registers mocha hooks that start Chromium and open a render page before the suite's tests and
 * close both after; returns an accessor for the page.
 */
export function useRenderPage(options: RenderPageOptions = {}): () => RenderPage {
  let browser: Browser | undefined;
  let rp: RenderPage | undefined;
  before(async function () {
    this.timeout(120_000);
    browser = await launchChromium();
    rp = await openRenderPage(browser, { minify: false, ...options });
  });
  after(async function () {
    this.timeout(30_000);
    await rp?.close();
    await browser?.close();
  });
  return () => {
    if (!rp) throw new Error('render page not open');
    return rp;
  };
}
