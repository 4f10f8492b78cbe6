// The compiled evaluator against HyperFormula (the reference): the shipped scenarios with random
// samples and fuzzed formulas must give the values HyperFormula shows; fallbacks, seeds and cancel.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

// HyperFormula evaluates every sample here too; on a shared 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 120_000 });
import { type CellAddress, type CompilableWorkbook, compileWorkbook } from '../../src/core/compiled/compile';
import { monteCarloInputs } from '../../src/core/compiled/inputs';
import { type MonteCarloInput, runMonteCarlo } from '../../src/core/compiled/monteCarlo';
import { type Scalar, isError, roundLikeHyperFormula } from '../../src/core/compiled/values';
import { sampleAt } from '../../src/core/compiled/vector';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../src/core/scenario/shipped';
import { exportModelForTest } from './monteCarloSupport';
import { createReferenceEngine } from '../../workers/monteCarlo';

/** Equal as HyperFormula shows values: numbers to its 10 significant digits, errors by kind. */
function sameAsShown(compiled: Scalar, shown: Scalar): boolean {
  if (typeof compiled === 'number' && typeof shown === 'number') {
    const a = roundLikeHyperFormula(compiled);
    return Object.is(a, shown) || Math.abs(a - shown) <= 1e-9 * Math.max(Math.abs(a), Math.abs(shown));
  }
  if (isError(compiled) && isError(shown)) return compiled.error === shown.error;
  return compiled === shown;
}

/** Every formula cell of a workbook. */
function formulaCells(wb: CompilableWorkbook): CellAddress[] {
  const out: CellAddress[] = [];
  wb.sheets.forEach((s, sheet) => {
    s.cells.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (typeof v === 'string' && v.startsWith('=')) out.push({ sheet, row: r, col: c });
      });
    });
  });
  return out;
}

/** Run both engines over the same samples and list the cells where they differ. */
function differences(wb: CompilableWorkbook, inputs: CellAddress[], samples: number[][]): string[] {
  const reference = createReferenceEngine(wb);
  const outputs = formulaCells(wb);
  const compiled = compileWorkbook(wb, inputs, outputs, reference.constant);
  if (!compiled.ok) throw new Error(compiled.reason);
  const columns = inputs.map((_, k) => Float64Array.from(samples.map((s) => s[k] as number)));
  const values = compiled.program.run(columns, samples.length);
  const diffs: string[] = [];
  samples.forEach((sample, i) => {
    const shown = reference.evaluate(inputs, sample, outputs);
    outputs.forEach((o, k) => {
      const mine = sampleAt(values[k] as Scalar, i);
      if (isError(mine) && mine.error === 'UNSUPPORTED') return; // handed to HyperFormula
      if (!sameAsShown(mine, shown[k] as Scalar)) {
        diffs.push(
          `${wb.sheets[o.sheet]?.name}!R${o.row + 1}C${o.col + 1} sample ${sample}: ${JSON.stringify(mine)} vs ${JSON.stringify(shown[k])}`,
        );
      }
    });
  });
  reference.destroy();
  return diffs;
}

/** Parameter rows of the templates: a number in B and a low and high in D and E. */
function rangedParameters(wb: CompilableWorkbook): (CellAddress & { low: number; high: number })[] {
  const out: (CellAddress & { low: number; high: number })[] = [];
  wb.sheets.forEach((s, sheet) => {
    s.cells.forEach((row, r) => {
      const [, value, , low, high] = row ?? [];
      if (typeof value === 'number' && typeof low === 'number' && typeof high === 'number' && low < high) {
        out.push({ sheet, row: r, col: 1, low, high });
      }
    });
  });
  return out;
}

