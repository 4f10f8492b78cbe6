// One benchmark case per page load: Bana's path (engine client + real worker) beside bare HyperFormula
// on this page's main thread, same data, same run. Parameters come from the URL; bench/run.mjs reads
// window.__benchResult. Every timing is performance.now() around the work, never a timer.
import { HyperFormula } from 'hyperformula';
import type { RangeRequest } from '../workers/contract';
import { ENGINE_CONFIG } from '../workers/engine';
import {
  type CaseResult,
  createBanaHarness,
  engineStats,
  type Figure,
  hfRange,
  medianAndP95,
  OVER_CAP,
  overCapAfter,
  stage,
  summarise,
} from './benchShared';
import { runIdbCase } from './idbCase';
import { runScaleCase } from './scaleCase';
import { runTemplatesCase } from './templatesCase';
import {
  BENCH_SHEET_ID,
  BENCH_SHEET_NAME,
  CHAIN_LAST_COL,
  closeTo,
  expectedChainLast,
  expectedFanInFirst,
  type GeneratedWorkbook,
  GLOBAL_INPUT,
  generateWorkbook,
  VIEW_COLS,
  viewportAt,
  type WorkbookShape,
} from './workbookGenerator';

interface Params {
  shape: WorkbookShape;
  n: number;
  loadReps: number;
  editWarmup: number;
  editReps: number;
  capMs: number;
}

