// Excel files both ways: a scenario document (with the engine's computed values) to .xlsx bytes, and
// .xlsx bytes to a new document. The only module that knows ExcelJS; imported lazily (it is heavy).
//
// Text that a spreadsheet could run as a formula (starting with = + - @, tab or CR, after any
// apostrophes) is written with one extra leading apostrophe, as CSV export does, so the neutralisation
// survives when someone saves the sheet as CSV elsewhere. Import removes exactly one apostrophe from
// text of that shape, so Bana's own files come back as they were; see `neutraliseText`.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as ExcelJSModule from 'exceljs';
import type { CellValue } from '../core/values';
import {
  type NamedExpression,
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  type Sheet,
  isFormula,
  newScenarioId,
  newSheetId,
  usedSize,
} from '../core/document';
import { columnLabel } from '../core/address';
import { renameSheetInFormula, tokenizeFormula } from '../core/formula';
import { parseFormatCode, storedCode } from '../core/numberFormat';
import { fail, ok, type Result } from '../core/result';
import { LIMITS, isValidName, validateDocument } from '../core/schema';
import { sheetParameters } from '../core/scenario/parameters';

// The browser bundle of ExcelJS is a UMD file: depending on the bundler its classes sit on the
// namespace or on its default export.
const ExcelJS: typeof ExcelJSModule =
  (ExcelJSModule as { Workbook?: unknown }).Workbook !== undefined
    ? ExcelJSModule
    : (ExcelJSModule as unknown as { default: typeof ExcelJSModule }).default;

/** A file larger than this is refused before it is unpacked. */
export const MAX_XLSX_BYTES = 64 * 1024 * 1024;
/** The unpacked parts of a file (as its zip directory declares them) may not add up to more than this. */
export const MAX_XLSX_UNPACKED_BYTES = 320 * 1024 * 1024;

/** Excel caps sheet names at 31 characters (Bana allows 100). */
const EXCEL_MAX_SHEET_NAME = 31;
const RISKY_TEXT = /^'*[=+\-@\t\r]/;
const ESCAPED_TEXT = /^'+[=+\-@\t\r]/;
/** Excel's width unit is the width of one "0" in the default font: 7 px plus 5 px of padding (Calibri 11). */
const PX_PER_CHAR = 7;
const PX_PADDING = 5;

/**
 * Functions Excel stores with the `_xlfn.` prefix (added after Excel 2007). Without it Excel shows
 * #NAME? until the cell is edited (written here whether or not the engine knows them).
 */
