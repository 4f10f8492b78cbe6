// Sums Vitest's and Playwright's JSON reports into the one closing line CI reads:
// "N passed, N failed, N skipped". Exits 1 if anything failed (a missing or unreadable report counts
// as one failure) or nothing ran at all.
// Usage: node .ci/summarize.mjs [vitest.json] [playwright.json]
import { readFileSync } from 'node:fs';

const [vitestPath = 'test-results/vitest.json', playwrightPath = 'test-results/playwright.json'] =
  process.argv.slice(2);

/** @typedef {{ passed: number, failed: number, skipped: number, notes: string[] }} Counts */

/** @returns {Counts} */
function fromVitest(report) {
  const counts = { passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const t of tests) {
      if (t.status === 'passed') counts.passed += 1;
      else if (t.status === 'failed') counts.failed += 1;
      else counts.skipped += 1; // skipped, pending, todo, disabled
    }
    // A file that fails to import or whose hooks throw has no failed test of its own: count it once.
    if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      counts.failed += 1;
      counts.notes.push(`vitest: ${file.name} failed outside a test: ${firstLine(file.message)}`);
    }
  }
  // Unhandled errors (and other run-level failures) only show as success: false.
  if (report.success === false && counts.failed === 0 && counts.passed + counts.skipped > 0) {
    counts.failed += 1;
    counts.notes.push('vitest: the run failed without a failing test (unhandled error?)');
  }
  return counts;
}

/** @returns {Counts} */
function fromPlaywright(report) {
  const stats = report.stats ?? {};
  const counts = {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
    notes: [],
  };
  if (stats.flaky) counts.notes.push(`playwright: ${stats.flaky} flaky test(s) counted as passed`);
  // The suite's wall time, to hold against its budget (the global timeout in playwright.config.ts).
  if (stats.duration) counts.notes.push(`playwright: the suite took ${Math.round(stats.duration / 1000)} s`);
  // Errors outside tests: the web server did not start, a spec file failed to load, global timeout.
  const errors = report.errors ?? [];
  if (errors.length > 0) {
    counts.failed += errors.length;
    for (const e of errors) counts.notes.push(`playwright: ${firstLine(e.message)}`);
  }
  return counts;
}

function firstLine(text) {
  const [first = ''] = String(text ?? '')
    .trim()
    .split('\n');
  return first;
}

const runners = [
  ['vitest', vitestPath, fromVitest],
  ['playwright', playwrightPath, fromPlaywright],
];

const total = { passed: 0, failed: 0, skipped: 0 };
for (const [name, path, count] of runners) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // A missing report means the runner crashed or never started: count it as one failure.
    console.log(`${name}: no readable report at ${path} (${firstLine(error.message)}), counted as 1 failed`);
    total.failed += 1;
    continue;
  }
  const c = count(report);
  for (const note of c.notes) console.log(note);
  // Deliberately not in the "N passed, N failed" shape: only the last line is the summary.
  console.log(`${name}: passed=${c.passed} failed=${c.failed} skipped=${c.skipped}`);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}

const ran = total.passed + total.failed;
if (ran === 0) console.log('no test ran');
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || ran === 0 ? 1 : 0);
