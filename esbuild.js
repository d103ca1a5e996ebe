// Bundles the three entry points: the extension host (Node, cjs, `vscode` external),
// the webview script (browser iife) and the command-line tool (Node, cjs), plus the highlighting
// grammars the webview loads on demand (esbuild.grammars.js).
// Flags: --production (minify, no source maps), --watch (rebuild on change, problem-matcher output).
const esbuild = require('esbuild');
const { codiconsDefine } = require('./esbuild.codicons');
const { grammarTarget } = require('./esbuild.grammars');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build start/end and errors in the format the `$esbuild-watch` problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcher],
  legalComments: 'none',
};

const targets = [
  // The host is two bundles: a tiny entry that registers contributions, and the features it
  // loads on first use, so activation costs about what an empty extension's does.
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', './rill.js'],
  },
  {
    ...common,
    entryPoints: ['src/host/rill.ts'],
    outfile: 'dist/rill.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    define: codiconsDefine(),
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  grammarTarget(common),
];

async function main() {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    for (const c of contexts) {
      const result = await c.rebuild();
      if (result.errors.length) process.exitCode = 1;
    }
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
