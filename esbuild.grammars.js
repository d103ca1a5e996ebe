// Builds one script per highlighting grammar listed in src/webview/render/languages.json, as
// dist/hljs/<name>.js. The webview loads each the first time a code block needs it
// (src/webview/render/highlighter.ts), so its own bundle carries only the highlight.js core.
// Each script hands its grammar over by dispatching an event on its own <script> element.
const languages = require('./src/webview/render/languages.json');

const NAMESPACE = 'rill-grammar';

/** Resolves `grammar:<name>` entry points to a two-line module wrapping that grammar. */
const grammarEntries = {
  name: 'grammar-entries',
  setup(build) {
    build.onResolve({ filter: /^grammar:/ }, (args) => ({ path: args.path.slice('grammar:'.length), namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      if (!Object.prototype.hasOwnProperty.call(languages, args.path)) {
        return { errors: [{ text: `unknown grammar "${args.path}"` }] };
      }
      return {
        contents:
          `import grammar from 'highlight.js/lib/languages/${args.path}';\n` +
          `document.currentScript?.dispatchEvent(new CustomEvent('rill-grammar', { detail: grammar }));\n`,
        resolveDir: __dirname,
        loader: 'js',
      };
    });
  },
};

/** esbuild options for every grammar script, on top of the shared `common` options. */
function grammarTarget(common, outdir = 'dist/hljs') {
  return {
    ...common,
    plugins: [...(common.plugins || []), grammarEntries],
    entryPoints: Object.keys(languages).map((name) => ({ in: `grammar:${name}`, out: name })),
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  };
}

module.exports = { grammarTarget };
