// `npm run build:cli`: bundles the compiled CLI (dist/cli/main.js, from `tsc`) into dist/cli-bundle/
// with esbuild: one file per command plus shared chunks, so a command loads a dozen files instead
// of ~150 modules. commander and picocolors, which every command loads, and trading-signals, whose
// index loads ~150 files for the two indicators we use (tree-shaken here), go into the bundle; the
// other dependencies stay external (native addons, optional peers, and packages only some commands
// load, which keep loading lazily from node_modules). The thesis and sweep workers are entries of their own,
// beside the chunk that starts it. commander requires node:child_process when it loads, for the
// stand-alone executable subcommands we do not use: it gets a stand-in that loads the module on
// first use, so no command pays for child_process, net and dgram at start (~4 ms).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const INLINED = new Set(['commander', 'picocolors', 'trading-signals']);
const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(dependencies), ...Object.keys(devDependencies)].filter((name) => !INLINED.has(name));

rmSync('dist/cli-bundle', { recursive: true, force: true }); // no chunk of an older build left behind
/** commander's node:child_process, loaded when first used. */
const lazyChildProcess = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'altseason' } : undefined));
    build.onLoad({ filter: /^lazy-child-process$/, namespace: 'altseason' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['dist/cli/main.js', 'dist/server/heavy-thesis-worker.js', 'dist/app/sweep-worker.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  entryNames: '[name]',
  outdir: 'dist/cli-bundle',
  // commander is CommonJS: its require() calls of Node's modules need a require in an ES module.
  banner: { js: "import { createRequire as __altseasonRequire } from 'node:module'; const require = __altseasonRequire(import.meta.url);" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});
