// `bana montecarlo FILE --samples N --seed S [--input 'Sheet!B8:low:high[:distribution]']… [--json]`:
// the worker's Monte Carlo code run in Node, printed as text or JSON. Without --input it samples
// every ranged numeric parameter, as the worker does (monteCarloInputs); without --seed, --samples
// or --input it uses the seed, sample count and distributions stored in the scenario.
import { formatAddress, parseReference, quoteSheetName } from '../core/address';
import type { MonteCarloInput, MonteCarloResult } from '../core/compiled/monteCarlo';
import { DISTRIBUTIONS, type Distribution } from '../core/compiled/sampling';
import { DEFAULT_MONTE_CARLO, type ScenarioDocument } from '../core/document';
import { LIMITS } from '../core/schema';
import { createMonteCarloApi } from '../../workers/monteCarlo';
import { evaluateDocument } from './evaluate';

export const MONTE_CARLO_HELP = `  bana montecarlo FILE --samples N --seed S [--input 'Sheet!B8:low:high[:triangular|uniform|normal]' …]
                       [--tolerance 0.15] [--no-compiled] [--json]
                                       Monte Carlo: P(target met) with its standard error, P5/P50/P95 of
                                       the projection per year, the engine used and the seconds taken.
                                       Without --input: every parameter with a low and a high (numbers and
                                       shares), with the distributions stored in the scenario (default
                                       triangular(low, value, high)); with --input, only those.
                                       Triangular uses the cell's value as the mode; normal reads low and
                                       high as P5 and P95. --seed and --samples default to the values
                                       stored in the scenario (else 1 and 10 000), as the app runs it.`;

/** The value after a flag, if given. */
export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function integer(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, not "${text}"`);
  return n;
}

/** Reads one --input: a cell, its low and high, and optionally the distribution. */
function parseInput(text: string): Omit<MonteCarloInput, 'mode'> {
  const parts = text.split(':');
  const [cellText, lowText, highText, dist = 'triangular'] = parts;
  const ref = cellText ? parseReference(cellText) : null;
  const low = Number(lowText);
  const high = Number(highText);
  if (
    !ref ||
    ref.sheet === undefined ||
    parts.length < 3 ||
    parts.length > 4 ||
    !Number.isFinite(low) ||
    !Number.isFinite(high)
  ) {
    throw new Error(`--input "${text}" should read Sheet!B8:low:high[:distribution]`);
  }
  if (!DISTRIBUTIONS.includes(dist as Distribution))
    throw new Error(`unknown distribution "${dist}" (${DISTRIBUTIONS.join(', ')})`);
  return { sheet: ref.sheet, row: ref.row, col: ref.col, low, high, distribution: dist as Distribution };
}

function percent(p: number): string {
  return `${(100 * p).toFixed(1)} %`;
}

function asText(name: string, r: MonteCarloResult): string {
  const lines = [
    `${name}: ${r.samples} samples, seed ${r.seed}${r.cancelled ? ' (cancelled)' : ''}`,
    `engine: ${r.engine}${r.fallbackReason ? ` (${r.fallbackReason})` : ''}; ${r.referenceSamples} samples by HyperFormula; ${(r.ms / 1000).toFixed(2)} s`,
    `P(target met in the target year) = ${percent(r.target.probability)} ± ${percent(r.target.standardError)}`,
    `P(climate neutral, residual ≤ ${percent(r.neutral.tolerance)} of base) = ${percent(r.neutral.probability)} ± ${percent(r.neutral.standardError)}`,
    `gap in the target year (t CO2e): P5 ${r.gap.p5.toFixed(0)}, P50 ${r.gap.p50.toFixed(0)}, P95 ${r.gap.p95.toFixed(0)}`,
    'year\tP5\tP50\tP95',
    ...r.years.map(
      (y, i) =>
        `${y}\t${r.projection.p5[i]?.toFixed(0)}\t${r.projection.p50[i]?.toFixed(0)}\t${r.projection.p95[i]?.toFixed(0)}`,
    ),
  ];
  lines.splice(
    2,
    0,
    `inputs: ${r.inputs.map((p) => `${quoteSheetName(p.sheet)}!${formatAddress(p.row, p.col)}`).join(', ')}`,
    ...r.skipped.map((p) => `not sampled: ${p.address} ${p.name} (${p.reason})`),
  );
  if (r.invalidSamples > 0) lines.splice(2, 0, `${r.invalidSamples} samples gave no number and are left out`);
  return `${lines.join('\n')}\n`;
}

/** Run `bana montecarlo` on a loaded document; returns the text to print. */
export async function monteCarloCommand(doc: ScenarioDocument, args: string[]): Promise<string> {
  // What the planner stored with the scenario, so the CLI gives the app's figures without flags.
  const stored = doc.meta.monteCarlo ?? DEFAULT_MONTE_CARLO;
  const samples = integer(flag(args, '--samples'), '--samples', stored.samples);
  const seed = integer(flag(args, '--seed'), '--seed', stored.seed);
  // The generator takes a 32-bit seed: a larger one would silently draw as another seed does.
  if (seed < 0 || seed > LIMITS.maxSeed) throw new Error(`--seed must be from 0 to ${LIMITS.maxSeed}`);
  const tolerance = Number(flag(args, '--tolerance') ?? 0.15);
  if (!(tolerance >= 0)) throw new Error('--tolerance must be a share ≥ 0');
  const specs = args.flatMap((a, i) =>
    a === '--input' && args[i + 1] ? [parseInput(args[i + 1] as string)] : [],
  );
  // The mode of each input is the cell's current value in the workbook.
  const evaluation = await evaluateDocument(doc);
  const inputs: MonteCarloInput[] = [];
  for (const spec of specs) {
    const value = await evaluation.cell(spec.sheet, spec.row, spec.col).catch(() => {
      throw new Error(`no sheet named ${spec.sheet}`);
    });
    if (typeof value !== 'number')
      throw new Error(`${spec.sheet} row ${spec.row + 1} column ${spec.col + 1} is not a number`);
    inputs.push({ ...spec, mode: value });
  }
  const workbook = {
    sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })),
    names: doc.names,
  };
  const result = await createMonteCarloApi().monteCarlo(workbook, {
    samples,
    seed,
    // Without --input the worker samples the scenario's ranged parameters (the same code the app runs).
    ...(inputs.length > 0 ? { inputs } : { distributions: stored.distributions }),
    neutralTolerance: tolerance,
    compiled: !args.includes('--no-compiled'),
  });
  return args.includes('--json')
    ? `${JSON.stringify({ name: doc.meta.name, ...result }, null, 2)}\n`
    : asText(doc.meta.name, result);
}
