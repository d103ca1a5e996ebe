// Builds dist/grammars.js: every highlighting grammar listed in src/core/editor/languages.json,
// in one script the webview loads the first time a code block needs highlighting
// (src/webview/render/highlighter.ts), so its own bundle carries only the highlight.js core.
// One file rather than one per grammar keeps the package small in file count; the script hands
// its grammars over by dispatching an event on its own <script> element, so nothing goes on window.
const languages = require('./src/core/editor/languages.json');

const NAMESPACE = 'rill-grammars';

/** Resolves the `grammars:all` entry point to a module that imports and hands over every grammar. */
const grammarPack = {
  name: 'grammar-pack',
  setup(build) {
    build.onResolve({ filter: /^grammars:all$/ }, () => ({ path: 'all', namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => {
      const names = Object.keys(languages);
      const imports = names.map((n, i) => `import g${i} from 'highlight.js/lib/languages/${n}';`).join('\n');
      const map = names.map((n, i) => `${JSON.stringify(n)}: g${i}`).join(', ');
      return {
        contents: `${imports}\ndocument.currentScript?.dispatchEvent(new CustomEvent('rill-grammar', { detail: { ${map} } }));\n`,
        resolveDir: __dirname,
        loader: 'js',
      };
    });
  },
};

/** esbuild options for the grammar pack, on top of the shared `common` options. */
function grammarTarget(common, outfile = 'dist/grammars.js') {
  return {
    ...common,
    plugins: [...(common.plugins || []), grammarPack],
    entryPoints: ['grammars:all'],
    outfile,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  };
}

module.exports = { grammarTarget };
