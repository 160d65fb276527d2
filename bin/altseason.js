#!/usr/bin/env node
// The `altseason` command (CommonJS: bin/package.json). It runs the bundle of the command named on
// the command line, from dist/cli-bundle/ (`npm run build`, which npm ci runs; scripts/bundle-cli.mjs):
// no command compiles TypeScript at run time, and a command is one file. ALTSEASON_FROM_SOURCE=1
// runs the TypeScript sources through tsx instead (the tests do, so they always test the sources).
//
// A bundle is compiled with V8's code cache: after a command has succeeded, the bytecode of every
// function it compiled is saved in dist/cli-bundle/.code-cache/, named by the bundle's size and
// time and by Node's version; the next run of that bundle deserializes it instead of parsing and
// compiling (V8 rejects a cache of another V8 or other flags, and then the run compiles as usual
// and saves a new one). A cache that cannot be written (a read-only install) only costs that time.
// No library does this: v8-compile-cache saves the cache before the code runs, so without the
// functions compiled lazily, which are most of the gain.
'use strict';
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { basename, dirname, join } = require('node:path');
const vm = require('node:vm');

// `altseason index --format csv | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const BUNDLES = join(__dirname, '..', 'dist', 'cli-bundle');
const ROUTE = join(BUNDLES, 'route.cjs');

function fromSource() {
  return import('tsx/esm/api').then(
    ({ register }) => {
      register();
      return import('../src/cli/main.ts');
    },
    () => {
      process.stderr.write('altseason is not built: run `npm run build` (npm ci does it), or install the dev dependencies to run from source\n');
      process.exit(1);
    },
  );
}

/** Runs a CommonJS bundle from its code cache when there is a valid one; `save()` writes the cache when there was none. */
function loadBundle(file) {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const cacheFile = join(dirname(file), '.code-cache', `${basename(file, '.cjs')}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {}, filename: file };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const save = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile); // whole or not at all, whichever process writes last
    } catch {
      // only time is lost
    }
  };
  return { exports: module.exports, save };
}

function fromBundle() {
  const { commandNameIn, BUNDLE_OF } = require(ROUTE);
  const name = commandNameIn(process.argv.slice(2));
  const bundle = loadBundle(join(BUNDLES, `${(name !== undefined && Object.hasOwn(BUNDLE_OF, name) && BUNDLE_OF[name]) || 'main'}.cjs`));
  return bundle.exports.main(process.argv).then((code) => {
    if (code === 0) bundle.save();
    return code;
  });
}

const run = process.env.ALTSEASON_FROM_SOURCE === '1' || !existsSync(ROUTE) ? fromSource().then(({ main }) => main(process.argv)) : fromBundle();
run.then((code) => {
  process.exitCode = code;
});
