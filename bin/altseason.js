#!/usr/bin/env node
// The `altseason` command. It runs the JavaScript that `npm run build` compiled and bundled into
// dist/cli-bundle/ (npm ci runs the build): no command compiles TypeScript at run time, and a
// command loads a few files instead of ~150 modules. ALTSEASON_FROM_SOURCE=1 runs the
// TypeScript sources through tsx instead (the tests do, so they always test the current sources).
import { existsSync } from 'node:fs';

// `altseason index --format csv | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const compiled = new URL('../dist/cli-bundle/main.js', import.meta.url);
let main;
if (process.env.ALTSEASON_FROM_SOURCE === '1' || !existsSync(compiled)) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write('altseason is not built: run `npm run build` (npm ci does it), or install the dev dependencies to run from source\n');
    process.exit(1);
  }
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import(compiled.href));
}
process.exitCode = await main(process.argv);
