#!/usr/bin/env node
// The `altseason` command. It runs the JavaScript that `npm run build` compiled into dist/ (npm ci
// runs the build), so no command compiles TypeScript at run time. ALTSEASON_FROM_SOURCE=1 runs the
// TypeScript sources through tsx instead (the tests do, so they always test the current sources).
import { existsSync } from 'node:fs';

// `altseason index --format csv | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const compiled = new URL('../dist/cli/main.js', import.meta.url);
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
