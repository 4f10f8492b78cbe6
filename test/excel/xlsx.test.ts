// The .xlsx conversion both ways, in Node with the real ExcelJS and the real engine for computed values.
import { readFileSync } from 'node:fs';
import * as ExcelJSModule from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  type ScenarioId,
  type SheetId,
  usedSize,
} from '../../src/core/document';
import {
  documentToXlsx,
  excelListFormula,
  findUnknownFunctions,
  neutraliseText,
  restoreText,
  xlsxToDocument,
} from '../../src/excel/xlsx';
import type { CellValue } from '../../src/core/values';
import { migrateDocument } from '../../src/core/migrations';
import { cellChoices, sheetRules } from '../../src/core/validation';
import { createEngine } from '../../workers/engine';

const ExcelJS: typeof ExcelJSModule =
  (ExcelJSModule as { Workbook?: unknown }).Workbook !== undefined
    ? ExcelJSModule
    : (ExcelJSModule as unknown as { default: typeof ExcelJSModule }).default;

const INPUT = 'Indata år 2030';
const SUMMARY = 'Sammanställning';
const QUOTED = "O'Neill plan";

function workbook(): ScenarioDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'wb_test' as ScenarioId,
    meta: { name: 'Test', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' },
    sheets: [
      {
        id: 'sh_a' as SheetId,
        name: INPUT,
        cells: [
          ['Post', 'Värde', 'Andel', 2030],
          ['Fastigheter', 1191, 0.25],
          ['Kollektivtrafik', -3407.5, true, false],
          ['Totalt', '=SUM(B2:B3)', '=B4*Minskningsmal_2030'],
          ["'=cmd|' /C calc'!A0", '+46 8 123', '-', '@x', null, '\tflik', "'+redan"],
          [],
          ['=SUM(Poster)', '=Minskningsmal_2030*100', '=B2/0', '=IF(B2>0,"ja","nej")', -12],
        ],
        columnWidths: [200, null, 150],
        formats: [
          [null, null, null, '0'],
          [null, '#,##0" kr"', '0.0%'],
          [null, '#,##0.00'],
        ],
      },
      {
        id: 'sh_b' as SheetId,
        name: SUMMARY,
        cells: [
          [`='${INPUT}'!B4*2`, '=Sammanställning!A1+1', '=XOR(A1>0,B1>0)', `='O''Neill plan'!A1`],
          [null, 'text 123', '123'],
        ],
        columnWidths: [],
      },
      { id: 'sh_c' as SheetId, name: QUOTED, cells: [[7.5]], columnWidths: [null, 64] },
    ],
    names: [
      { name: 'Minskningsmal_2030', expression: 0.75 },
      { name: 'Poster', expression: `='${INPUT}'!$B$2:$B$3` },
    ],
  };
}

/** The engine's values of every sheet's used range, as the app fetches them. */
async function engineValues(doc: ScenarioDocument): Promise<CellValue[][][]> {
  const engine = createEngine();
  await engine.load({ sheets: doc.sheets, names: doc.names }, 1);
  const out: CellValue[][][] = [];
  for (const sheet of doc.sheets) {
    const { rows, cols } = usedSize(sheet);
    const range = await engine.getValues({ sheetId: sheet.id, row: 0, col: 0, rows, cols });
    out.push(Array.from({ length: rows }, (_, r) => range.values.slice(r * cols, (r + 1) * cols)));
  }
  return out;
}