describe('compiled evaluator against HyperFormula', () => {
  it('refuses a workbook whose sampled cells use a name it cannot read, or another function', () => {
    const wb: CompilableWorkbook = {
      sheets: [
        {
          name: 'S',
          cells: [
            [1, '=A1*T'],
            [2, '=SQRT(A2)'],
            [3, '=A3*2'],
            [4, '=A4+C1:C2'],
          ],
        },
      ],
      names: [{ name: 'T', expression: '12' }],
    };
    const reference = createReferenceEngine(wb);
    const compile = (row: number) =>
      compileWorkbook(wb, [{ sheet: 0, row, col: 0 }], [{ sheet: 0, row, col: 1 }], reference.constant);
    expect(compile(0)).toEqual({ ok: false, reason: expect.stringMatching(/name T/) });
    expect(compile(1)).toEqual({ ok: false, reason: expect.stringMatching(/function SQRT/) });
    expect(compile(2).ok).toBe(true);
    expect(compile(3)).toEqual({ ok: false, reason: expect.stringMatching(/range used as a single value/) });
    // A volatile function anywhere, even in a cell no input reaches, is refused.
    const volatile = { ...wb, sheets: [{ name: 'S', cells: [[1, '=A1*2', '=RAND()']] }] };
    expect(
      compileWorkbook(volatile, [{ sheet: 0, row: 0, col: 0 }], [{ sheet: 0, row: 0, col: 1 }], () => 0),
    ).toEqual({
      ok: false,
      reason: expect.stringMatching(/volatile function RAND/),
    });
    reference.destroy();
  });

  for (const recipe of SHIPPED_SCENARIOS) {
    it(`gives HyperFormula's values for every formula of ${recipe.id} over random samples`, () => {
      const doc = buildShippedScenario(recipe, exportModelForTest);
      const wb = { sheets: doc.sheets, names: doc.names };
      const params = rangedParameters(wb);
      expect(params.length).toBeGreaterThan(3);
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const samples = Array.from({ length: 12 }, (_, i) =>
        // The first sample sits at the lows (edges find errors), the rest anywhere in the range.
        params.map((p) => (i === 0 ? p.low : p.low + (p.high - p.low) * random())),
      );
      expect(differences(wb, params, samples)).toEqual([]);
    });
  }

  it("gives the worker INDEX's values on one-row ranges and fractional indexes", () => {
    const formulas = [
      '=INDEX(A2:E2,B1)',
      '=INDEX(A2:E2,1,B1)',
      '=INDEX(A2:E2,B1,1)',
      '=INDEX(A3:A7,B1)',
      '=INDEX(A3:A7,B1,1)',
      '=INDEX(A2:E3,2,B1)',
      '=INDEX(A2,B1)',
    ];
    const wb: CompilableWorkbook = {
      sheets: [
        {
          name: 'S',
          cells: [[null, 1, ...formulas], [10, 20, 30, 40, 50], [1, 2, 3, 4, 5], [2], [3], [4], [5]],
        },
      ],
      names: [],
    };
    const index = [0.5, 1, 1.5, 2.999, 3, 4.2, 5, 5.5, 6, -1].map((v) => [v]);
    expect(differences(wb, [{ sheet: 0, row: 0, col: 1 }], index)).toEqual([]);
    // And the values themselves: along the row for one index, truncated.
    const reference = createReferenceEngine(wb);
    const outputs = formulas.map((_, k) => ({ sheet: 0, row: 0, col: 2 + k }));
    const compiled = compileWorkbook(wb, [{ sheet: 0, row: 0, col: 1 }], outputs, reference.constant);
    if (!compiled.ok) throw new Error(compiled.reason);
    const values = compiled.program.run([Float64Array.from([2.999])], 1);
    expect(values.map((v) => sampleAt(v as Scalar, 0))).toEqual([
      20,
      20,
      { error: 'NUM' },
      2,
      2,
      2,
      {
        error: 'NUM',
      },
    ]);
    reference.destroy();
  });

  it("gives HyperFormula's values for fuzzed formulas", () => {
    const leaf = fc.oneof(
      fc.constantFrom('A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'S2!A1', 'Rate', 'Half', 'Label'),
      fc.constantFrom('0', '1', '2.5', '1.99', '0.9', '0.00000000000001', '0.1', '"ab"', '""', '"Åb"'),
    );
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(
            tie('e'),
            fc.constantFrom('+', '-', '*', '/', '^', '=', '<>', '<', '>', '<=', '>=', '&'),
            tie('e'),
          )
          .map(([a, op, b]) => `(${a}${op}${b})`),
        tie('e').map((a) => `-${a}`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `IF(${a},${b},${c})`),
        fc
          .tuple(
            fc.constantFrom('AND', 'OR', 'MAX', 'MIN', 'SUM'),
            fc.array(tie('e'), { minLength: 1, maxLength: 3 }),
          )
          .map(([f, args]) => `${f}(${args.join(',')})`),
        fc.constantFrom('SUM(A1:B4)', 'MAX(A1:A3)', 'MIN(B1:B4)', 'N(B1)', 'N(A2)'),
        tie('e').map((a) => `EXP(${a})`),
        tie('e').map((a) => `INDEX(A1:A3,${a})`),
        // One-row ranges with one index count along the row; fractional indexes truncate.
        tie('e').map((a) => `INDEX(A2:B2,${a})`),
        tie('e').map((a) => `INDEX(A3:B3,${a})`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `INDEX(A1:B2,${a},${b})`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `INDEX(A2:B2,${a},${b})`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `INDEX(${a},${b})`),
        tie('e').map((a) => `MATCH(${a},B1:B4,0)`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `MATCH(${a},${b},0)`),
      ),
    })).e;
    fc.assert(
      fc.property(
        fc.array(expr, { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.tuple(
            fc.constantFrom(0, 1, -1, 2.5, 1.7, 2.999, 1e-14, 0.1 + 0.2, 0.3, 1e300),
            fc.double({ min: -5, max: 5, noNaN: true }),
          ),
          {
            minLength: 3,
            maxLength: 3,
          },
        ),
        (formulas, picks) => {
          const wb: CompilableWorkbook = {
            sheets: [
              {
                name: 'S',
                cells: [
                  [1, 'AB', ...formulas.map((f) => `=${f}`)],
                  [2, 0.3],
                  [3, true],
                  [null, 'x'],
                ],
              },
              { name: 'S2', cells: [[0.1]] },
            ],
            names: [
              { name: 'Rate', expression: '=S!$A$2' },
              { name: 'Half', expression: 0.5 },
              { name: 'Label', expression: 'abc' },
            ],
          };
          const inputs = [0, 1, 2].map((row) => ({ sheet: 0, row, col: 0 }));
          // Half the time a value chosen to hit an edge (zero, epsilon, overflow), half anywhere.
          const samples = [0, 1].map((j) => picks.map(([edge, any]) => (j === 0 ? edge : any)));
          expect(differences(wb, inputs, samples)).toEqual([]);
        },
      ),
      { numRuns: 60, seed: 20261202 },
    );
  });
});

