// Prints the plain closing line "N passed, N failed" for a CI run: every vitest test, a suite that
// failed to load counts as one failure, and the type-check and the lint count as one check each.
import { readFileSync } from 'node:fs';

const [resultsFile, typecheckCode, lintCode] = process.argv.slice(2);
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  for (const suite of results.testResults) {
    const anyTestFailed = suite.assertionResults.some((test) => test.status === 'failed');
    if (suite.status === 'failed' && !anyTestFailed) failed += 1;
  }
} catch (error) {
  console.error(`could not read the test results (${resultsFile}): ${error.message}`);
  failed += 1;
}
for (const code of [typecheckCode, lintCode]) {
  if (code === '0') passed += 1;
  else failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
