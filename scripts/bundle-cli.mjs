// `npm run build:cli`: bundles the compiled CLI (dist/cli/, from `tsc`) into dist/cli-bundle/ with
// esbuild, as CommonJS scripts that bin/altseason.js runs with a V8 code cache:
//
//   route.cjs            which bundle a command line runs (commandNameIn + the command → bundle map)
//   main.cjs             main alone: --help, --version, unknown commands
//   <x>-command.cjs      main with one command module (its registry entries: `signals` and `signal`)
//   <worker>.cjs         the thesis and sweep workers, started by path (worker-entry.ts)
//   import-module-file.cjs   imports a user's module file (a backtest strategy): loaded by Node, not cached
//
// Each bundle holds everything it runs (main, the command, commander, the error classes, the panel
// prefetch), so a command is one file and nothing is shared between files. Scripts rather than ES
// modules because V8 can only cache the bytecode of a script (vm.Script's cachedData): after a
// command has run, bin/altseason.js saves the bytecode of every function it compiled, and the next
// run starts from it instead of parsing and compiling again. That, with one file per command and a
// CommonJS bin, takes ≈ 20 ms off `altseason index` (docs/architecture.md).
//
// commander, picocolors, trading-signals, string-width (ES-module only, so a CommonJS bundle
// cannot require it by name) and better-sqlite3's JavaScript (its addon is passed by path,
// sqlite-store.ts) are bundled; the other dependencies stay external and are required
// (their CommonJS builds) or imported lazily from node_modules. commander requires
// node:child_process when it loads, for stand-alone executable subcommands we do not use: it gets a
// stand-in that loads the module on first use (no child_process, net and dgram at start).
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const INLINED = new Set(['commander', 'picocolors', 'trading-signals', 'string-width', 'better-sqlite3']);
const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(dependencies), ...Object.keys(devDependencies)].filter((name) => !INLINED.has(name));
const OUT = 'dist/cli-bundle';
const REGISTRY = resolve('dist/cli/commands/index.js');

/** Registry name → the command module its `load` imports (`signal` → `signals-command`). */
const { COMMANDS } = await import(pathToFileURL(REGISTRY).href);
const BUNDLE_OF = Object.fromEntries(
  COMMANDS.map((entry) => {
    const module = /import\(\s*["']\.\/([\w-]+-command)\.js["']\s*\)/.exec(String(entry.load))?.[1];
    if (!module) throw new Error(`bundle-cli: cannot tell which module command "${entry.name}" loads from ${String(entry.load)}`);
    return [entry.name, module];
  }),
);

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

/** The registry's lazy `import('./x-command.js')`: bundled for `keep`, left out (never loaded by this bundle) for the others. */
const onlyCommand = (keep) => ({
  name: 'only-one-command',
  setup(build) {
    build.onResolve({ filter: /-command\.js$/ }, (args) => (args.importer === REGISTRY && args.path !== `./${keep}.js` ? { path: args.path, external: true } : undefined));
  },
});

/** src/cli/import-module-file.ts stays a script of its own (import-module-file.cjs) that Node loads: its import() works. */
const IMPORT_MODULE_FILE = resolve('dist/cli/import-module-file.js');
const moduleFileByNode = {
  name: 'import-module-file-by-node',
  setup(build) {
    build.onResolve({ filter: /import-module-file\.js$/ }, (args) => (resolve(args.resolveDir, args.path) === IMPORT_MODULE_FILE ? { path: './import-module-file.cjs', external: true } : undefined));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external,
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  entryNames: '[name]',
  // The sources are ES modules: strict, and import.meta.url is the bundle's own URL (the paths
  // main.ts, worker-entry.ts and start-server.ts resolve from it are beside or above it).
  banner: { js: "'use strict';\nconst __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundleUrl' },
  // import() becomes require(): functions V8 restores from a code cache cannot import() (Node 20:
  // "A dynamic import callback was not specified"). The packages loaded lazily have CommonJS
  // builds; a user's module file is imported by import-module-file.cjs, which Node loads itself.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};

rmSync(OUT, { recursive: true, force: true }); // no file (nor code cache) of an older build left behind
const modules = [...new Set(Object.values(BUNDLE_OF))];
await Promise.all([
  build({
    ...common,
    stdin: {
      contents: `export { commandNameIn } from ${JSON.stringify(resolve('dist/cli/command-name.js'))};\nexport const BUNDLE_OF = ${JSON.stringify(BUNDLE_OF)};\n`,
      resolveDir: resolve('.'),
      sourcefile: 'route.js',
    },
    outdir: undefined,
    outfile: `${OUT}/route.cjs`,
    banner: { js: "'use strict';" },
    define: {},
  }),
  build({ ...common, entryPoints: { main: 'dist/cli/main.js' }, plugins: [lazyChildProcess, onlyCommand(null), moduleFileByNode] }),
  ...modules.map((module) => build({ ...common, entryPoints: { [module]: 'dist/cli/main.js' }, plugins: [lazyChildProcess, onlyCommand(module), moduleFileByNode] })),
  build({ ...common, entryPoints: [IMPORT_MODULE_FILE], supported: {} }),
  build({ ...common, entryPoints: ['dist/server/heavy-thesis-worker.js', 'dist/app/sweep-worker.js'] }),
]);
