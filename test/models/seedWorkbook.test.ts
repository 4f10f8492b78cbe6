// The seed workbook models/region-stockholm-climate-fund-2025.bana.json, evaluated with HyperFormula.
// Expected values are computed here from the seed numbers (not read back from the template).
import { readFileSync } from 'node:fs';
import { DetailedCellError, HyperFormula } from 'hyperformula';
import type { CellValue } from 'hyperformula';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawCell, ScenarioDocument, Sheet } from '../../src/core/document';

const FILE = new URL('../../models/region-stockholm-climate-fund-2025.bana.json', import.meta.url);
const FUND = 'Klimatfond 2025';
const DALARNA = 'Dalarna klimatbokslut';
const SUMMARY = 'Sammanfattning';

// Region Stockholm climate fund 2025, decided projects (seed 000_89e30253ecf9e85f).
// Typ: 'engång' one-off, 'per år' annual, 'möjliggörare' enabler, null where the seed gives nothing.
const SEED_PROJECTS: [string, string, number, number | null, string | null][] = [
  ['Norra Danviksbron (stål med lågt klimatavtryck)', 'Trafikförvaltningen', 1_000_000, 950, 'engång'],
  ['Flergångssprutor', 'Folktandvården AB', 900_000, 14, 'per år'],
  ['Cirkulära skyddsförkläden', 'Folktandvården AB', 51_000, 750, 'per år'],
  ['Cirkulära skyddsförkläden', 'Karolinska Universitetssjukhuset', 881_000, null, 'per år'],
  ['Cirkulära skyddsförkläden', 'Södersjukhuset', 223_000, null, 'per år'],
  ['Cirkulära skyddsförkläden', 'Södertälje sjukhus', 210_000, null, 'per år'],
  ['Cirkulära skyddsförkläden', 'Danderyds sjukhus', 635_000, null, 'per år'],
  ['Ozonering', 'Karolinska Universitetssjukhuset', 1_000_000, null, null],
  ['Laddinfrastruktur', 'Locum', 1_000_000, null, 'möjliggörare'],
  ['Drivmedelskonvertering', 'Trafikförvaltningen/Waxholmsbolaget', 3_000_000, 1210, 'engång'],
  ['Mobil lustgasdestruktionsanläggning', 'Folktandvården', 1_100_000, 22, 'per år'],
];

// Region Dalarna climate accounts (seed 001_cb1d6741b778f7ed): sector, 2018, 2021.
const DALARNA_SECTORS: [string, number, number][] = [
  ['Fastigheter', 1191, 1164],
  ['Kollektivtrafik', 3407, 3719],
  ['Hälso- och sjukvård', 12126, 10348],
  ['Övergripande', 1137, 709],
];
const DALARNA_REPORTED_TOTAL = [17860, 15940] as const;
const CAPITAL = [2095, 5522] as const;
const TARGET_2030 = 0.75;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const reductionsOfType = (typ: string) =>
  sum(SEED_PROJECTS.filter((p) => p[4] === typ).map((p) => p[3] ?? 0));

const doc = JSON.parse(readFileSync(FILE, 'utf8')) as ScenarioDocument;
let hf: HyperFormula;

function sheetOf(name: string): Sheet {
  const sheet = doc.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}