const XLFN_FUNCTIONS = new Set([
  'ACOT',
  'ACOTH',
  'ARABIC',
  'BASE',
  'BETA.DIST',
  'BETA.INV',
  'BINOM.DIST',
  'BITAND',
  'BITLSHIFT',
  'BITOR',
  'BITRSHIFT',
  'BITXOR',
  'CEILING.MATH',
  'CEILING.PRECISE',
  'CHISQ.DIST',
  'CHISQ.DIST.RT',
  'CHISQ.INV',
  'CHISQ.INV.RT',
  'CHISQ.TEST',
  'COMBINA',
  'CONCAT',
  'CONFIDENCE.NORM',
  'CONFIDENCE.T',
  'COT',
  'COTH',
  'COVARIANCE.P',
  'COVARIANCE.S',
  'CSC',
  'CSCH',
  'DAYS',
  'DECIMAL',
  'ERF.PRECISE',
  'ERFC.PRECISE',
  'EXPON.DIST',
  'F.DIST',
  'F.DIST.RT',
  'F.INV',
  'F.INV.RT',
  'F.TEST',
  'FLOOR.MATH',
  'FLOOR.PRECISE',
  'FORECAST.LINEAR',
  'FORMULATEXT',
  'GAMMA',
  'GAMMA.DIST',
  'GAMMA.INV',
  'GAMMALN.PRECISE',
  'GAUSS',
  'HYPGEOM.DIST',
  'IFNA',
  'IFS',
  'IMCOSH',
  'IMCOT',
  'IMCSC',
  'IMCSCH',
  'IMSEC',
  'IMSECH',
  'IMSINH',
  'IMTAN',
  'ISFORMULA',
  'ISOWEEKNUM',
  'LOGNORM.DIST',
  'LOGNORM.INV',
  'MAXIFS',
  'MINIFS',
  'NEGBINOM.DIST',
  'NETWORKDAYS.INTL',
  'NORM.DIST',
  'NORM.INV',
  'NORM.S.DIST',
  'NORM.S.INV',
  'PDURATION',
  'PERCENTILE.EXC',
  'PERCENTILE.INC',
  'PERCENTRANK.EXC',
  'PERCENTRANK.INC',
  'PERMUTATIONA',
  'PHI',
  'POISSON.DIST',
  'QUARTILE.EXC',
  'QUARTILE.INC',
  'RANK.AVG',
  'RANK.EQ',
  'RRI',
  'SEC',
  'SECH',
  'SHEET',
  'SHEETS',
  'SKEW.P',
  'STDEV.P',
  'STDEV.S',
  'SWITCH',
  'T.DIST',
  'T.DIST.2T',
  'T.DIST.RT',
  'T.INV',
  'T.INV.2T',
  'T.TEST',
  'TEXTJOIN',
  'UNICHAR',
  'UNICODE',
  'VAR.P',
  'VAR.S',
  'WEIBULL.DIST',
  'WORKDAY.INTL',
  'XLOOKUP',
  'XMATCH',
  'XOR',
  'Z.TEST',
]);
/** Prefixes Excel writes before newer or user-defined function names; stripped on import. */
const FUNCTION_PREFIX = /^(?:_xlfn\.|_xlws\.|_xludf\.)+/i;

/** Error values Excel files may hold; the engine's own (#CYCLE!, #ERROR!, #LIC!) are written as #VALUE!. */
const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#SPILL!']);

// ---- text neutralisation -------------------------------------------------------------------------

/**
 * Text as it is written to a file a spreadsheet reads: text that could run as a formula gets one
 * leading apostrophe (`+46 8 123` → `'+46 8 123`, `'=x` → `''=x`). Text that already starts with
 * apostrophes before such a character gets one more, so `restoreText` can undo it exactly.
 */
export function neutraliseText(text: string): string {
  return RISKY_TEXT.test(text) ? `'${text}` : text;
}

/**
 * The inverse of `neutraliseText` for text read from a file: one apostrophe before a risky start is
 * removed. Text from another program that starts with "=" keeps a leading apostrophe, Bana's way of
 * storing text that would otherwise be a formula.
 */
export function restoreText(text: string): string {
  const restored = ESCAPED_TEXT.test(text) ? text.slice(1) : text;
  return isFormula(restored) ? `'${restored}` : restored;
}

// ---- formulas ------------------------------------------------------------------------------------

/** A Bana formula ("=…") as Excel stores it: no "=", newer functions with `_xlfn.`. */
export function toExcelFormula(formula: string): string {
  let out = '';
  for (const token of tokenizeFormula(formula.slice(1))) {
    out +=
      token.kind === 'function' && XLFN_FUNCTIONS.has(token.text.toUpperCase())
        ? `_xlfn.${token.text}`
        : token.text;
  }
  return out;
}

/**
 * A formula as Excel stores it, as Bana keeps it: "=" first, `_xlfn.`-style prefixes removed, and the
 * literals TRUE and FALSE written as the calls TRUE() and FALSE() (the engine reads a bare TRUE as an
 * unknown name; Excel reads both forms, so `VLOOKUP(…, FALSE)` keeps working).
 */
export function fromExcelFormula(stored: string): string {
  let out = '=';
  for (const token of tokenizeFormula(stored.replace(/^=/, ''))) {
    if (token.kind === 'function') out += token.text.replace(FUNCTION_PREFIX, '');
    else if (token.kind === 'boolean') out += `${token.text.toUpperCase()}()`;
    else out += token.text;
  }
  return out;
}