/** Cells without trailing empties, so "no cell" and "an empty cell" compare equal. */
function trimmed(cells: RawCell[][]): RawCell[][] {
  const rows = cells.map((row) => {
    const copy = row.map((v) => v ?? null);
    while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
    return copy;
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

async function exported(doc = workbook()) {
  const report = await documentToXlsx(doc, await engineValues(doc));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(report.bytes as unknown as ArrayBuffer);
  return { report, wb };
}

describe('documentToXlsx', () => {
  it('writes formulas without "=", with the engine’s values as cached results', async () => {
    const doc = workbook();
    const values = await engineValues(doc);
    const { wb } = await exported(doc);
    const input = wb.getWorksheet(INPUT)!;
    expect(input.getCell('B4').value).toEqual({ formula: 'SUM(B2:B3)', result: values[0]![3]![1] });
    expect(values[0]![3]![1]).toBe(1191 - 3407.5);
    expect(input.getCell('C4').value).toEqual({
      formula: 'B4*Minskningsmal_2030',
      result: (1191 - 3407.5) * 0.75,
    });
    expect(input.getCell('A7').value).toMatchObject({ formula: 'SUM(Poster)', result: 1191 - 3407.5 });
    expect(input.getCell('C7').value).toMatchObject({ formula: 'B2/0', result: { error: '#DIV/0!' } });
    expect(input.getCell('D7').value).toMatchObject({ formula: 'IF(B2>0,"ja","nej")', result: 'ja' });
    const summary = wb.getWorksheet(SUMMARY)!;
    expect(summary.getCell('A1').value).toMatchObject({
      formula: `'${INPUT}'!B4*2`,
      result: (1191 - 3407.5) * 2,
    });
    expect(summary.getCell('B1').value).toMatchObject({ formula: 'Sammanställning!A1+1' });
    expect(summary.getCell('C1').formula).toBe('_xlfn.XOR(A1>0,B1>0)');
    // ExcelJS's `value` leaves out a false result; `result` reads what the file holds.
    expect(summary.getCell('C1').result).toBe(false);
    expect(summary.getCell('D1').value).toMatchObject({ formula: `'O''Neill plan'!A1`, result: 7.5 });
  });

  it('matches every exported formula result to the engine’s value', async () => {
    const doc = workbook();
    const values = await engineValues(doc);
    const { wb } = await exported(doc);
    let checked = 0;
    doc.sheets.forEach((sheet, s) => {
      const ws = wb.getWorksheet(sheet.name)!;
      sheet.cells.forEach((row, r) => {
        row.forEach((raw, c) => {
          if (typeof raw !== 'string' || !raw.startsWith('=')) return;
          const value = values[s]![r]![c];
          const result = ws.getCell(r + 1, c + 1).result;
          expect(result, `${sheet.name} row ${r + 1} col ${c + 1}`).toEqual(
            value !== null && typeof value === 'object' ? { error: value.error } : value,
          );
          checked++;
        });
      });
    });
    expect(checked).toBe(10);
  });

  it('keeps numbers (negatives too) and booleans as such, and neutralises text that could run', async () => {
    const { wb } = await exported();
    const ws = wb.getWorksheet(INPUT)!;
    expect(ws.getCell('B3').value).toBe(-3407.5);
    expect(ws.getCell('E7').value).toBe(-12);
    expect(ws.getCell('C3').value).toBe(true);
    expect(ws.getCell('D3').value).toBe(false);
    expect(ws.getCell('A5').value).toBe("''=cmd|' /C calc'!A0");
    expect(ws.getCell('B5').value).toBe("'+46 8 123");
    expect(ws.getCell('C5').value).toBe("'-");
    expect(ws.getCell('D5').value).toBe("'@x");
    expect(ws.getCell('F5').value).toBe("'\tflik");
    expect(ws.getCell('G5').value).toBe("''+redan");
    for (const address of ['A5', 'B5', 'C5', 'D5', 'F5'])
      expect(ws.getCell(address).type).toBe(ExcelJS.ValueType.String);
    expect(wb.getWorksheet(SUMMARY)!.getCell('C2').value).toBe('123');
  });

  it('writes named expressions as defined names, constants included', async () => {
    const { report } = await exported();
    const xml = strFromU8(unzipSync(report.bytes)['xl/workbook.xml']!);
    expect(xml).toContain('<definedName name="Minskningsmal_2030">0.75</definedName>');
    expect(xml).toContain(`<definedName name="Poster">'${INPUT}'!$B$2:$B$3</definedName>`);
    expect(xml.indexOf('</sheets><definedNames>')).toBeGreaterThan(0);
  });

  it('writes column widths and each cell’s own number format, General where it has none', async () => {
    const { wb } = await exported();
    const ws = wb.getWorksheet(INPUT)!;
    expect(ws.getColumn(1).width).toBeCloseTo(27.86, 2);
    expect(ws.getColumn(3).width).toBeCloseTo(20.71, 2);
    expect(ws.getColumn(2).width).toBeUndefined();
    expect(ws.getCell('D1').numFmt).toBe('0'); // the year 2030, plain
    expect(ws.getCell('B2').numFmt).toBe('#,##0" kr"');
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('B3').numFmt).toBe('#,##0.00');
    // No format of its own: General, never a guessed `#,##0` (a computed year would read 2,018).
    expect(ws.getCell('B4').numFmt).toBeUndefined();
    expect(ws.getCell('E7').numFmt).toBeUndefined();
  });

  it('shortens sheet names longer than Excel’s 31 characters and rewrites formulas that name them', async () => {
    const doc = workbook();
    const long = 'Utsläpp per sektor och år i Region Dalarna';
    doc.sheets[2]!.name = long;
    doc.sheets[1]!.cells[0]![3] = `='${long}'!A1`;
    const { report, wb } = await exported(doc);
    expect(report.renamedSheets).toEqual([{ from: long, to: long.slice(0, 31) }]);
    expect(wb.getWorksheet(SUMMARY)!.getCell('D1').value).toMatchObject({
      formula: `'${long.slice(0, 31)}'!A1`,
      result: 7.5,
    });
  });
});

describe('xlsxToDocument', () => {
  it('round-trips a workbook: the same raw cells, names and widths under new ids', async () => {
    const doc = workbook();
    const { report } = await exported(doc);
    const result = await xlsxToDocument(report.bytes, 'Min fil');
    if (!result.ok) throw new Error(result.reason.detail);
    const back = result.value.doc;
    expect(back.id).not.toBe(doc.id);
    expect(back.meta.name).toBe('Min fil');
    expect(back.sheets.map((s) => s.name)).toEqual([INPUT, SUMMARY, QUOTED]);
    back.sheets.forEach((sheet, i) => {
      expect(sheet.id).not.toBe(doc.sheets[i]!.id);
      expect(trimmed(sheet.cells), sheet.name).toEqual(trimmed(doc.sheets[i]!.cells));
    });
    expect(back.sheets[0]!.columnWidths).toEqual([200, null, 150]);
    expect(back.sheets[2]!.columnWidths).toEqual([]); // only used columns keep a width
    expect(back.names).toEqual(doc.names);
    expect(result.value.skippedNames).toEqual([]);
    expect(back.sheets[0]!.formats).toEqual(doc.sheets[0]!.formats);
    expect(back.sheets[1]!.formats).toBeUndefined();
    expect(result.value.unknownFormats).toEqual([]);
  });

  it('reads Excel’s number formats into Bana’s, and keeps cells of unknown formats as General', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad 1');
    const cells: [string, number, string][] = [
      ['A1', 0.753, '0.00%'],
      ['A2', -1234, '#,##0 "kr";[Red]-#,##0 "kr"'],
      ['A3', 2018, '0'],
      ['A4', 47484, 'yyyy-mm-dd'],
      ['A5', 12345.678, '0.00E+00'],
      ['A6', 5, 'General'],
    ];
    for (const [address, value, numFmt] of cells) {
      ws.getCell(address).value = value;
      ws.getCell(address).numFmt = numFmt;
    }
    const result = await xlsxToDocument(new Uint8Array(await wb.xlsx.writeBuffer()), 'Format');
    if (!result.ok) throw new Error(result.reason.detail);
    const sheet = result.value.doc.sheets[0]!;
    expect(sheet.cells.map((row) => row[0])).toEqual([0.753, -1234, 2018, 47484, 12345.678, 5]);
    expect(sheet.formats).toEqual([['0.00%'], ['#,##0" kr"'], ['0']]);
    expect(result.value.unknownFormats.sort()).toEqual(['0.00E+00', 'yyyy-mm-dd']);
  });

  it('reads a file written by another program: shared formulas, _xlfn prefixes, rich text, dates, text "=…"', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad 1');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('B1').value = { formula: 'A1*2', result: 2, shareType: 'shared', ref: 'B1:B2' } as never;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 };
    ws.getCell('C1').value = { formula: '_xlfn.STDEV.S(A1:A2)+WEBSERVICE("x")', result: 0 };
    ws.getCell('C2').value = { richText: [{ text: 'fet ' }, { text: 'text', font: { bold: true } }] };
    ws.getCell('D1').value = new Date(Date.UTC(2030, 0, 1));
    ws.getCell('D2').value = '=cmd|calc';
    ws.getCell('E1').value = { error: '#N/A' };
    ws.getCell('E2').value = { formula: 'VLOOKUP(1,A1:B2,2,FALSE)', result: 2 };
    wb.definedNames.add("'Blad 1'!$A$1:$A$2", 'Serie');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const result = await xlsxToDocument(bytes, 'Främmande');
    if (!result.ok) throw new Error(result.reason.detail);
    const cells = result.value.doc.sheets[0]!.cells;
    expect(cells[0]).toEqual([1, '=A1*2', '=STDEV.S(A1:A2)+WEBSERVICE("x")', 47484, '#N/A']);
    expect(cells[1]).toEqual([2, '=A2*2', 'fet text', "'=cmd|calc", '=VLOOKUP(1,A1:B2,2,FALSE())']);
    expect(result.value.doc.names).toEqual([{ name: 'Serie', expression: "='Blad 1'!$A$1:$A$2" }]);
    const [values] = await engineValues(result.value.doc);
    expect(values![1]![4]).toBe(2); // VLOOKUP(…, FALSE) works: the engine reads FALSE() as FALSE
  });

  it('finds functions the engine does not know, with the cells that call them', async () => {
    const doc = workbook();
    doc.sheets[1]!.cells[1] = ['=WEBSERVICE("http://x")+SUM(1)', '=webservice("y")', '=FOO.BAR(1)'];
    doc.names.push({ name: 'Hemligt', expression: '=FOO.BAR(2)' });
    const known = new Set((await createEngine().functionNames()).map((n) => n.toUpperCase()));
    expect(findUnknownFunctions(doc, known)).toEqual([
      { name: 'WEBSERVICE', places: [`${SUMMARY}!A2`, `${SUMMARY}!B2`] },
      { name: 'FOO.BAR', places: [`${SUMMARY}!C2`, 'Hemligt'] },
    ]);
  });

  it('refuses random bytes, an empty zip and an oversized file with a reason, building nothing', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const broken = await xlsxToDocument(random, 'x');
    expect(broken).toMatchObject({ ok: false, reason: { kind: 'unreadable' } });
    const { zipSync } = await import('fflate');
    const empty = await xlsxToDocument(zipSync({ 'a.txt': new Uint8Array(3) }), 'x');
    expect(empty).toMatchObject({ ok: false, reason: { kind: 'unreadable' } });
    const huge = await xlsxToDocument(new Uint8Array(65 * 1024 * 1024), 'x');
    expect(huge).toMatchObject({ ok: false, reason: { kind: 'too-large' } });
  });

  it('refuses a file whose zip directory declares a huge unpacked size before unpacking it', async () => {
    const { zipSync } = await import('fflate');
    const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(1000) });
    // Patch the central directory entry's "uncompressed size" as a zip bomb would declare it.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 400 * 1024 * 1024, true);
    }
    const result = await xlsxToDocument(bomb, 'x');
    expect(result).toMatchObject({ ok: false, reason: { kind: 'too-large' } });
  });
});