function raw(sheetName: string, row: number, col: number): RawCell {
  return sheetOf(sheetName).cells[row]?.[col] ?? null;
}
/** Row index whose column A equals the label (or starts with it, when prefix is set). */
function rowOf(sheetName: string, label: string, prefix = false): number {
  const rows = sheetOf(sheetName).cells;
  const hits = rows
    .map((r, i) => ({ a: r[0], i }))
    .filter(({ a }) => typeof a === 'string' && (prefix ? a.startsWith(label) : a === label));
  if (hits.length !== 1)
    throw new Error(`expected one row labelled "${label}" in ${sheetName}, found ${hits.length}`);
  return must(hits[0], label).i;
}
function must<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`missing: ${what}`);
  return x;
}
function idOf(engine: HyperFormula, sheetName: string): number {
  return must(engine.getSheetId(sheetName), `sheet ${sheetName}`);
}
function buildEngine(): HyperFormula {
  return HyperFormula.buildFromSheets(
    Object.fromEntries(doc.sheets.map((s) => [s.name, s.cells])),
    { licenseKey: 'gpl-v3' },
    doc.names.map((n) => ({ name: n.name, expression: n.expression })),
  );
}
function value(sheetName: string, row: number, col: number): CellValue {
  const sheet = hf.getSheetId(sheetName);
  if (sheet === undefined) throw new Error(`HyperFormula has no sheet ${sheetName}`);
  return hf.getCellValue({ sheet, row, col });
}
function num(sheetName: string, row: number, col: number): number {
  const v = value(sheetName, row, col);
  if (typeof v !== 'number')
    throw new Error(`${sheetName}!R${row + 1}C${col + 1} is ${String(v)}, not a number`);
  return v;
}
const [A, B, C, D, E, F] = [0, 1, 2, 3, 4, 5];

beforeAll(() => {
  hf = buildEngine();
});
afterAll(() => hf.destroy());

describe('seed workbook: number formats', () => {
  it('shows years plain, shares as percent and tonnes and kronor grouped', () => {
    const sheet = (name: string) => doc.sheets.find((s) => s.name === name);
    const dalarna = sheet('Dalarna klimatbokslut');
    expect(dalarna?.formats?.[1]?.slice(1, 3)).toEqual(['0', '0']); // the years 2018 and 2021
    expect(dalarna?.formats?.[2]?.[1]).toBe('#,##0');
    expect(dalarna?.formats?.[13]?.[1]).toBe('0%'); // the target share, 0.75
    expect(sheet('Klimatfond 2025')?.formats?.[2]?.[2]).toBe('#,##0'); // kronor
  });
});

describe('seed workbook: document shape', () => {
  it('is a v2 scenario document with stable ids, Swedish meta and the three sheets', () => {
    expect(doc.schemaVersion).toBe(2);
    expect(doc.id).toBe('wb_seed_stockholm_fund_2025');
    expect(doc.meta.name).toBe('Region Stockholm klimatfond 2025');
    expect(doc.meta.source).toMatch(/000_89e30253ecf9e85f/);
    expect(doc.meta.source).toMatch(/001_cb1d6741b778f7ed/);
    expect(doc.sheets.map((s) => [s.id, s.name])).toEqual([
      ['sh_fund', FUND],
      ['sh_dalarna', DALARNA],
      ['sh_summary', SUMMARY],
    ]);
    for (const s of doc.sheets) {
      expect(s.columnWidths[0]).toBeGreaterThanOrEqual(250); // long project / row names
      for (const row of s.cells) {
        for (const cell of row)
          expect(['string', 'number', 'boolean'].includes(typeof cell) || cell === null).toBe(true);
      }
    }
  });

  it('defines the 2030 target as a workbook named expression HyperFormula accepts', () => {
    expect(doc.names).toEqual([{ name: 'Minskningsmal_2030', expression: TARGET_2030 }]);
    expect(hf.getNamedExpressionValue('Minskningsmal_2030')).toBe(TARGET_2030);
    const empty = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
    try {
      for (const n of doc.names)
        expect(empty.isItPossibleToAddNamedExpression(n.name, n.expression)).toBe(true);
    } finally {
      empty.destroy();
    }
  });

  it('has no cell that evaluates to an error', () => {
    for (const s of doc.sheets) {
      hf.getSheetValues(idOf(hf, s.name)).forEach((row, r) => {
        row.forEach((v, c) => {
          if (v instanceof DetailedCellError)
            throw new Error(`${s.name}!R${r + 1}C${c + 1}: ${v.value} ${v.message}`);
        });
      });
    }
  });
});

