/**
 * Child process for the kill test (src/data/import/import-shared-data.test.ts): imports the files
 * given into the store given, printing "writing" when the write transaction starts so the parent
 * can SIGKILL it mid-write. Usage: node --import tsx test/import-child.ts DB FILE…
 */
import { importFiles } from '../src/data/import/import-files.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';

const [db, ...files] = process.argv.slice(2);
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