const DALARNA = SHIPPED_SCENARIOS.find((r) => r.id === 'dalarna-2030');

function dalarna() {
  const doc = buildShippedScenario(DALARNA as NonNullable<typeof DALARNA>, exportModelForTest);
  return { sheets: doc.sheets, names: doc.names };
}

/** The row of a parameter by its label in column A, so the tests follow the templates' rows. */
function rowOf(wb: CompilableWorkbook, sheet: string, label: string): number {
  const row = wb.sheets.find((s) => s.name === sheet)?.cells.findIndex((r) => r?.[0] === label) ?? -1;
  if (row < 0) throw new Error(`fixture moved: ${sheet} has no row "${label}"`);
  return row;
}

const WB = dalarna();
/** Numeric ranged parameters (not the choice cells, which give #N/A for a number). */
const VOLUME = rowOf(WB, 'Drivmedel', 'Ersatt fossilt bränsle per år');
const SHARE = rowOf(WB, 'Drivmedel', 'Andel av volymen som konverteras per år');
const FULL_EFFECT = rowOf(WB, 'Drivmedel', 'Minskning vid full effekt');
const SAVING = rowOf(WB, 'Drivmedel', 'Besparing per liter');
const INPUTS: MonteCarloInput[] = [
  {
    sheet: 'Drivmedel',
    row: VOLUME,
    col: 1,
    low: 380000,
    mode: 600000,
    high: 700000,
    distribution: 'triangular',
  },
  { sheet: 'Drivmedel', row: SHARE, col: 1, low: 0, mode: 0.25, high: 1, distribution: 'uniform' },
  {
    sheet: 'Baslinje',
    row: rowOf(WB, 'Baslinje', 'Förändring per år utan åtgärder (BAU)'),
    col: 1,
    low: -0.2,
    mode: -0.1,
    high: -0.05,
    distribution: 'normal',
  },
];
const B = (row: number) => `$B$${row + 1}`;