describe('seed workbook: Klimatfond 2025', () => {
  const header = () => rowOf(FUND, 'Projekt');

  it('has the header and the 11 decided projects exactly as in the seed', () => {
    expect(sheetOf(FUND).cells[header()]?.slice(0, 7)).toEqual([
      'Projekt',
      'Verksamhet',
      'Beslutat (kr)',
      'Minskning (t CO2e)',
      'Typ',
      'Kr per ton',
      'Notering',
    ]);
    SEED_PROJECTS.forEach(([name, org, kr, t, typ], i) => {
      const r = header() + 1 + i;
      expect([raw(FUND, r, A), raw(FUND, r, B), raw(FUND, r, C), raw(FUND, r, D), raw(FUND, r, E)]).toEqual([
        name,
        org,
        kr,
        t,
        typ,
      ]);
    });
    // the row after the projects is not another project
    expect(raw(FUND, header() + 1 + SEED_PROJECTS.length, C)).toBeNull();
  });

  it('sums the decided kr to the fund total of 10 000 000', () => {
    const expected = sum(SEED_PROJECTS.map((p) => p[2]));
    expect(expected).toBe(10_000_000);
    expect(raw(FUND, rowOf(FUND, 'Summa beslutat (kr)'), C)).toMatch(/^=SUM\(/i);
    expect(num(FUND, rowOf(FUND, 'Summa beslutat (kr)'), C)).toBe(expected);
  });

  it('keeps one-off (2 160 t) and annual (786 t per år) reductions apart', () => {
    const oneOff = reductionsOfType('engång');
    const perYear = reductionsOfType('per år');
    expect([oneOff, perYear]).toEqual([2160, 786]);
    expect(num(FUND, rowOf(FUND, 'Engångsminskning (t CO2e)'), D)).toBe(oneOff);
    expect(num(FUND, rowOf(FUND, 'Årlig minskning (t CO2e per år)'), D)).toBe(perYear);

    // The seed headline "~3000 t per år" mixes them (2 946); no cell may compute that figure.
    const mixed = oneOff + perYear;
    expect(mixed).toBe(2946);
    for (const s of doc.sheets) {
      hf.getSheetValues(idOf(hf, s.name)).forEach((row, r) => {
        row.forEach((v, c) => {
          if (typeof v === 'number' && Math.abs(v - mixed) < 0.5) {
            throw new Error(
              `${s.name}!R${r + 1}C${c + 1} = ${v}: one-off and annual reductions added together`,
            );
          }
        });
        // and every row labelled "per år" that carries a number carries the annual figure only
        const label = s.cells[r]?.[0];
        if (typeof label === 'string' && /per år/.test(label)) {
          for (const v of row) if (typeof v === 'number') expect(v).not.toBe(mixed);
        }
      });
    }
    expect(String(raw(FUND, rowOf(FUND, 'OBS:', true), A))).toMatch(/inte adderas/);
  });

  it('gives kr per ton by formula, the apron group as 2 000 000 kr / 750 t', () => {
    const h = header();
    SEED_PROJECTS.forEach(([name, , kr, t], i) => {
      const r = h + 1 + i;
      const v = value(FUND, r, F);
      if (name === 'Cirkulära skyddsförkläden') return;
      if (t && t > 0) expect(v).toBeCloseTo(kr / t, 6);
      else expect(v === '' || v === null).toBe(true);
    });
    const aprons = SEED_PROJECTS.map((p, i) => ({ p, r: h + 1 + i })).filter(
      ({ p }) => p[0] === 'Cirkulära skyddsförkläden',
    );
    expect(aprons).toHaveLength(5);
    const apronKr = sum(aprons.map(({ p }) => p[2]));
    expect(apronKr).toBe(2_000_000);
    const carrier = aprons.filter(({ r }) => raw(FUND, r, D) === 750);
    expect(carrier).toHaveLength(1);
    const cr = must(carrier[0], 'apron row with 750 t').r;
    expect(num(FUND, cr, F)).toBeCloseTo(apronKr / 750, 6);
    expect(String(raw(FUND, cr, 6))).toMatch(/12 miljoner/);
    expect(String(raw(FUND, cr, 6))).toMatch(/4,5 miljoner/);
    for (const { r } of aprons) if (r !== cr) expect(value(FUND, r, F)).toBeNull();
    // grams per apron check rows
    expect(num(FUND, rowOf(FUND, '750 t fördelat på alla förkläden'), D)).toBeCloseTo(750e6 / 12e6, 6); // 62.5 g
    expect(num(FUND, rowOf(FUND, '750 t fördelat på Region Stockholms avtalsvolym'), D)).toBeCloseTo(
      750e6 / 4.5e6,
      6,
    ); // 166.7 g
  });
});

describe('seed workbook: Dalarna klimatbokslut', () => {
  const sum2018 = sum(DALARNA_SECTORS.map((s) => s[1]));
  const sum2021 = sum(DALARNA_SECTORS.map((s) => s[2]));
  const level2030 = sum2018 * (1 - TARGET_2030);

  it('lists the four sectors with the change by formula', () => {
    for (const [name, y18, y21] of DALARNA_SECTORS) {
      const r = rowOf(DALARNA, name);
      expect([num(DALARNA, r, B), num(DALARNA, r, C), num(DALARNA, r, D)]).toEqual([y18, y21, y21 - y18]);
      expect(raw(DALARNA, r, D)).toMatch(/^=/);
    }
  });

  it('sums 2018 to 17 861 against the reported 17 860, 2021 to 15 940, change −1 921', () => {
    expect([sum2018, sum2021, sum2021 - sum2018]).toEqual([17861, 15940, -1921]);
    const t = rowOf(DALARNA, 'Totalt (summa)');
    expect([num(DALARNA, t, B), num(DALARNA, t, C), num(DALARNA, t, D)]).toEqual([
      sum2018,
      sum2021,
      sum2021 - sum2018,
    ]);
    expect(raw(DALARNA, t, B)).toMatch(/^=SUM\(/i);
    const rep = rowOf(DALARNA, 'Totalt enligt bokslutet');
    expect([raw(DALARNA, rep, B), raw(DALARNA, rep, C)]).toEqual([...DALARNA_REPORTED_TOTAL]);
    const diff = rowOf(DALARNA, 'Skillnad', true);
    expect(num(DALARNA, diff, B)).toBe(sum2018 - DALARNA_REPORTED_TOTAL[0]);
    expect(num(DALARNA, diff, B)).toBe(1);
    expect(num(DALARNA, diff, C)).toBe(0);
  });

  it('keeps capital investments outside the total', () => {
    const cap = rowOf(DALARNA, 'Placering av kapital', true);
    expect([num(DALARNA, cap, B), num(DALARNA, cap, C), num(DALARNA, cap, D)]).toEqual([
      CAPITAL[0],
      CAPITAL[1],
      CAPITAL[1] - CAPITAL[0],
    ]);
    const t = rowOf(DALARNA, 'Totalt (summa)');
    expect(num(DALARNA, t, B)).not.toBe(sum2018 + CAPITAL[0]);
    // Changing capital must not move the total: build a copy and edit it.
    const copy = buildEngine();
    try {
      const sheet = idOf(copy, DALARNA);
      copy.setCellContents({ sheet, row: cap, col: B }, 999_999);
      copy.setCellContents({ sheet, row: cap, col: C }, 999_999);
      expect(copy.getCellValue({ sheet, row: t, col: B })).toBe(sum2018);
      expect(copy.getCellValue({ sheet, row: t, col: C })).toBe(sum2021);
    } finally {
      copy.destroy();
    }
  });

  it('computes the 2030 level and the required yearly rates from the named target', () => {
    const goal = rowOf(DALARNA, 'Mål 2030', true);
    expect(raw(DALARNA, goal, B)).toMatch(/Minskningsmal_2030/);
    expect(num(DALARNA, goal, B)).toBeCloseTo(level2030, 9);
    expect(level2030).toBeCloseTo(4465.25, 9);
    const from2018 = rowOf(DALARNA, 'Nödvändig årlig minskning från 2018', true);
    const from2021 = rowOf(DALARNA, 'Nödvändig årlig minskning från 2021', true);
    expect(num(DALARNA, from2018, B)).toBeCloseTo(1 - (1 - TARGET_2030) ** (1 / 12), 9);
    expect(num(DALARNA, from2018, B)).toBeCloseTo(0.109, 3);
    expect(num(DALARNA, from2021, B)).toBeCloseTo(1 - (level2030 / sum2021) ** (1 / 9), 9);
    expect(num(DALARNA, from2021, B)).toBeCloseTo(0.132, 3);
  });

  it('recomputes the 2030 level when the named expression changes', () => {
    const copy = buildEngine();
    try {
      copy.changeNamedExpression('Minskningsmal_2030', 0.5);
      const sheet = idOf(copy, DALARNA);
      expect(copy.getCellValue({ sheet, row: rowOf(DALARNA, 'Mål 2030', true), col: B })).toBeCloseTo(
        sum2018 * 0.5,
        9,
      );
    } finally {
      copy.destroy();
    }
  });
});

describe('seed workbook: Sammanfattning', () => {
  it('mirrors the source cells through quoted cross-sheet references', () => {
    const s = sheetOf(SUMMARY);
    let refs = 0;
    s.cells.forEach((row, r) => {
      const f = row[B];
      const m = typeof f === 'string' ? /^='([^']+)'!([A-Z]+\d+)$/.exec(f) : null;
      if (!m) return;
      refs++;
      const [, sheetName = '', address = ''] = m;
      const target = must(hf.simpleCellAddressFromString(address, idOf(hf, sheetName)), address);
      expect(value(SUMMARY, r, B)).toBe(hf.getCellValue(target));
    });
    expect(refs).toBeGreaterThanOrEqual(6);
  });

  it('shows the key figures computed from the seed numbers', () => {
    const sum2018 = sum(DALARNA_SECTORS.map((x) => x[1]));
    const sum2021 = sum(DALARNA_SECTORS.map((x) => x[2]));
    const level2030 = sum2018 * (1 - TARGET_2030);
    expect(num(SUMMARY, rowOf(SUMMARY, 'Klimatfonden: beslutat totalt'), B)).toBe(
      sum(SEED_PROJECTS.map((p) => p[2])),
    );
    expect(num(SUMMARY, rowOf(SUMMARY, 'Klimatfonden: engångsminskning'), B)).toBe(
      reductionsOfType('engång'),
    );
    expect(num(SUMMARY, rowOf(SUMMARY, 'Klimatfonden: årlig minskning'), B)).toBe(reductionsOfType('per år'));
    expect(num(SUMMARY, rowOf(SUMMARY, 'Dalarna: utsläpp 2018 (summa)'), B)).toBe(sum2018);
    expect(num(SUMMARY, rowOf(SUMMARY, 'Dalarna: nivå 2030 enligt målet'), B)).toBeCloseTo(level2030, 9);
    const gap = rowOf(SUMMARY, 'Dalarna: kvar att minska 2021 → 2030');
    expect(raw(SUMMARY, gap, B)).toMatch(/'Dalarna klimatbokslut'!/);
    expect(num(SUMMARY, gap, B)).toBeCloseTo(sum2021 - level2030, 9);
    expect(num(SUMMARY, gap, B)).toBeCloseTo(11474.75, 9);
  });
});