/** One place in a workbook where a formula calls a function the engine does not know. */
export interface UnknownFunctionUse {
  /** Upper case, e.g. `WEBSERVICE`. */
  name: string;
  /** Where: `Sheet!A1`, or the named expression's name. */
  places: string[];
}

/**
 * Functions called by the document's formulas (cells and named expressions) that are not in `known`,
 * each with the cells that call it, in sheet order.
 * @param known The engine's function names, upper case.
 */
export function findUnknownFunctions(
  doc: ScenarioDocument,
  known: ReadonlySet<string>,
): UnknownFunctionUse[] {
  return scanFunctions(doc, (name) => !known.has(name));
}

/**
 * Functions called by the document's formulas (cells and named expressions) that `wanted` picks,
 * each with the places that call it (`Sheet!A1`, or a name), in sheet order.
 * @param wanted Gets each function's upper-case name.
 */
export function scanFunctions(
  doc: ScenarioDocument,
  wanted: (name: string) => boolean,
): UnknownFunctionUse[] {
  const found = new Map<string, string[]>();
  const scan = (formula: string, place: string): void => {
    for (const token of tokenizeFormula(formula)) {
      if (token.kind !== 'function') continue;
      const name = token.text.toUpperCase();
      if (!wanted(name)) continue;
      const places = found.get(name) ?? [];
      if (places[places.length - 1] !== place) places.push(place);
      found.set(name, places);
    }
  };
  for (const sheet of doc.sheets) {
    sheet.cells.forEach((row, r) => {
      row.forEach((raw, c) => {
        if (isFormula(raw)) scan(raw, `${sheet.name}!${columnLabel(c)}${r + 1}`);
      });
    });
  }
  for (const n of doc.names) if (typeof n.expression === 'string') scan(n.expression, n.name);
  return [...found].map(([name, places]) => ({ name, places }));
}

// ---- widths ------------------------------------------------------------------------------------

/** CSS pixels to Excel's column width unit, and back (round trips for whole pixels). */
export function pixelsToExcelWidth(px: number): number {
  return Math.round(((Math.max(px, PX_PADDING) - PX_PADDING) / PX_PER_CHAR) * 100) / 100;
}

export function excelWidthToPixels(width: number): number {
  return Math.round(width * PX_PER_CHAR + PX_PADDING);
}

// ---- export --------------------------------------------------------------------------------------

