// Issue 5's scale case, one page per (shape, size): open, single-cell edit, one-row edit and global
// edit, each three ways in the same page: Bana (client → worker → HyperFormula → onValues), bare
// HyperFormula on this page's main thread, and a plain-JS loop computing the same numbers (the limit).
import { HyperFormula } from 'hyperformula';
import type { RangeRequest } from '../workers/contract';
import { ENGINE_CONFIG } from '../workers/engine';
import {
  type CaseResult,
  createBanaHarness,
  engineStats,
  type Figure,
  OVER_CAP,
  overCapAfter,
  type Stats,
  stage,
  summarise,
} from './benchShared';
import {
  BASE_YEAR,
  baseOf,
  CALC_SHEET,
  CALC_SHEET_ID,
  GLOBALS_SHEET_ID,
  generateScaleWorkbook,
  PlainScaleModel,
  RATE,
  SCALE_COLS,
  type ScaleShape,
  type ScaleWorkbook,
  scaleFormulas,
  yearOf,
} from './scaleWorkbook';
import { closeTo } from './workbookGenerator';

const VIEW_ROWS = 40;

function viewAt(row: number): RangeRequest {
  return { sheetId: CALC_SHEET_ID, row: Math.max(0, row), col: 0, rows: VIEW_ROWS, cols: SCALE_COLS };
}

/** Figures of a scale case carry a third side, the plain-JS limit, read by bench/run.mjs. */
export interface ScaleFigure extends Figure {
  plain: Stats | null;
}