describe('runMonteCarlo', () => {
  it('gives the same probabilities for the same seed, and others for another seed', async () => {
    const wb = dalarna();
    const run = (seed: number) =>
      runMonteCarlo(wb, createReferenceEngine(wb), { samples: 400, seed, inputs: INPUTS });
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(a.engine).toBe('compiled');
    expect(a.target.probability).toBeGreaterThan(0);
    expect(a.target.probability).toBeLessThan(1);
    expect(b.target).toEqual(a.target);
    expect(b.projection).toEqual(a.projection);
    expect(c.gap.p50).not.toBe(a.gap.p50);
    const p = a.target.probability;
    expect(a.target.standardError).toBeCloseTo(Math.sqrt((p * (1 - p)) / 400), 12);
  });

  it('samples every ranged numeric parameter when no inputs are given, the same for the same seed', async () => {
    const wb = dalarna();
    const run = (seed: number) => runMonteCarlo(wb, createReferenceEngine(wb), { samples: 300, seed });
    const [a, b] = [await run(11), await run(11)];
    const reference = createReferenceEngine(wb);
    const expected = monteCarloInputs(wb, (p) =>
      reference.constant({ sheet: wb.sheets.findIndex((s) => s.name === p.sheet), row: p.row, col: p.col }),
    );
    reference.destroy();
    expect(a.inputs).toEqual(expected.inputs);
    expect(a.skipped).toEqual(expected.skipped);
    // The BAU change is a formula: its computed value is the mode.
    const bau = a.inputs.find((i) => i.sheet === 'Baslinje');
    expect(bau?.mode).toBeCloseTo((15940 / 17861) ** (1 / 3) - 1, 12);
    expect(a.inputs.length).toBeGreaterThan(5);
    expect(a.engine).toBe('compiled');
    expect(a.invalidSamples).toBe(0);
    // Dalarna's sourced ranges miss the 2030 target in every sample; the gap's spread shows the draws.
    expect(a.gap.p5).toBeLessThan(a.gap.p95);
    expect(a.gap.p5).toBeGreaterThan(0);
    expect(b.target).toEqual(a.target);
    expect(b.gap).toEqual(a.gap);
  });

  it('agrees with HyperFormula alone when the compiled path is switched off', async () => {
    const wb = dalarna();
    const options = { samples: 60, seed: 9, inputs: INPUTS };
    const compiled = await runMonteCarlo(wb, createReferenceEngine(wb), options);
    const reference = await runMonteCarlo(wb, createReferenceEngine(wb), { ...options, compiled: false });
    expect(reference.engine).toBe('hyperformula');
    expect(reference.fallbackReason).toMatch(/switched off/);
    expect(compiled.target).toEqual(reference.target);
    expect(compiled.neutral).toEqual(reference.neutral);
    reference.projection.p50.forEach((v, i) => {
      expect(compiled.projection.p50[i]).toBeCloseTo(v, 4);
    });
  });

  it('falls back to HyperFormula for the whole workbook when a sampled cell uses another function', async () => {
    const wb = dalarna();
    const sheet = wb.sheets.find((s) => s.name === 'Drivmedel');
    const row = sheet?.cells[FULL_EFFECT];
    if (!row) throw new Error('fixture moved');
    row[1] = `=SQRT(${B(VOLUME)}^2)*${B(SAVING)}/1000`;
    const result = await runMonteCarlo(wb, createReferenceEngine(wb), {
      samples: 20,
      seed: 1,
      inputs: INPUTS,
    });
    expect(result.engine).toBe('hyperformula');
    expect(result.fallbackReason).toMatch(/SQRT/);
  });

  it('hands a sample whose result is an error to HyperFormula', async () => {
    const wb = dalarna();
    const row = wb.sheets.find((s) => s.name === 'Drivmedel')?.cells[FULL_EFFECT];
    if (!row) throw new Error('fixture moved');
    // Division by zero wherever the share converted is 0.5 or above: some samples, not all.
    row[1] = `=IF(${B(SHARE)}>=0.5,1/0,${B(VOLUME)}*${B(SAVING)}/1000)`;
    const result = await runMonteCarlo(wb, createReferenceEngine(wb), {
      samples: 50,
      seed: 2,
      inputs: INPUTS,
    });
    expect(result.engine).toBe('compiled');
    expect(result.referenceSamples).toBeGreaterThan(0);
    expect(result.referenceSamples).toBeLessThan(50);
    expect(result.invalidSamples).toBe(result.referenceSamples);
  });

  it('stops between blocks when cancelled, and reports progress', async () => {
    const wb = dalarna();
    const progress: number[] = [];
    const result = await runMonteCarlo(wb, createReferenceEngine(wb), {
      samples: 1000,
      seed: 3,
      inputs: INPUTS,
      blockSize: 100,
      onProgress: (done) => progress.push(done),
      isCancelled: () => progress.length >= 2,
    });
    expect(result.cancelled).toBe(true);
    expect(result.samples).toBe(200);
    expect(progress).toEqual([100, 200]);
  });

  it('refuses an input outside its sheet list or with low above high', async () => {
    const wb = dalarna();
    const ref = createReferenceEngine(wb);
    const bad = (input: Partial<MonteCarloInput>) =>
      runMonteCarlo(wb, ref, {
        samples: 10,
        seed: 1,
        inputs: [{ ...(INPUTS[0] as MonteCarloInput), ...input }],
      });
    await expect(bad({ sheet: 'Nope' })).rejects.toThrow(/no sheet "Nope"/);
    await expect(bad({ low: 9e9 })).rejects.toThrow(/low is above high/);
  });
});