/** Sheet names Excel (and ExcelJS) accept: at most 31 characters, no apostrophe at either end, not "History". */
function excelSheetNames(sheets: Sheet[]): string[] {
  const taken = new Set<string>();
  return sheets.map((sheet, i) => {
    let base = sheet.name
      .replace(/^'+|'+$/g, '')
      .slice(0, EXCEL_MAX_SHEET_NAME)
      .trim();
    if (base === '' || base.toLowerCase() === 'history') base = `Sheet${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, EXCEL_MAX_SHEET_NAME - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

function excelResult(value: CellValue | undefined): ExcelJSModule.CellFormulaValue['result'] {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object')
    return {
      error: (EXCEL_ERRORS.has(value.error)
        ? value.error
        : '#VALUE!') as ExcelJSModule.CellErrorValue['error'],
    };
  return value;
}

/** What `documentToXlsx` changed to fit Excel, for telling the user. */
export interface XlsxExportReport {
  bytes: Uint8Array<ArrayBuffer>;
  /** Sheets written under another name (Excel's 31-character limit), old → new. */
  renamedSheets: { from: string; to: string }[];
}

/**
 * Write a workbook as .xlsx: every formula with its computed value, text, numbers and booleans,
 * sheet names, named expressions as defined names, column widths and each cell's number format
 * (General where it has none).
 * @param values The engine's values per sheet (same order as `doc.sheets`), rows × cols from A1,
 *   covering at least each sheet's used range.
 * @example const { bytes } = await documentToXlsx(doc, await Promise.all(doc.sheets.map(valuesOf)));
 */
export async function documentToXlsx(
  doc: ScenarioDocument,
  values: CellValue[][][],
): Promise<XlsxExportReport> {
  const names = excelSheetNames(doc.sheets);
  const renamedSheets = doc.sheets
    .map((s, i) => ({ from: s.name, to: names[i] ?? s.name }))
    .filter((r) => r.from !== r.to);
  const rename = (formula: string): string =>
    renamedSheets.reduce((f, r) => renameSheetInFormula(f, r.from, r.to), formula);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bana';
  wb.created = new Date(doc.meta.createdAt);
  wb.modified = new Date(doc.meta.updatedAt);
  wb.title = doc.meta.name;
  // Excel recalculates on open; other readers show the values written here.
  wb.calcProperties = { fullCalcOnLoad: true };

  doc.sheets.forEach((sheet, s) => {
    const ws = wb.addWorksheet(names[s]);
    const sheetValues = values[s] ?? [];
    sheet.cells.forEach((row, r) => {
      row.forEach((raw, c) => {
        if (raw === null || raw === undefined || raw === '') return;
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof raw === 'string' && isFormula(raw)) {
          cell.value = { formula: toExcelFormula(rename(raw)), result: excelResult(sheetValues[r]?.[c]) };
        } else if (typeof raw === 'string') {
          cell.value = neutraliseText(raw);
        } else {
          cell.value = raw;
        }
      });
    });
    // Each cell's own number format; a cell without one stays General, so a computed year shows 2018.
    sheet.formats?.forEach((row, r) => {
      row.forEach((code, c) => {
        if (code !== null && code !== undefined) ws.getCell(r + 1, c + 1).numFmt = code;
      });
    });
    sheet.columnWidths.forEach((px, c) => {
      if (px !== null && px !== undefined) ws.getColumn(c + 1).width = pixelsToExcelWidth(px);
    });
    // A choice cell becomes an Excel data-validation list, so Excel offers and enforces the same values.
    // The list itself stays in the unit column (`val: …`), which is how it comes back on import.
    for (const p of sheetParameters(sheet)) {
      const list = p.kind.kind === 'choice' ? excelListFormula(p.kind.options) : null;
      if (list)
        ws.getCell(p.row + 1, p.col + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [list],
          showErrorMessage: true,
        };
    }
  });

  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  const defined = doc.names.map((n) => ({
    name: n.name,
    text: typeof n.expression === 'number' ? String(n.expression) : toDefinedNameText(rename(n.expression)),
  }));
  return { bytes: defined.length > 0 ? withDefinedNames(written, defined) : written, renamedSheets };
}

/**
 * An inline Excel list (`"HVO100,RME,Biogas,El"`), or null when Excel cannot hold it inline: a value
 * with a comma (Excel's separator) or a list longer than the 255 characters Excel allows.
 */
export function excelListFormula(options: readonly string[]): string | null {
  if (options.length === 0 || options.some((o) => o.includes(','))) return null;
  const list = `"${options.join(',').replaceAll('"', '""')}"`;
  return list.length - 2 > 255 ? null : list;
}

function toDefinedNameText(expression: string): string {
  return isFormula(expression) ? toExcelFormula(expression) : expression;
}

/**
 * ExcelJS writes only cell ranges as defined names (a constant such as 0.75 would be dropped), so the
 * names go into xl/workbook.xml here, where OOXML puts them: right after <sheets>.
 */
function withDefinedNames(
  bytes: Uint8Array,
  defined: { name: string; text: string }[],
): Uint8Array<ArrayBuffer> {
  const files = unzipSync(bytes);
  const path = 'xl/workbook.xml';
  const xml = strFromU8(files[path] ?? new Uint8Array());
  const elements = defined
    .map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.text)}</definedName>`)
    .join('');
  const cleaned = xml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, '');
  files[path] = strToU8(cleaned.replace('</sheets>', `</sheets><definedNames>${elements}</definedNames>`));
  return zipSync(files, { level: 6 });
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  );
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

// ---- import --------------------------------------------------------------------------------------

export type XlsxImportFailure =
  /** The file, its unpacked parts or its cells exceed Bana's limits. */
  | { kind: 'too-large'; detail: string }
  /** Not a readable .xlsx (not a zip, or damaged, or another format). */
  | { kind: 'unreadable'; detail: string }
  /** Readable, but the result is not a valid workbook (say, a sheet name Bana cannot use). */
  | { kind: 'invalid'; detail: string };

export interface XlsxImport {
  doc: ScenarioDocument;
  /** Defined names that were left out: sheet-scoped ones, or names Bana cannot use. */
  skippedNames: string[];
  /**
   * Excel number formats Bana cannot show (dates, times, scientific, fractions…), each once: their
   * cells are read as General, so the value is kept and shown as a plain number.
   */
  unknownFormats: string[];
}

/**
 * Read an .xlsx file into a new scenario document (new ids), keeping formulas as typed.
 * Never throws: a damaged, foreign or oversized file is a failure value and nothing is built.
 * @param bytes The file's contents.
 * @param name The new workbook's name (usually the file name without its extension).
 * @example
 * const result = await xlsxToDocument(new Uint8Array(await file.arrayBuffer()), 'Budget');
 * if (result.ok) await app.addWorkbook(result.value.doc);
 */
export async function xlsxToDocument(
  bytes: Uint8Array,
  name: string,
  now = new Date(),
): Promise<Result<XlsxImport, XlsxImportFailure>> {
  if (bytes.byteLength > MAX_XLSX_BYTES) {
    return fail({ kind: 'too-large', detail: `the file is larger than ${MAX_XLSX_BYTES / 1024 / 1024} MB` });
  }
  let workbookXml: string;
  try {
    let unpacked = 0;
    const parts = unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        return file.name === 'xl/workbook.xml';
      },
    });
    if (unpacked > MAX_XLSX_UNPACKED_BYTES) {
      return fail({
        kind: 'too-large',
        detail: `it unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB`,
      });
    }
    const part = parts['xl/workbook.xml'];
    if (!part) return fail({ kind: 'unreadable', detail: 'it has no workbook part (xl/workbook.xml)' });
    workbookXml = strFromU8(part);
  } catch (error) {
    return fail({ kind: 'unreadable', detail: `it is not an .xlsx file (${message(error)})` });
  }

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return fail({ kind: 'unreadable', detail: message(error) });
  }

  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const sheets: Sheet[] = [];
  const unknownFormats = new Set<string>();
  let cellCount = 0;
  for (const ws of wb.worksheets) {
    const cells: RawCell[][] = [];
    const formats: (string | null)[][] = [];
    let tooLarge = false;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (tooLarge) return;
      const out: RawCell[] = [];
      const codes: (string | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        out[colNumber - 1] = rawFromCell(cell, date1904);
        const code = banaFormat(cell.numFmt, unknownFormats);
        if (code !== null) codes[colNumber - 1] = code;
      });
      for (let c = 0; c < out.length; c++) out[c] ??= null;
      for (let c = 0; c < codes.length; c++) codes[c] ??= null;
      cellCount += out.length;
      if (cellCount > LIMITS.maxCellsPerWorkbook) tooLarge = true;
      cells[rowNumber - 1] = out;
      if (codes.length > 0) formats[rowNumber - 1] = codes;
    });
    if (tooLarge) {
      return fail({ kind: 'too-large', detail: `it has more than ${LIMITS.maxCellsPerWorkbook} cells` });
    }
    for (let r = 0; r < cells.length; r++) cells[r] ??= [];
    for (let r = 0; r < formats.length; r++) formats[r] ??= [];
    const sheet: Sheet = { id: newSheetId(), name: ws.name, cells, columnWidths: [] };
    if (formats.length > 0) sheet.formats = formats;
    const usedCols = Math.max(usedSize(sheet).cols, 1);
    const widths: (number | null)[] = [];
    // A <col> element may span all 16 384 columns: keep widths for the used columns only.
    for (let c = 1; c <= Math.min(ws.columnCount, usedCols, LIMITS.maxColumnsPerSheet); c++) {
      const width = ws.getColumn(c).width;
      widths[c - 1] = typeof width === 'number' && Number.isFinite(width) ? excelWidthToPixels(width) : null;
    }
    while (widths.length > 0 && widths[widths.length - 1] === null) widths.pop();
    sheet.columnWidths = widths;
    sheets.push(sheet);
  }
  if (sheets.length === 0) return fail({ kind: 'invalid', detail: 'it has no worksheets' });

  const { names, skipped } = readDefinedNames(workbookXml);
  const stamp = now.toISOString();
  const validated = validateDocument({
    schemaVersion: SCHEMA_VERSION,
    id: newScenarioId(),
    meta: {
      name: name.trim().slice(0, LIMITS.maxShortTextLength) || 'Excel',
      createdAt: stamp,
      updatedAt: stamp,
    },
    sheets,
    names,
  });
  if (!validated.ok) return fail({ kind: 'invalid', detail: validated.reason });
  return ok({ doc: validated.value, skippedNames: skipped, unknownFormats: [...unknownFormats] });
}

/**
 * The Bana format code for an Excel cell's number format: null for General (and for formats Bana
 * cannot show, which are added to `unknown` so the import can say so; the cell's value is kept).
 */
function banaFormat(numFmt: string | undefined, unknown: Set<string>): string | null {
  if (numFmt === undefined || numFmt === '') return null;
  const format = parseFormatCode(numFmt);
  if (format === null) {
    unknown.add(numFmt);
    return null;
  }
  return storedCode(format);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Excel stores dates as days since 1899-12-30 (or 1904-01-01); ExcelJS hands them over as Dates. */
function dateToSerial(date: Date, date1904: boolean): number {
  return date.getTime() / 86_400_000 + (date1904 ? 24_107 : 25_569);
}

function rawFromCell(cell: ExcelJSModule.Cell, date1904: boolean): RawCell {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === '' ? null : restoreText(value);
  if (value instanceof Date) return dateToSerial(value, date1904);
  if (typeof value !== 'object') return null;
  if ('formula' in value || 'sharedFormula' in value) {
    // `cell.formula` expands shared formulas relative to this cell.
    const formula = cell.formula;
    if (formula) return fromExcelFormula(formula);
    const result = (value as { result?: unknown }).result;
    return typeof result === 'number' || typeof result === 'boolean' ? result : null;
  }
  if ('richText' in value) return restoreText(value.richText.map((part) => part.text).join(''));
  if ('text' in value && typeof value.text === 'string') return restoreText(value.text);
  // An error value typed as such (#N/A): kept as its text, the cell's only content.
  if ('error' in value) return String(value.error);
  return null;
}

/** Workbook-scoped defined names from xl/workbook.xml; Excel's own (_xlnm.*) and hidden helpers are skipped. */
function readDefinedNames(xml: string): { names: NamedExpression[]; skipped: string[] } {
  const names: NamedExpression[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const element = /<(?:\w+:)?definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?definedName>)/g;
  for (const match of xml.matchAll(element)) {
    const attributes = new Map<string, string>();
    for (const attr of (match[1] ?? '').matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) {
      attributes.set(attr[1] ?? '', unescapeXml(attr[2] ?? ''));
    }
    const name = attributes.get('name') ?? '';
    const text = unescapeXml(match[2] ?? '').trim();
    if (name.startsWith('_xlnm.') || (name.startsWith('_xl') && attributes.get('hidden') === '1')) continue;
    if (
      attributes.has('localSheetId') ||
      !isValidName(name) ||
      text === '' ||
      seen.has(name.toLowerCase()) ||
      names.length >= LIMITS.maxNames
    ) {
      skipped.push(name);
      continue;
    }
    seen.add(name.toLowerCase());
    const number = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
    names.push({ name, expression: Number.isFinite(number) ? number : fromExcelFormula(text) });
  }
  return { names, skipped };
}
