// `npm run bench:fanin [-- --quick]`: HyperFormula's buildFromSheets on fan-in workbooks, stock 3.5.0
// against our patched copy (patches/hyperformula+3.5.0.patch), in one run on one machine, in Node.
// The stock copy is the installed package with the patch reversed, kept in node_modules/.cache.
// Every build runs in a fresh child process (fresh heap); stock and patched alternate. Each build also
// hashes every value of the sheet, and a stock/patched mismatch fails the run.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = 'BANA-PATCH fan-in edge index';

/** Fan-in shapes: a named expression, and an absolute cell reference. */
function sheetFor(shape, n) {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = i + 1;
    rows[i] = [r, shape === 'named' ? `=Base*A${r}` : `=$Z$1*A${r}`];
  }
  rows[0][25] = 1.5;
  const names = shape === 'named' ? [{ name: 'Base', expression: '=1.5' }] : [];
  return { rows, names };
}

async function child(hfDir, shape, n) {
  const { HyperFormula } = await import(pathToFileURL(path.join(hfDir, 'es/index.mjs')).href);
  const { rows, names } = sheetFor(shape, n);
  const started = performance.now();
  const hf = HyperFormula.buildFromSheets({ S: rows }, { licenseKey: 'gpl-v3', maxRows: 1_048_576 }, names);
  const ms = performance.now() - started;
  const hash = createHash('sha256')
    .update(JSON.stringify(hf.getSheetValues(0)))
    .digest('hex')
    .slice(0, 16);
  const patched = readFileSync(path.join(hfDir, 'es/DependencyGraph/Graph.mjs'), 'utf8').includes(MARKER);
  process.stdout.write(JSON.stringify({ ms, hash, patched }));
}

/** The installed package with the patch reversed: HyperFormula 3.5.0 as published. */
function stockCopy() {
  const installed = path.join(root, 'node_modules/hyperformula');
  const stock = path.join(root, 'node_modules/.cache/bana-bench/hyperformula-stock');
  if (!existsSync(path.join(stock, 'es/index.mjs'))) {
    rmSync(stock, { recursive: true, force: true });
    cpSync(installed, stock, { recursive: true });
    execFileSync('patch', ['-R', '-p3', '-s', '-d', stock], {
      input: readFileSync(path.join(root, 'patches/hyperformula+3.5.0.patch')),
    });
  }
  const graph = readFileSync(path.join(stock, 'es/DependencyGraph/Graph.mjs'), 'utf8');
  if (graph.includes(MARKER)) throw new Error(`${stock} still holds the patch.`);
  return { installed, stock };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main() {
  const quick = process.argv.includes('--quick');
  const { installed, stock } = stockCopy();
  const sizes = quick ? [20_000, 100_000] : [20_000, 50_000, 100_000];
  const reps = quick ? 1 : 2;
  const load = os.loadavg();
  console.log(
    `Machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores; load before ${load.map((x) => x.toFixed(2)).join(' ')}`,
  );
  console.log(
    `Node ${process.version}; ${reps} build(s) per cell, each in a fresh process, stock/patched alternating\n`,
  );
  console.log(
    '| shape | formulas | stock ms (median) | patched ms (median) | stock / patched | same values |',
  );
  console.log('|---|--:|--:|--:|--:|---|');
  let failed = false;
  const results = [];
  for (const shape of ['named', 'absolute']) {
    for (const n of sizes) {
      const runs = { stock: [], patched: [] };
      const hashes = new Set();
      for (let i = 0; i < reps; i++) {
        const order = i % 2 === 0 ? ['stock', 'patched'] : ['patched', 'stock'];
        for (const which of order) {
          const out = spawnSync(
            process.execPath,
            [
              fileURLToPath(import.meta.url),
              '--child',
              which === 'stock' ? stock : installed,
              shape,
              String(n),
            ],
            { encoding: 'utf8', maxBuffer: 1 << 20 },
          );
          if (out.status !== 0) throw new Error(`${which} ${shape} ${n}: ${out.stderr}`);
          const r = JSON.parse(out.stdout);
          if (r.patched !== (which === 'patched')) throw new Error(`${which} copy has patched=${r.patched}`);
          runs[which].push(r.ms);
          hashes.add(r.hash);
        }
      }
      const s = median(runs.stock);
      const p = median(runs.patched);
      const same = hashes.size === 1;
      if (!same) failed = true;
      results.push({ shape, n, stock: runs.stock, patched: runs.patched, same });
      console.log(
        `| ${shape === 'named' ? 'named expression `=Base*A{r}`' : 'absolute cell `=$Z$1*A{r}`'} | ${n.toLocaleString('en-US')} | ${s.toFixed(0)} | ${p.toFixed(0)} | ${(s / p).toFixed(1)}× | ${same ? 'yes' : 'NO'} |`,
      );
    }
  }
  console.log(
    `\nload after ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(`samples: ${JSON.stringify(results)}`);
  if (failed) {
    console.log('FAILED: stock and patched builds gave different values.');
    process.exit(1);
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], Number(process.argv[5]));
} else {
  main();
}