describe('neutraliseText and restoreText', () => {
  it('are inverses on every text a document can hold', () => {
    for (const text of [
      '=',
      "'=x",
      "''=x",
      '+1',
      "'+1",
      '-',
      '@x',
      '\tx',
      '\rx',
      "'x",
      'x',
      "'",
      '',
      'a=b',
    ]) {
      expect(restoreText(neutraliseText(text)), JSON.stringify(text)).toBe(text);
    }
    expect(neutraliseText('+46 8 123')).toBe("'+46 8 123");
    expect(neutraliseText('Fastigheter')).toBe('Fastigheter');
    // Every starting character a spreadsheet could run: = + - @ tab and carriage return.
    for (const risky of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseText(risky), JSON.stringify(risky)).toBe(`'${risky}`);
    }
  });
});

describe('data-validation lists', () => {
  function fuelTemplate(): ScenarioDocument {
    const path = new URL('../../models/templates/fuel-conversion.bana.json', import.meta.url);
    const parsed = migrateDocument(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  }

  it('writes each choice cell as an Excel list that refuses other values, and reads the lists back', async () => {
    const doc = fuelTemplate();
    const { report, wb } = await exported(doc);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('B11').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"HVO100,RME,Biogas,El"'],
      showErrorMessage: true,
    });
    expect(ws.getCell('B12').dataValidation).toMatchObject({ type: 'list', formulae: ['"WTW,TTW"'] });
    expect(ws.getCell('B15').dataValidation?.formulae).toEqual([
      '"Nordisk produktionsmix,Svensk konsumtionsmix (JRC),Nordisk residualmix,Ursprungsgarantier (marknadsbaserad)"',
    ]);
    // Number parameters carry no list.
    expect(ws.getCell('B9').dataValidation).toBeUndefined();
    // In the file as Excel reads it: a <dataValidation type="list"> on B11.
    const sheetXml = strFromU8(unzipSync(report.bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).toMatch(
      /<dataValidation[^>]*type="list"[^>]*sqref="B11"[^>]*>\s*<formula1>&quot;HVO100,RME,Biogas,El&quot;<\/formula1>/,
    );

    const back = await xlsxToDocument(report.bytes, 'Drivmedel');
    if (!back.ok) throw new Error(back.reason.detail);
    const rules = sheetRules(back.value.doc.sheets[0]!);
    expect(cellChoices(rules, 10, 1)).toEqual(['HVO100', 'RME', 'Biogas', 'El']);
    expect(cellChoices(rules, 11, 1)).toEqual(['WTW', 'TTW']);
  });

  it('leaves out a list Excel cannot hold inline', () => {
    expect(excelListFormula(['a,b', 'c'])).toBeNull();
    expect(excelListFormula(['x'.repeat(256)])).toBeNull();
    expect(excelListFormula(['Säg "ja"', 'nej'])).toBe('"Säg ""ja"",nej"');
  });
});
