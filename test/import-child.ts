/**
 * Child process for tests that need a second process on one store.
 *
 *   import-child.ts DB FILE…   imports the files into the store, printing "writing" when a write
 *                              transaction starts (the kill test SIGKILLs it then), then "done".
 *   import-child.ts --cli DB FILE…
 *                              runs the import as `altseason import` does, Ctrl-C handling
 *                              included, printing "reading FILE" as each file is read (the SIGINT
 *                              test interrupts it then).
 *   import-child.ts --hold-write-lock DB RELEASE_FILE
 *                              takes the store's write lock through a real write, prints
 *                              "holding", and keeps it until RELEASE_FILE exists.
 */
import { existsSync } from 'node:fs';
import { importFiles } from '../src/data/import/import-files.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';

const args = process.argv.slice(2);

if (args[0] === '--hold-write-lock') {
  const [, db, releaseFile] = args;
  if (!db || !releaseFile) throw new Error('usage: import-child.ts --hold-write-lock DB RELEASE_FILE');
  const store = SqliteStore.open(db);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  await store.write({
    load: { source: 'test', origin: 'holder' },
    // Read inside the write transaction: block there (synchronously, as a long write does).
    get settings() {
      process.stdout.write('holding\n');
      while (!existsSync(releaseFile)) Atomics.wait(pause, 0, 0, 20);
      return { holder: 'done' };
    },
  });
  await store.close();
  process.stdout.write('released\n');
} else if (args[0] === '--cli') {
  const [, db, ...files] = args;
  if (!db || files.length === 0) throw new Error('usage: import-child.ts --cli DB FILE…');
  const { importCommandRun } = await import('../src/cli/commands/import-command.ts');
  let reading = '';
  process.exitCode = await importCommandRun(db, files, {
    onProgress: (progress) => {
      if (progress.phase === 'reading' && progress.file !== reading) {
        reading = progress.file;
        process.stdout.write(`reading ${progress.file}\n`);
      }
    },
  });
} else {
  const [db, ...files] = args;
  if (!db || files.length === 0) throw new Error('usage: import-child.ts DB FILE…');
  const store = SqliteStore.open(db);
  let announced = false;
  await importFiles(store, files, {
    onProgress: (progress) => {
      if (progress.phase === 'writing' && !announced) {
        announced = true;
        process.stdout.write('writing\n');
      }
    },
  });
  await store.close();
  process.stdout.write('done\n');
}
