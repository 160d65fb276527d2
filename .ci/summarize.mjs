// Prints the plain closing line "N passed, N failed, N skipped" for a CI run of `npm test`: every
// vitest test, a suite that failed to load counts as one failure, and the checks `npm test` runs
// before vitest (type-check, lint, layer rules) count as one each — passed when vitest ran at all
// (`npm test` stops at the first failing check), one failure when it did not.
import { existsSync, readFileSync } from 'node:fs';

const [resultsFile, testCode] = process.argv.slice(2);
const CHECKS_BEFORE_VITEST = 3;
let passed = 0;
let failed = 0;
let skipped = 0;
if (!existsSync(resultsFile)) {
  console.error(`npm test stopped before the tests ran (exit ${testCode}): a type-check, lint or layer-rule failure, above`);
  failed += 1;
} else {
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    passed += CHECKS_BEFORE_VITEST + results.numPassedTests;
    failed += results.numFailedTests;
    skipped += results.numPendingTests + results.numTodoTests;
    for (const suite of results.testResults) {
      const anyTestFailed = suite.assertionResults.some((test) => test.status === 'failed');
      if (suite.status === 'failed' && !anyTestFailed) failed += 1;
    }
    if (testCode !== '0' && failed === 0) failed += 1; // vitest failed for a reason of its own (e.g. a hook)
  } catch (error) {
    console.error(`could not read the test results (${resultsFile}): ${error.message}`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
