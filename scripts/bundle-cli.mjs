// `npm run build:cli`: bundles the compiled CLI (dist/cli/main.js and dist/cli/commands/*, from
// `tsc`) into dist/cli-bundle/ with esbuild: main.js, one self-contained file per command, the
// thesis and sweep workers, and two shared files. A command therefore loads four files: Node 20's
// ES-module loader costs about a millisecond per file, and chunks shared between ~25 commands
// were ~23 small files for `index` (its modules loaded in ≈ 39 ms as chunks, ≈ 22 ms as one file).
//
// What main.js and a command must share — one instance, not a copy each — is in the shared files:
// shared.js holds the error classes (main tells an AltseasonError by instanceof), the panel-cache
// prefetch (main starts it, the command's loadPanel takes it) and the default store path;
// shared-commander.js holds commander (main builds the program, commands throw its errors). Every
// other module may be copied into several command files: none keeps state across a command and main.
//
// commander, picocolors and trading-signals (whose index loads ~150 files for the two indicators we
// use) are bundled; the other dependencies stay external (native addons, optional peers, and
// packages only some commands load, which keep loading lazily from node_modules). commander
// requires node:child_process when it loads, for stand-alone executable subcommands we do not use:
// it gets a stand-in that loads the module on first use (no child_process, net and dgram at start).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { build } from 'esbuild';

const INLINED = new Set(['commander', 'picocolors', 'trading-signals']);
const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(dependencies), ...Object.keys(devDependencies)].filter((name) => !INLINED.has(name));
const OUT = 'dist/cli-bundle';

/** Modules main.js and the commands share, by their compiled path. */
const SHARED_MODULES = ['dist/domain/errors.js', 'dist/data/panel/panel-cache-prefetch.js', 'dist/data/store/store-path.js'].map((path) => resolve(path));

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

/** In main.js, the commands and the workers: the shared modules and commander come from the shared files. */
const useShared = {
  name: 'use-shared-files',
  setup(build) {
    build.onResolve({ filter: /^commander$/ }, () => ({ path: './shared-commander.js', external: true }));
    build.onResolve({ filter: /^\./ }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      if (SHARED_MODULES.includes(target)) return { path: './shared.js', external: true };
      // The registry's lazy `import('./x-command.js')`: each command is a file of its own.
      if (/[\\/]dist[\\/]cli[\\/]commands[\\/]index\.js$/.test(args.importer) && /-command\.js$/.test(args.path)) return { path: `./${basename(args.path)}`, external: true };
      return undefined;
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  outdir: OUT,
  entryNames: '[name]',
  // commander is CommonJS: its require() calls of Node's modules need a require in an ES module.
  banner: { js: "import { createRequire as __altseasonRequire } from 'node:module'; const require = __altseasonRequire(import.meta.url);" },
  logLevel: 'warning',
};

rmSync(OUT, { recursive: true, force: true }); // no file of an older build left behind
const commands = readdirSync('dist/cli/commands').filter((name) => name.endsWith('-command.js')).map((name) => `dist/cli/commands/${name}`);
await Promise.all([
  build({ ...common, entryPoints: { shared: 'scripts/cli-shared-entry.mjs' } }),
  build({ ...common, entryPoints: { 'shared-commander': 'scripts/cli-shared-commander-entry.mjs' }, plugins: [lazyChildProcess] }),
  build({ ...common, entryPoints: ['dist/cli/main.js', ...commands, 'dist/server/heavy-thesis-worker.js', 'dist/app/sweep-worker.js'], plugins: [useShared] }),
]);
