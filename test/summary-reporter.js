/**
 * Prints one plain closing line, "jest: N passed, N failed[, N skipped]", after jest's own
 * summary, so a reader (or CI) that only reads the last line knows what ran.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    // At exit, so it comes after the default reporter's summary.
    process.once('exit', () => process.stderr.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