export async function runScaleCase(q: URLSearchParams): Promise<CaseResult> {
  const shape: ScaleShape = q.get('shape') === 'helper' ? 'helper' : 'named';
  const num = (key: string, fallback: number): number => {
    const v = Number(q.get(key));
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const n = num('n', 10_000);
  const loadReps = num('loadReps', 1);
  const editWarmup = num('editWarmup', 2);
  const editReps = num('editReps', 10);
  const globalReps = num('globalReps', 5);
  const capMs = num('capMs', 60_000);
  const figures: ScaleFigure[] = [];
  const errors: string[] = [];
  const label = `${shape === 'named' ? 'globals as names' : 'globals via helper cells'} ${n.toLocaleString('en-US')}`;
  let revision = 0;

  const bana = createBanaHarness();
  const { client } = bana;

  async function banaLoad(gen: ScaleWorkbook, view: RangeRequest): Promise<number | typeof OVER_CAP> {
    revision++;
    const rev = revision;
    bana.setSource(gen.workbook, rev);
    client.setViewport(view);
    const delivered = bana.nextValues((v) => v.revision === rev);
    const started = performance.now();
    void client.load(gen.workbook, rev);
    const outcome = await Promise.race([delivered, overCapAfter(capMs)]);
    if (outcome === OVER_CAP) return OVER_CAP;
    return outcome.at - started;
  }
  let bareHf = null as HyperFormula | null;
  let calcSheet = 1;
  function bareLoad(gen: ScaleWorkbook, view: RangeRequest): number {
    bareHf?.destroy();
    bareHf = null;
    const started = performance.now();
    const hf = HyperFormula.buildFromSheets(gen.sheets, ENGINE_CONFIG, gen.names);
    calcSheet = hf.getSheetId(CALC_SHEET) as number;
    hf.getRangeValues({
      start: { sheet: calcSheet, row: view.row, col: 0 },
      end: { sheet: calcSheet, row: view.row + view.rows - 1, col: view.cols - 1 },
    });
    const ms = performance.now() - started;
    bareHf = hf;
    return ms;
  }

  stage('warmup');
  const warm = generateScaleWorkbook(shape, 2_000);
  for (let i = 0; i < 2; i++) {
    await banaLoad(warm, viewAt(0));
    bareLoad(warm, viewAt(0));
    new PlainScaleModel(warm.sheets[CALC_SHEET] as (string | number | null)[][]);
  }

  stage('generate');
  const gen = generateScaleWorkbook(shape, n);
  const calcCells = gen.sheets[CALC_SHEET] as (string | number | null)[][];
  const middle = Math.floor(gen.rows / 2);
  const view = viewAt(middle - 10);
  const lastIndex = (middle - view.row) * SCALE_COLS + SCALE_COLS - 1;

  stage('load');
  const loads = { bana: [] as number[], engine: [] as number[], bare: [] as number[], plain: [] as number[] };
  let overCap = false;
  let plain = null as PlainScaleModel | null;
  for (let i = 0; i < loadReps && !overCap; i++) {
    const order = i % 2 === 0 ? ['bana', 'bare', 'plain'] : ['plain', 'bare', 'bana'];
    for (const who of order) {
      stage(`load.${who}.${i}`);
      if (who === 'bana') {
        const ms = await banaLoad(gen, view);
        if (ms === OVER_CAP) {
          overCap = true;
          break;
        }
        loads.bana.push(ms);
        loads.engine.push(bana.takeEngineMs());
      } else if (who === 'bare') {
        loads.bare.push(bareLoad(gen, view));
      } else {
        const started = performance.now();
        plain = new PlainScaleModel(calcCells);
        loads.plain.push(performance.now() - started);
      }
    }
  }
  figures.push({
    id: `load.${shape}.${n}`,
    figure: `open ${label} (${gen.formulaCells.toLocaleString('en-US')} formulas)`,
    bana: overCap ? null : summarise(loads.bana),
    banaEngine: engineStats(loads.engine),
    bare: loads.bare.length ? summarise(loads.bare) : null,
    plain: loads.plain.length ? summarise(loads.plain) : null,
    stat: 'median',
    note: overCap ? `over cap: Bana open took more than ${capMs} ms; the rest was skipped` : undefined,
  });
  if (overCap || !plain) return finish();
  if (!bareHf) bareLoad(gen, view);
  const hf = bareHf as unknown as HyperFormula;
  const model = plain;

  /** Bana, bare and plain steps in rotating order; the timed samples after the warm-up. */
  async function rotate(
    reps: number,
    banaStep: (i: number) => Promise<number>,
    bareStep: (i: number) => number,
    plainStep: (i: number) => number,
  ): Promise<{ bana: number[]; engine: number[]; bare: number[]; plain: number[] }> {
    const out = { bana: [] as number[], engine: [] as number[], bare: [] as number[], plain: [] as number[] };
    for (let i = 0; i < editWarmup + reps; i++) {
      let b = 0;
      let e = 0;
      let h = 0;
      let p = 0;
      const runBana = async () => {
        b = await banaStep(i);
        e = bana.takeEngineMs();
      };
      if (i % 2 === 0) {
        await runBana();
        h = bareStep(i);
        p = plainStep(i);
      } else {
        p = plainStep(i);
        h = bareStep(i);
        await runBana();
      }
      if (i >= editWarmup) {
        out.bana.push(b);
        out.engine.push(e);
        out.bare.push(h);
        out.plain.push(p);
      }
    }
    return out;
  }

  /** Time one Bana apply until onValues carries `expected` at K of the middle row. */
  async function banaApply(
    ops: Parameters<typeof client.apply>[0],
    expected: () => number,
    what: string,
  ): Promise<number> {
    revision++;
    const rev = revision;
    const delivered = bana.nextValues((v) => v.revision === rev);
    const started = performance.now();
    void client.apply(ops, rev);
    const { values, at } = await delivered;
    const want = expected();
    if (!closeTo(values.values[lastIndex], want))
      errors.push(
        `Bana ${what}: K${middle + 1} = ${JSON.stringify(values.values[lastIndex])}, expected ${want}`,
      );
    return at - started;
  }
  function bareCheck(what: string, want: number): void {
    const v = hf.getCellValue({ sheet: calcSheet, row: middle, col: SCALE_COLS - 1 });
    if (!closeTo(v, want)) errors.push(`bare ${what}: K${middle + 1} = ${String(v)}, expected ${want}`);
  }
  function push(id: string, figure: string, r: Awaited<ReturnType<typeof rotate>>, note: string): void {
    for (const stat of ['median', 'p95'] as const) {
      figures.push({
        id: `${id}.${stat}.${shape}.${n}`,
        figure: `${label}: ${figure}, ${stat}`,
        bana: summarise(r.bana),
        banaEngine: engineStats(r.engine),
        bare: summarise(r.bare),
        plain: summarise(r.plain),
        stat,
        note,
      });
    }
  }
  // Bana answers the viewport around the middle row.
  client.setViewport(view);

  // The plain model receives the same new base value as the engines, but only once per rep: every
  // side's value must agree with model.last(middle) after its own step.
  stage('singleEdit');
  const baseFor = (i: number) => 1000 + i;
  const single = await rotate(
    editReps,
    (i) =>
      banaApply(
        [{ kind: 'setCells', sheetId: CALC_SHEET_ID, row: middle, col: 0, values: [[baseFor(i)]] }],
        () => baseFor(i) * (1 - RATE) ** (yearOf(middle) - BASE_YEAR) * 9,
        'single edit',
      ),
    (i) => {
      const started = performance.now();
      hf.setCellContents({ sheet: calcSheet, row: middle, col: 0 }, [[baseFor(i)]]);
      hf.getCellValue({ sheet: calcSheet, row: middle, col: SCALE_COLS - 1 });
      const ms = performance.now() - started;
      bareCheck('single edit', baseFor(i) * (1 - RATE) ** (yearOf(middle) - BASE_YEAR) * 9);
      return ms;
    },
    (i) => {
      const started = performance.now();
      model.base[middle] = baseFor(i);
      model.computeRow(middle);
      model.last(middle);
      return performance.now() - started;
    },
  );
  push('singleEdit', 'edit one input → dependents shown', single, 'A{middle} = new base; K{middle} checked');

  // One row: all 11 cells of the middle row rewritten (input, year and the 9 formulas).
  stage('rowEdit');
  const rowFor = (i: number) => [baseOf(i) + 500, yearOf(i + 3), ...scaleFormulas(shape, middle + 1)];
  const rowExpected = (i: number) => (baseOf(i) + 500) * (1 - RATE) ** (yearOf(i + 3) - BASE_YEAR) * 9;
  const row = await rotate(
    editReps,
    (i) =>
      banaApply(
        [{ kind: 'setCells', sheetId: CALC_SHEET_ID, row: middle, col: 0, values: [rowFor(i)] }],
        () => rowExpected(i),
        'row edit',
      ),
    (i) => {
      const started = performance.now();
      hf.setCellContents({ sheet: calcSheet, row: middle, col: 0 }, [rowFor(i)]);
      hf.getCellValue({ sheet: calcSheet, row: middle, col: SCALE_COLS - 1 });
      const ms = performance.now() - started;
      bareCheck('row edit', rowExpected(i));
      return ms;
    },
    (i) => {
      const started = performance.now();
      model.base[middle] = baseOf(i) + 500;
      model.year[middle] = yearOf(i + 3);
      model.computeRow(middle);
      model.last(middle);
      return performance.now() - started;
    },
  );
  push('rowEdit', 'rewrite one row (2 inputs + 9 formulas) → shown', row, 'setCells A..K of the middle row');

  // Global: the rate every formula reads; a full recalculation on every side.
  stage('globalEdit');
  const rateFor = (i: number) => 0.01 + i / 1000;
  const lastRow = editReps + editWarmup - 1;
  const lastBase = baseOf(lastRow) + 500;
  const lastYear = yearOf(lastRow + 3);
  const globalExpected = (i: number) => lastBase * (1 - rateFor(i)) ** (lastYear - BASE_YEAR) * 9;
  const global = await rotate(
    globalReps,
    (i) =>
      banaApply(
        [{ kind: 'setCells', sheetId: GLOBALS_SHEET_ID, row: 0, col: 0, values: [[rateFor(i)]] }],
        () => globalExpected(i),
        'global edit',
      ),
    (i) => {
      const started = performance.now();
      hf.setCellContents({ sheet: hf.getSheetId('Globals') as number, row: 0, col: 0 }, [[rateFor(i)]]);
      hf.getCellValue({ sheet: calcSheet, row: middle, col: SCALE_COLS - 1 });
      const ms = performance.now() - started;
      bareCheck('global edit', globalExpected(i));
      return ms;
    },
    (i) => {
      const started = performance.now();
      model.rate = rateFor(i);
      model.computeAll();
      const v = model.last(middle);
      const ms = performance.now() - started;
      if (!closeTo(v, globalExpected(i)))
        errors.push(`plain global edit: ${v}, expected ${globalExpected(i)}`);
      return ms;
    },
  );
  push('globalEdit', 'edit the global rate (full recalc) → shown', global, 'Globals!A1 = rate');

  client.dispose();
  hf.destroy();
  return finish();

  function finish(): CaseResult {
    return {
      shape,
      formulaCells: gen.formulaCells,
      rows: gen.rows,
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      figures,
      errors: [...errors, ...bana.errors],
    };
  }
}
