// A realistic big workbook: a scenario built with buildScenario from the shipped baseline and
// measure templates (models/), its 20 trajectory slots filled, and more measure sheets (tied to the
// trajectory's year row, as the app adds them) until it holds ~100k cells. Times the open and a
// baseline parameter edit, Bana beside bare HyperFormula; values must agree between the two.
import { HyperFormula } from 'hyperformula';
import type { ScenarioDocument } from '../src/core/document';
import { migrateDocument } from '../src/core/migrations';
import { BASELINE_ROW } from '../src/core/scenario/layout';
import { buildScenario, findTrajectory, prepareMeasureSheet } from '../src/core/scenario/scenario';
import type { EngineWorkbook, RangeRequest } from '../workers/contract';
import { ENGINE_CONFIG } from '../workers/engine';
import {
  type CaseResult,
  createBanaHarness,
  engineStats,
  type Figure,
  OVER_CAP,
  overCapAfter,
  stage,
  summarise,
} from './benchShared';

const files = import.meta.glob<unknown>(
  ['../models/templates/*.bana.json', '../models/baselines/*.bana.json'],
  {
    eager: true,
    import: 'default',
  },
);

function loadModel(suffix: string): ScenarioDocument {
  const key = Object.keys(files).find((k) => k.endsWith(suffix));
  if (!key) throw new Error(`no model ${suffix}`);
  const parsed = migrateDocument(structuredClone(files[key]));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function countCells(doc: ScenarioDocument): number {
  let n = 0;
  for (const s of doc.sheets) for (const row of s.cells) for (const c of row) if (c !== null && c !== '') n++;
  return n;
}

/** A scenario of `target` or more non-empty cells, made only of the shipped templates. */
export function templatesWorkbook(target: number): {
  doc: ScenarioDocument;
  cells: number;
  measures: number;
} {
  const baseline = loadModel('baselines/region-dalarna.bana.json');
  const templates = Object.keys(files)
    .filter((k) => k.includes('/templates/'))
    .sort()
    .map((k) => loadModel(k.slice(k.indexOf('templates/'))));
  const measures = Array.from({ length: 20 }, (_, i) => templates[i % templates.length] as ScenarioDocument);
  const doc = buildScenario({ name: 'Bench: templates', baseline, measures, now: new Date(0) });
  let cells = countCells(doc);
  let extra = 0;
  while (cells < target) {
    const template = templates[extra % templates.length] as ScenarioDocument;
    const sheet = prepareMeasureSheet(template.sheets[0] as ScenarioDocument['sheets'][number], doc);
    if (!sheet) throw new Error('a template is not a measure sheet');
    doc.sheets.push(sheet);
    cells += countCells({ ...doc, sheets: [sheet] });
    extra++;
  }
  return { doc, cells, measures: 20 + extra };
}

function engineWorkbook(doc: ScenarioDocument): EngineWorkbook {
  return { sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: doc.names };
}

export async function runTemplatesCase(q: URLSearchParams): Promise<CaseResult> {
  const n = Number(q.get('n')) || 100_000;
  const loadReps = Number(q.get('loadReps')) || 1;
  const editReps = Number(q.get('editReps')) || 5;
  const capMs = Number(q.get('capMs')) || 60_000;
  const figures: Figure[] = [];
  const errors: string[] = [];
  stage('generate');
  const { doc, cells, measures } = templatesWorkbook(n);
  const workbook = engineWorkbook(doc);
  const trajectory = findTrajectory(doc);
  const baselineSheet = doc.sheets[1];
  if (!trajectory || !baselineSheet) throw new Error('the scenario has no trajectory or baseline');
  const view: RangeRequest = { sheetId: trajectory.id, row: 0, col: 0, rows: 40, cols: 40 };
  const label = `templates scenario ${cells.toLocaleString('en-US')} cells (${measures} measure sheets, ${doc.sheets.length} sheets)`;
  const bana = createBanaHarness();
  const { client } = bana;
  let revision = 0;
  let bareHf = null as HyperFormula | null;
  const sheetsForHf = Object.fromEntries(workbook.sheets.map((s) => [s.name, s.cells]));
  // Text cells go to HyperFormula as the engine sends them (the worker adds an apostrophe to text;
  // these templates keep text in label columns only, so the values read here are the same).
  function bareLoad(): number {
    bareHf?.destroy();
    const started = performance.now();
    bareHf = HyperFormula.buildFromSheets(sheetsForHf, ENGINE_CONFIG, workbook.names);
    readBare();
    return performance.now() - started;
  }
  function readBare() {
    const hf = bareHf as HyperFormula;
    const sheet = hf.getSheetId(trajectory?.name ?? '') as number;
    return hf.getRangeValues({ start: { sheet, row: 0, col: 0 }, end: { sheet, row: 39, col: 39 } });
  }
  async function banaLoad(): Promise<number | typeof OVER_CAP> {
    revision++;
    const rev = revision;
    bana.setSource(workbook, rev);
    client.setViewport(view);
    const delivered = bana.nextValues((v) => v.revision === rev);
    const started = performance.now();
    void client.load(workbook, rev);
    const outcome = await Promise.race([delivered, overCapAfter(capMs)]);
    return outcome === OVER_CAP ? OVER_CAP : outcome.at - started;
  }

  stage('load');
  const loads = { bana: [] as number[], engine: [] as number[], bare: [] as number[] };
  await banaLoad(); // warm-up (also starts the worker)
  bareLoad();
  for (let i = 0; i < loadReps; i++) {
    const ms = await banaLoad();
    if (ms === OVER_CAP) {
      errors.push(`templates: Bana open over cap ${capMs} ms`);
      break;
    }
    loads.bana.push(ms);
    loads.engine.push(bana.takeEngineMs());
    loads.bare.push(bareLoad());
  }
  figures.push({
    id: `load.templates.${n}`,
    figure: `open ${label}`,
    bana: loads.bana.length ? summarise(loads.bana) : null,
    banaEngine: engineStats(loads.engine),
    bare: summarise(loads.bare),
    stat: 'median',
  });

  // Parameter edit: the baseline's base year (every trajectory year, target path and measure reads it).
  stage('paramEdit');
  const hf = bareHf as unknown as HyperFormula;
  const baselineHf = hf.getSheetId(baselineSheet.name) as number;
  const row = BASELINE_ROW.baseYear;
  const edits = { bana: [] as number[], engine: [] as number[], bare: [] as number[] };
  for (let i = 0; i < editReps + 1; i++) {
    const year = 2018 + ((i + 1) % 2);
    revision++;
    const rev = revision;
    const delivered = bana.nextValues((v) => v.revision === rev);
    const started = performance.now();
    void client.apply([{ kind: 'setCells', sheetId: baselineSheet.id, row, col: 1, values: [[year]] }], rev);
    const { values, at } = await delivered;
    const banaMs = at - started;
    const engineMs = bana.takeEngineMs();
    const bareStarted = performance.now();
    hf.setCellContents({ sheet: baselineHf, row, col: 1 }, [[year]]);
    const bareValues = readBare();
    const bareMs = performance.now() - bareStarted;
    bareValues.forEach((r, dr) => {
      r.forEach((v, dc) => {
        const b = values.values[dr * 40 + dc];
        if (
          typeof v === 'number' &&
          (typeof b !== 'number' || Math.abs(b - v) > 1e-9 * Math.max(1, Math.abs(v)))
        )
          errors.push(`templates: trajectory (${dr},${dc}) Bana ${JSON.stringify(b)} vs bare ${v}`);
      });
    });
    if (i === 0) continue; // warm-up
    edits.bana.push(banaMs);
    edits.engine.push(engineMs);
    edits.bare.push(bareMs);
  }
  figures.push({
    id: 'paramEdit.templates',
    figure: `${label}: edit the base year → trajectory shown (40×40), median`,
    bana: summarise(edits.bana),
    banaEngine: engineStats(edits.engine),
    bare: summarise(edits.bare),
    stat: 'median',
  });
  client.dispose();
  hf.destroy();
  return {
    shape: 'templates',
    formulaCells: cells,
    rows: doc.sheets.length,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    figures,
    errors: [...errors, ...bana.errors].slice(0, 20),
  };
}
