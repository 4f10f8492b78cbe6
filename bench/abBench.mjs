// `npm run bench:ab [-- --base=<git ref>] [--rounds=5] [--steps=150]`: the working tree against another
// commit (default HEAD), both as production builds, in one Chromium session: the builds take turns, and
// who goes first swaps every round, so machine load hits both alike. On a 100k-row sheet it measures
// keystroke → the frame that shows the value (p50 and p95 of 50 edits per page) and wheel scrolling
// (the share of wheel steps that dropped at least one 60 Hz frame, and the worst step). Prints each
// ratio of medians with the spread over the pages and the load average of every round. The base is built from a git worktree in node_modules/.cache/bana-ab that
// borrows this checkout's node_modules (so the same patched HyperFormula). Not part of the test suite.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import { bigSheetPage, keystrokes, scrollFrames, scrollSummary, stats } from './appPage.mjs';
import { launchChromium, logger, root } from './node.mjs';

const log = logger('bench:ab');
const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const baseRef = arg('base', 'HEAD');
const rounds = Number(arg('rounds', '5'));
const edits = Number(arg('edits', '50'));
const steps = Number(arg('steps', '150'));
const ROWS = 100_000;

const worktree = path.join(root, 'node_modules/.cache/bana-ab/base');

function git(...args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

async function buildAt(dir, outDir) {
  await build({
    root: dir,
    configFile: path.join(dir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return preview({
    root: dir,
    configFile: path.join(dir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 5300, strictPort: false, host: '127.0.0.1', open: false },
  });
}

/** One page of one build: a 100k-row sheet, keystrokes, then wheel scrolling. */
async function measure(browser, baseUrl) {
  const { context, page, errors } = await bigSheetPage(browser, baseUrl, ROWS);
  const keys = await keystrokes(page, edits, 2);
  const scroll = scrollSummary((await scrollFrames(page, steps)).stepWorst);
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);
  return {
    keystrokeP50: keys.presented.median,
    keystrokeP95: keys.presented.p95,
    keystrokeDom: keys.dom.median,
    droppedSteps: scroll.droppedPct,
    worstStep: scroll.worstStepMs,
    load: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

async function main() {
  const loadBefore = os.loadavg();
  const baseCommit = git('rev-parse', '--short', baseRef);
  if (existsSync(worktree)) git('worktree', 'remove', '--force', worktree);
  git('worktree', 'add', '--detach', worktree, baseCommit);
  symlinkSync(path.join(root, 'node_modules'), path.join(worktree, 'node_modules'), 'dir');
  log(`building base ${baseCommit} and the working tree …`);
  const servers = {
    base: await buildAt(worktree, path.join(worktree, 'dist-ab')),
    current: await buildAt(root, path.join(root, 'bench/results/dist-ab')),
  };
  const browser = await launchChromium();
  const results = { base: [], current: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? ['base', 'current'] : ['current', 'base']) {
        const r = await measure(browser, servers[side].resolvedUrls?.local[0]);
        log(`round ${round + 1} ${side}: ${JSON.stringify(r)}`);
        results[side].push(r);
      }
    }
  } finally {
    await browser.close();
    for (const server of Object.values(servers)) await server.close();
    git('worktree', 'remove', '--force', worktree);
    rmSync(path.join(root, 'bench/results/dist-ab'), { recursive: true, force: true });
  }
  const median = (side, key) => stats(results[side].map((r) => r[key])).median;
  const spread = (side, key) => {
    const s = stats(results[side].map((r) => r[key]));
    return `${s.min}–${s.max}`;
  };
  const row = (label, key) => {
    const ratio = median('current', key) / median('base', key);
    return `| ${label} | ${median('base', key)} (${spread('base', key)}) | ${median('current', key)} (${spread('current', key)}) | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—'} |`;
  };
  console.log(
    `Machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores; load before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(
        ' ',
      )}; 1-min load per page: base ${results.base.map((r) => r.load).join(', ')}; tree ${results.current.map((r) => r.load).join(', ')}`,
  );
  console.log(`${rounds} rounds, ${edits} edits and ${steps} wheel steps of 400 px per page, 100k-row sheet`);
  console.log(`\n| median of ${rounds} pages (spread) | base ${baseCommit} | working tree | tree / base |`);
  console.log('|---|--:|--:|--:|');
  console.log(row(`keystroke → value presented, p50 of ${edits}, ms`, 'keystrokeP50'));
  console.log(row(`keystroke → value presented, p95 of ${edits}, ms`, 'keystrokeP95'));
  console.log(row('keystroke → value in the DOM, p50, ms', 'keystrokeDom'));
  console.log(row('wheel steps that dropped a frame, %', 'droppedSteps'));
  console.log(row('worst wheel step, ms', 'worstStep'));
}

await main();
