// The climate fund model over the shipped fund workbook, evaluated by HyperFormula: the budget per
// year (checked against the workbook's own formulas), one-off and annual reductions never summed,
// the ranking by kr per tonne, the eligibility check, and new decisions written as one command.
import { readFileSync } from 'node:fs';
import { DetailedCellError, HyperFormula } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/core/commands';
import type { ScenarioDocument, Sheet } from '../../../src/core/document';
import {
  type DecisionInput,
  addDecisionCommand,
  decisionMeasure,
  decisionProblems,
} from '../../../src/core/fund/decisions';
import {
  type Decision,
  eligibility,
  fundBudget,
  fundRanking,
  reductionTotals,
} from '../../../src/core/fund/fund';
import { findFundSheet, readFund } from '../../../src/core/fund/readFund';
import { measureRows } from '../../../src/core/scenario/scenario';
import type { CellValue } from '../../../src/core/values';

const model = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../models/${path}`, import.meta.url), 'utf8')) as ScenarioDocument;
const FUND = model('region-stockholm-climate-fund-2025.bana.json');

/** The fund sheet's computed values, as the engine gives them (errors as values, never numbers). */
function evaluate(doc: ScenarioDocument): { sheet: Sheet; values: CellValue[][] } {
  const hf = HyperFormula.buildFromSheets(
    Object.fromEntries(doc.sheets.map((s) => [s.name, s.cells])),
    { licenseKey: 'gpl-v3' },
    doc.names.map((n) => ({ name: n.name, expression: n.expression })),
  );
  try {
    const sheet = findFundSheet(doc);
    if (!sheet) throw new Error('no fund sheet');
    const values = hf
      .getSheetValues(hf.getSheetId(sheet.name) as number)
      .map((row) =>
        row.map(
          (v): CellValue => (v instanceof DetailedCellError ? { error: '#ERROR!', message: v.message } : v),
        ),
      );
    return { sheet, values };
  } finally {
    hf.destroy();
  }
}

const newDecision: DecisionInput = {
  project: 'Cykelpool för hemtjänsten',
  unit: 'Serviceförvaltningen',
  cost: 2_000_000,
  reduction: 40,
  kind: 'annual',
  year: 2026,
  lifetime: 8,
  template: null,
  lines: [
    { category: 'Material och utrustning', amount: 1_700_000, description: 'Elcyklar' },
    { category: 'Konsultstöd och utredning', amount: 300_000, description: 'Förstudie' },
  ],
};

describe('readFund on the shipped fund workbook', () => {
  const { values } = evaluate(FUND);
  const fund = readFund(values);

  it('reads the 11 decisions, the yearly frames, the categories and a cost line per decision', () => {
    expect(fund.decisions).toHaveLength(11);
    expect(fund.decisions[0]).toMatchObject({
      project: 'Norra Danviksbron (stål med lågt klimatavtryck)',
      cost: 1_000_000,
      reduction: 950,
      kind: 'one-off',
      year: 2025,
      template: 'low-carbon-steel',
    });
    expect(fund.budgets).toEqual([
      { year: 2025, frame: 10_000_000 },
      { year: 2026, frame: 10_000_000 },
      { year: 2027, frame: 10_000_000 },
    ]);
    expect(fund.categories.filter((c) => !c.eligible).map((c) => c.name)).toEqual([
      'Lön och sociala avgifter för deltagares medverkan',
      'Resor och konferensavgifter',
      'Interna resurskostnader (t.ex. IT)',
      'Konsultstöd och utredning',
    ]);
    expect(fund.costLines).toHaveLength(11);
  });

  it('gives the budget per year: 2025 fully decided, 2026 untouched — as the workbook’s own formulas do', () => {
    const budget = fundBudget(fund);
    expect(budget[0]).toMatchObject({ year: 2025, frame: 10_000_000, decided: 10_000_000, remaining: 0 });
    expect(budget[0]).toMatchObject({ spent: 0, unspent: 10_000_000, spentReported: 0, decisions: 11 });
    expect(budget[1]).toMatchObject({ year: 2026, decided: 0, remaining: 10_000_000 });
    // The budget table's formulas (Beslutat, Upparbetat, Kvar, Ej upparbetat) agree with the model.
    const header = values.findIndex((r) => r[0] === 'Budget per år');
    budget.forEach((b, i) => {
      expect(values[header + 1 + i]?.slice(0, 6)).toEqual([
        b.year,
        b.frame,
        b.decided,
        b.spent,
        b.remaining,
        b.unspent,
      ]);
    });
  });

  it('keeps one-off (2 160 t) and annual (786 t per year) apart and never gives their sum', () => {
    const totals = reductionTotals(fund.decisions);
    expect(totals).toEqual({ oneOff: 2160, annual: 786 });
    // The seed's "~3 000 t" is 2 946: one-off plus annual. No figure of the model is that sum.
    expect(Object.values(totals)).not.toContain(2946);
    const moreSteel = fund.decisions.map((d) => (d.row === 2 ? { ...d, reduction: 1950 } : d));
    expect(reductionTotals(moreSteel)).toEqual({ oneOff: 3160, annual: 786 });
  });

  it('ranks by kr per tonne, one-off and annual apart, the apron group as one project', () => {
    const ranking = fundRanking(fund.decisions);
    expect(ranking.oneOff.map((p) => [p.name, Math.round(p.krPerTonne as number)])).toEqual([
      ['Norra Danviksbron (stål med lågt klimatavtryck)', Math.round(1_000_000 / 950)],
      ['Drivmedelskonvertering', Math.round(3_000_000 / 1210)],
    ]);
    expect(ranking.annual.map((p) => [p.name, Math.round(p.krPerTonne as number)])).toEqual([
      ['Cirkulära skyddsförkläden', Math.round(2_000_000 / 750)],
      ['Mobil lustgasdestruktionsanläggning', Math.round(1_100_000 / 22)],
      ['Flergångssprutor', Math.round(900_000 / 14)],
    ]);
    expect(ranking.unranked.map((p) => p.name)).toEqual(['Ozonering', 'Laddinfrastruktur']);
  });

  it('finds every shipped decision eligible, its one cost line equal to the decided amount', () => {
    for (const d of fund.decisions) {
      const e = eligibility(d, fund);
      expect(e.lines).toHaveLength(1);
      expect(e.ineligible).toEqual([]);
      expect(e.unknown).toEqual([]);
      expect(e.matchesDecided).toBe(true);
      // The sheet's own eligibility column agrees.
      expect(values[e.lines[0]?.row as number]?.[4]).toBe('ja');
    }
  });
});

describe('a new decision', () => {
  it('is written into free rows as one command: remaining budget, eligibility flag and workbook agree', () => {
    const { sheet } = evaluate(FUND);
    const added = addDecisionCommand(sheet, newDecision);
    if (!added.ok) throw new Error(`refused: ${added.full}`);
    const after = applyCommand(FUND, added.command).doc;
    const { values } = evaluate(after);
    const fund = readFund(values);
    const decision = fund.decisions.find((d) => d.project === newDecision.project) as Decision;
    expect(decision).toMatchObject({
      cost: 2_000_000,
      reduction: 40,
      kind: 'annual',
      year: 2026,
      lifetime: 8,
    });
    const budget = fundBudget(fund).find((b) => b.year === 2026);
    expect(budget).toMatchObject({ decided: 2_000_000, remaining: 8_000_000 });
    // The workbook's budget row for 2026 says the same.
    const header = values.findIndex((r) => r[0] === 'Budget per år');
    expect(values[header + 2]?.[4]).toBe(8_000_000);
    // The consultancy line is flagged; the equipment line is not.
    const e = eligibility(decision, fund);
    expect(e.ineligible.map((l) => l.category)).toEqual(['Konsultstöd och utredning']);
    expect(e.matchesDecided).toBe(true);
    // and the sheet's own column says "nej" for it
    const line = e.ineligible[0]?.row as number;
    expect(values[line]?.[4]).toBe('nej');
    // One undo takes it all back.
    const undone = applyCommand(after, applyCommand(FUND, added.command).inverse).doc;
    expect(undone.sheets[0]?.cells).toEqual(FUND.sheets[0]?.cells.map((r) => r));
  });

  it('flags a cost line whose category is not one of the fund’s', () => {
    const { sheet } = evaluate(FUND);
    const input = { ...newDecision, lines: [{ category: 'Fika', amount: 2_000_000, description: '' }] };
    const added = addDecisionCommand(sheet, input);
    if (!added.ok) throw new Error('refused');
    const fund = readFund(evaluate(applyCommand(FUND, added.command).doc).values);
    const decision = fund.decisions.find((d) => d.project === input.project) as Decision;
    expect(eligibility(decision, fund).unknown.map((l) => l.category)).toEqual(['Fika']);
  });

  it('in a fully decided year leaves a negative remainder (over budget)', () => {
    const { sheet } = evaluate(FUND);
    const added = addDecisionCommand(sheet, { ...newDecision, year: 2025 });
    if (!added.ok) throw new Error('refused');
    const fund = readFund(evaluate(applyCommand(FUND, added.command).doc).values);
    expect(fundBudget(fund)[0]).toMatchObject({ decided: 12_000_000, remaining: -2_000_000 });
  });

  it('is refused when the decision table has no free row left', () => {
    let doc = FUND;
    for (let i = 0; i < 20; i++) {
      const added = addDecisionCommand(findFundSheet(doc) as Sheet, { ...newDecision, lines: [] });
      if (!added.ok) throw new Error(`refused after ${i}`);
      doc = applyCommand(doc, added.command).doc;
    }
    expect(addDecisionCommand(findFundSheet(doc) as Sheet, { ...newDecision, lines: [] })).toEqual({
      ok: false,
      full: 'decisions',
    });
  });

  it('lists what is wrong with the form’s input', () => {
    const fund = readFund(evaluate(FUND).values);
    expect(decisionProblems(newDecision, fund)).toEqual([]);
    expect(
      decisionProblems(
        {
          ...newDecision,
          project: ' ',
          cost: 0,
          reduction: -1,
          year: 2040,
          lines: [{ category: '', amount: 5, description: '' }],
        },
        fund,
      ),
    ).toEqual([
      { kind: 'name' },
      { kind: 'cost' },
      { kind: 'reduction' },
      { kind: 'year' },
      { kind: 'line', index: 0 },
    ]);
  });
});

describe('decisionMeasure', () => {
  it('builds the decision’s measure from its template with the decision’s values', () => {
    const fund = readFund(evaluate(FUND).values);
    const steel = fund.decisions[0] as Decision;
    const doc = decisionMeasure(model('templates/low-carbon-steel.bana.json'), steel);
    const sheet = doc.sheets[0] as Sheet;
    const value = (label: string) => sheet.cells.find((r) => r[0] === label)?.[1];
    expect(sheet.cells[0]?.[0]).toBe('Norra Danviksbron (stål med lågt klimatavtryck) (Trafikförvaltningen)');
    expect([value('Kostnad'), value('Startår'), value('Typ')]).toEqual([1_000_000, 2025, 'engång']);
    expect(value('Minskning vid leverans')).toBe(950);
    // A lifetime the decision does not give keeps the template's; the sheet is still a measure.
    expect(value('Livslängd')).toBe(1);
    expect(measureRows(sheet)).not.toBeNull();
  });
});