function readParams(): Params {
  const q = new URLSearchParams(location.search);
  const num = (key: string, fallback: number): number => {
    const v = Number(q.get(key));
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const shape = q.get('shape') === 'fanIn' ? 'fanIn' : 'chain';
  return {
    shape,
    n: num('n', 10_000),
    loadReps: num('loadReps', 1),
    editWarmup: num('editWarmup', 3),
    editReps: num('editReps', 10),
    capMs: num('capMs', 60_000),
  };
}

async function runCase(p: Params): Promise<CaseResult> {
  const figures: Figure[] = [];
  const errors: string[] = [];
  const label = `${p.shape === 'chain' ? 'chain/rows' : 'fan-in'} ${p.n.toLocaleString('en-US')}`;
  let revision = 0;

  // Worker cold start: create the client (new Worker, module fetch, HyperFormula evaluated) and open a
  // one-row workbook; done at the first onValues.
  stage('coldStart');
  const tiny = generateWorkbook(p.shape, 9);
  const coldStarted = performance.now();
  const bana = createBanaHarness();
  const { client } = bana;
  client.setViewport(viewportAt(0));
  revision++;
  bana.setSource(tiny.workbook, revision);
  const coldRev = revision;
  const cold = bana.nextValues((v) => v.revision === coldRev);
  void client.load(tiny.workbook, coldRev);
  const coldDone = await cold;
  figures.push({
    id: `coldStart.${p.shape}.${p.n}`,
    figure: 'worker cold start + 1-row open',
    bana: summarise([coldDone.at - coldStarted]),
    bare: null,
    stat: 'median',
    note: 'bare HyperFormula is already loaded with the page: no counterpart',
  });
  // No client.idle() here or below: called in the few microtasks between the pump flushing its idle
  // waiters and clearing `running`, it never resolves (engineClient race). The first onValues of the
  // revision is the end point anyway, and the client queues the next call behind a finishing pump.

  async function banaLoad(gen: GeneratedWorkbook): Promise<number | typeof OVER_CAP> {
    revision++;
    const rev = revision;
    bana.setSource(gen.workbook, rev);
    const delivered = bana.nextValues((v) => v.revision === rev);
    const started = performance.now();
    void client.load(gen.workbook, rev);
    const outcome = await Promise.race([delivered, overCapAfter(p.capMs)]);
    if (outcome === OVER_CAP) return OVER_CAP;
    return outcome.at - started;
  }

  // Declared through `as` so TypeScript does not narrow it to null: bareLoad() assigns it.
  let bareHf = null as HyperFormula | null;
  function bareLoad(gen: GeneratedWorkbook, view: RangeRequest): number {
    bareHf?.destroy();
    bareHf = null;
    const started = performance.now();
    const hf = HyperFormula.buildFromSheets({ [BENCH_SHEET_NAME]: gen.cells }, ENGINE_CONFIG);
    hf.getRangeValues(hfRange(view));
    const ms = performance.now() - started;
    bareHf = hf;
    return ms;
  }

  // Warm both JITs on the same shape before timing anything.
  stage('warmup');
  const warm = generateWorkbook(p.shape, 2_000);
  for (let i = 0; i < 2; i++) {
    await banaLoad(warm);
    bareLoad(warm, viewportAt(0));
  }

  stage('generate');
  const gen = generateWorkbook(p.shape, p.n);

  // What one postMessage of the workbook costs on the sending side (the worker pays about as much again).
  stage('structuredClone');
  const clones: number[] = [];
  for (let i = 0; i < Math.max(1, p.loadReps); i++) {
    const started = performance.now();
    structuredClone(gen.workbook);
    clones.push(performance.now() - started);
  }
  figures.push({
    id: `clone.${p.shape}.${p.n}`,
    figure: `${label}: structuredClone(workbook)`,
    bana: summarise(clones),
    bare: null,
    stat: 'median',
    note: 'part of Bana open: the workbook is cloned into the worker',
  });

  // Open: Bana from client.load() to the first onValues of the viewport; bare from buildFromSheets to
  // reading the same viewport. Alternate who goes first.
  stage('load');
  const banaLoads: number[] = [];
  const banaLoadEngine: number[] = [];
  const bareLoads: number[] = [];
  let overCap = false;
  for (let i = 0; i < p.loadReps && !overCap; i++) {
    const order = i % 2 === 0 ? ['bana', 'bare'] : ['bare', 'bana'];
    for (const who of order) {
      if (who === 'bana') {
        stage(`load.bana.${i}`);
        const ms = await banaLoad(gen);
        if (ms === OVER_CAP) {
          overCap = true;
          break;
        }
        banaLoads.push(ms);
        banaLoadEngine.push(bana.takeEngineMs());
      } else {
        stage(`load.bare.${i}`);
        bareLoads.push(bareLoad(gen, viewportAt(0)));
      }
    }
  }
  figures.push({
    id: `load.${p.shape}.${p.n}`,
    figure: `open ${label} (${gen.formulaCells.toLocaleString('en-US')} formulas)`,
    bana: overCap ? null : summarise(banaLoads),
    banaEngine: engineStats(banaLoadEngine),
    bare: bareLoads.length > 0 ? summarise(bareLoads) : null,
    stat: 'median',
    note: overCap
      ? `over cap: Bana open took more than ${p.capMs} ms; the rest of this case was skipped`
      : undefined,
  });
  if (overCap) {
    client.dispose();
    bareHf?.destroy();
    return finish();
  }
  if (!bareHf) bareLoad(gen, viewportAt(0));
  const hf = bareHf as HyperFormula;

  /** Run Bana and bare edits in alternating order; returns the timed samples after the warm-up. */
  async function interleave(
    banaStep: (i: number) => Promise<number>,
    bareStep: (i: number) => number,
  ): Promise<{ bana: number[]; bare: number[]; engine: number[] }> {
    const out = { bana: [] as number[], bare: [] as number[], engine: [] as number[] };
    for (let i = 0; i < p.editWarmup + p.editReps; i++) {
      const pair: [number, number, number] = [0, 0, 0];
      if (i % 2 === 0) {
        pair[0] = await banaStep(i);
        pair[2] = bana.takeEngineMs();
        pair[1] = bareStep(i);
      } else {
        pair[1] = bareStep(i);
        pair[0] = await banaStep(i);
        pair[2] = bana.takeEngineMs();
      }
      if (i >= p.editWarmup) {
        out.bana.push(pair[0]);
        out.bare.push(pair[1]);
        out.engine.push(pair[2]);
      }
    }
    return out;
  }

  if (p.shape === 'chain') {
    // Keystroke to displayed value: edit A of a middle row; the viewport holds J of that row.
    const row = Math.floor(gen.rows / 2);
    const view = viewportAt(row - 10);
    const depIndex = (row - view.row) * VIEW_COLS + CHAIN_LAST_COL;

    stage('viewportRoundTrip');
    const hop = await interleave(
      async () => {
        const delivered = bana.nextValues((v) => v.row === view.row);
        const started = performance.now();
        client.setViewport(view);
        const { at } = await delivered;
        return at - started;
      },
      () => {
        const started = performance.now();
        hf.getRangeValues(hfRange(view));
        return performance.now() - started;
      },
    );
    figures.push({
      id: `viewport.${p.shape}.${p.n}`,
      figure: `${label}: viewport refresh, no edit (${view.rows}×${view.cols})`,
      bana: summarise(hop.bana),
      bare: summarise(hop.bare),
      stat: 'median',
      note: 'Bana: setViewport → onValues (worker hop + clone of 400 values); bare: getRangeValues',
    });

    stage('singleEdit');
    const edits = await interleave(
      async (i) => {
        const a = 1000 + i;
        revision++;
        const rev = revision;
        const delivered = bana.nextValues((v) => v.revision === rev);
        const started = performance.now();
        void client.apply([{ kind: 'setCells', sheetId: BENCH_SHEET_ID, row, col: 0, values: [[a]] }], rev);
        const { values, at } = await delivered;
        if (!closeTo(values.values[depIndex], expectedChainLast(a))) {
          errors.push(
            `Bana: J${row + 1} = ${JSON.stringify(values.values[depIndex])} after A${row + 1} = ${a}`,
          );
        }
        return at - started;
      },
      (i) => {
        const a = 1000 + i;
        const started = performance.now();
        hf.setCellContents({ sheet: 0, row, col: 0 }, [[a]]);
        const v = hf.getCellValue({ sheet: 0, row, col: CHAIN_LAST_COL });
        const ms = performance.now() - started;
        if (!closeTo(v, expectedChainLast(a))) errors.push(`bare: J${row + 1} = ${String(v)} after A = ${a}`);
        return ms;
      },
    );
    const editFigure = `${label}: edit one input → dependent shown`;
    const editNote =
      'Bana: client.apply → onValues with the new value (400-cell viewport); bare: setCellContents + getCellValue';
    figures.push(...medianAndP95(`edit.{stat}.${p.shape}.${p.n}`, editFigure, edits, editNote));
  } else {
    // Global input: Z1 feeds every formula, so one edit recalculates the whole workbook.
    const view = viewportAt(0);
    const depIndex = 1; // B1
    stage('viewport');
    const shown = bana.nextValues((v) => v.row === view.row);
    client.setViewport(view);
    await shown;

    stage('globalEdit');
    const edits = await interleave(
      async (i) => {
        const g = 2 + i / 100;
        revision++;
        const rev = revision;
        const delivered = bana.nextValues((v) => v.revision === rev);
        const started = performance.now();
        void client.apply(
          [
            {
              kind: 'setCells',
              sheetId: BENCH_SHEET_ID,
              row: GLOBAL_INPUT.row,
              col: GLOBAL_INPUT.col,
              values: [[g]],
            },
          ],
          rev,
        );
        const { values, at } = await delivered;
        if (!closeTo(values.values[depIndex], expectedFanInFirst(g, 1))) {
          errors.push(`Bana: B1 = ${JSON.stringify(values.values[depIndex])} after Z1 = ${g}`);
        }
        return at - started;
      },
      (i) => {
        const g = 2 + i / 100;
        const started = performance.now();
        hf.setCellContents({ sheet: 0, row: GLOBAL_INPUT.row, col: GLOBAL_INPUT.col }, [[g]]);
        const v = hf.getCellValue({ sheet: 0, row: 0, col: 1 });
        const ms = performance.now() - started;
        if (!closeTo(v, expectedFanInFirst(g, 1))) errors.push(`bare: B1 = ${String(v)} after Z1 = ${g}`);
        return ms;
      },
    );
    const editFigure = `${label}: edit the global input (full recalc) → dependent shown`;
    const editNote = 'Bana: client.apply → onValues; bare: setCellContents + getCellValue';
    figures.push(...medianAndP95(`globalEdit.{stat}.${p.shape}.${p.n}`, editFigure, edits, editNote));
  }

  client.dispose();
  hf.destroy();
  return finish();

  function finish(): CaseResult {
    return {
      shape: p.shape,
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

/** The scale shapes, the templates workbook and IndexedDB have their own page logic (bench/*Case.ts). */
function run(): Promise<CaseResult> {
  const q = new URLSearchParams(location.search);
  const shape = q.get('shape');
  if (shape === 'named' || shape === 'helper') return runScaleCase(q);
  if (shape === 'templates') return runTemplatesCase(q);
  if (shape === 'idb') return runIdbCase(q);
  return runCase(readParams());
}

run().then(
  (result) => {
    window.__benchResult = result;
    stage('done');
  },
  (error: unknown) => {
    window.__benchError =
      error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
    stage('failed');
  },
);
