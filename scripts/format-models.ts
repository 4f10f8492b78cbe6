// Give the workbooks in models/ their number formats from each row's unit (core/scenario/modelFormats):
// years plain, shares as percent, tonnes and kronor grouped. Values are not touched. Run once after
// editing a model: `npx tsx scripts/format-models.ts`, then `bana export-model` for built scenarios.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RawCell, isFormula } from '../src/core/document';
import { serializeWorkbook } from '../src/core/fileFormat';
import { migrateDocument } from '../src/core/migrations';
import { type FormatRows, PRESETS, storedCode } from '../src/core/numberFormat';
import { overlayFormats, parameterFormats, unitFormat } from '../src/core/scenario/modelFormats';

const MODELS = new URL('../models/', import.meta.url).pathname;

/**
 * Tables below a baseline's parameter block: a header whose first cell names tonnes (`… (t CO2e)`) and
 * whose second is a year or `t CO2e`. Year headers are plain, a column headed `Andel` percent, the
 * other numbers tonnes (grouped).
 */
function tableFormats(cells: readonly RawCell[][]): FormatRows {
  const rows: FormatRows = [];
  const grouped = storedCode(PRESETS.thousands);
  const percent = storedCode(PRESETS.percent);
  const plain = storedCode(PRESETS.plain);
  for (let r = 0; r < cells.length; r++) {
    const header = cells[r] ?? [];
    const tonnes = /t CO2e/.test(String(header[0] ?? '')) || header[1] === 't CO2e';
    if (!tonnes || !(typeof header[1] === 'number' || header[1] === 't CO2e')) continue;
    rows[r] = header.map((h) => (typeof h === 'number' ? plain : null));
    for (let below = r + 1; below < cells.length && (cells[below]?.length ?? 0) > 0; below++) {
      rows[below] = (cells[below] ?? []).map((raw, c) =>
        c > 0 && (typeof raw === 'number' || isFormula(raw))
          ? header[c] === 'Andel'
            ? percent
            : grouped
          : null,
      );
    }
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return rows;
}

/** A measure's year rows: `År` then years from column C plain; a row with its unit in B by that unit. */
function yearRowFormats(cells: readonly RawCell[][]): FormatRows {
  return cells.map((row) => {
    const format = row[0] === 'År' ? PRESETS.plain : unitFormat(row[1] ?? null, []);
    if (!format || row.length <= 2) return [];
    return row.map((raw, c) =>
      c >= 2 && (typeof raw === 'number' || isFormula(raw)) ? storedCode(format) : null,
    );
  });
}

/**
 * The hand-made fund workbook (models/region-stockholm-climate-fund-2025): its project table has the
 * amount in C, the reduction in D and kronor per tonne in F, under a header row, not a unit column.
 */
function fundTableFormats(cells: readonly RawCell[][]): FormatRows {
  const header = cells.findIndex((row) => row[2] === 'Beslutat (kr)' && /t CO2e/.test(String(row[3] ?? '')));
  if (header < 0) return [];
  const grouped = storedCode(PRESETS.thousands);
  return cells.map((row, r) =>
    r <= header
      ? []
      : row.map((raw, c) =>
          [2, 3, 5].includes(c) && (typeof raw === 'number' || isFormula(raw)) && r < header + 16
            ? grouped
            : null,
        ),
  );
}

/** Named cells the rules above cannot see: the fund workbook's target block (shares and a level). */
const EXTRA: Record<string, Record<string, string>> = {
  'Dalarna klimatbokslut': {
    B14: '0%',
    B15: '#,##0',
    B16: '0.0%',
    B17: '0.0%',
    B11: '#,##0',
    C11: '#,##0',
    D11: '#,##0',
  },
};

function extraFormats(sheetName: string): FormatRows {
  const rows: FormatRows = [];
  for (const [address, code] of Object.entries(EXTRA[sheetName] ?? {})) {
    const col = address.charCodeAt(0) - 65;
    const row = Number(address.slice(1)) - 1;
    const target = rows[row] ?? [];
    target[col] = code;
    rows[row] = target;
  }
  return rows.map((row) => Array.from(row ?? [], (code) => code ?? null));
}

for (const dir of ['', 'templates', 'baselines']) {
  for (const file of readdirSync(join(MODELS, dir))) {
    if (!file.endsWith('.bana.json')) continue;
    const path = join(MODELS, dir, file);
    const migrated = migrateDocument(JSON.parse(readFileSync(path, 'utf8')));
    if (!migrated.ok) throw new Error(`${path}: ${migrated.reason}`);
    const doc = migrated.value;
    for (const sheet of doc.sheets) {
      // A parameter row's own unit wins over a table it happens to follow.
      const formats = [yearRowFormats, parameterFormats, fundTableFormats].reduce(
        (all, rule) => overlayFormats(all, rule(sheet.cells)),
        tableFormats(sheet.cells),
      );
      const all = overlayFormats(formats, extraFormats(sheet.name));
      if (all.some((row) => row.some((code) => code !== null))) sheet.formats = all;
    }
    // Validate again so the file holds exactly what the app reads back (trailing empties trimmed).
    const checked = migrateDocument(doc);
    if (!checked.ok) throw new Error(`${path}: ${checked.reason}`);
    writeFileSync(path, serializeWorkbook(checked.value));
    console.log(path);
  }
}
