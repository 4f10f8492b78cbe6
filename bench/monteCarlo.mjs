// `node bench/monteCarlo.mjs [--samples 10000] [--reference-samples 200]`: Monte Carlo over each
// shipped scenario, the compiled evaluator against HyperFormula re-evaluating samples, in one run in
// Node. HyperFormula's per-sample time is measured on a subset and scaled (10 000 would take a minute).
// Not run in CI; a figure taken while other work runs on the machine is not a figure (see BENCHMARKS.md).
import os from 'node:os';
import { register } from 'tsx/esm/api';

register();
const { runMonteCarlo } = await import('../src/core/compiled/monteCarlo.ts');
const { SHIPPED_SCENARIOS, buildShippedScenario } = await import('../src/core/scenario/shipped.ts');
const { exportModelForTest } = await import('../test/workers/monteCarloSupport.ts');
const { createReferenceEngine } = await import('../workers/monteCarlo.ts');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const samples = arg('--samples', 10_000);
const referenceSamples = Math.min(samples, arg('--reference-samples', 200));

console.log(
  `node ${process.version}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const recipe of SHIPPED_SCENARIOS) {
  const doc = buildShippedScenario(recipe, exportModelForTest);
  const workbook = { sheets: doc.sheets, names: doc.names };
  // Every ranged numeric parameter, triangular around its value: the default a run samples.
  const compiled = await runMonteCarlo(workbook, createReferenceEngine(workbook), { samples, seed: 1 });
  const { inputs } = compiled;
  const reference = await runMonteCarlo(workbook, createReferenceEngine(workbook), {
    samples: referenceSamples,
    seed: 1,
    inputs,
    compiled: false,
  });
  const hfFor = (reference.ms / referenceSamples) * samples;
  console.log(
    `${recipe.id}: ${inputs.length} inputs; compiled ${samples} samples ${compiled.ms.toFixed(0)} ms ` +
      `(${compiled.engine}, ${compiled.referenceSamples} by HyperFormula); HyperFormula ` +
      `${(reference.ms / referenceSamples).toFixed(2)} ms/sample → ${(hfFor / 1000).toFixed(1)} s for ${samples}; ` +
      `ratio ${(hfFor / compiled.ms).toFixed(0)}×; P(target) ${compiled.target.probability.toFixed(3)} ± ${compiled.target.standardError.toFixed(3)}`,
  );
}
