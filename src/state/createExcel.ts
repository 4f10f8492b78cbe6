// The Excel and CSV actions: export the open workbook as .xlsx (formulas with the engine's values),
// import an .xlsx as a new workbook, export the active sheet's values as CSV (`;` and decimal comma in
// the Swedish UI, `,` and `.` in the English). The Excel library is
// loaded only when an Excel action runs, so it never weighs on the app's first load.
import { type Accessor, createSignal } from 'solid-js';
import { type Sheet, usedSize } from '../core/document';
import { csvDialectFor, toCsv } from '../core/csv';
import { safeFileName } from '../core/fileFormat';
import { type UiLocale, translate } from '../i18n/strings';
import type { CellValue } from '../core/values';
import type { AppState } from './createAppState';
import { downloadBlob } from './download';

/** What the Excel actions need of the app. */
export type ExcelApp = Pick<AppState, 'session' | 'computedValues' | 'addWorkbook' | 'notify' | 'engine'>;

export interface ExcelOptions {
  locale: Accessor<UiLocale>;
  /** Hands a finished file to the user; a browser download unless a test injects its own. */
  save?: (fileName: string, data: Blob) => void;
}

export type ExcelTask = 'export' | 'import' | 'csv';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** How many cells an unknown-function notice names before it says "and N more". */
const MAX_PLACES_LISTED = 5;

/** Engine values as CSV fields: an error is written as its code (#DIV/0!), as spreadsheets do. */
function csvValue(value: CellValue | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? value.error : value;
}

/** Build the Excel actions for one app. */
export function createExcel(app: ExcelApp, options: ExcelOptions) {
  const save = options.save ?? downloadBlob;
  const [busy, setBusy] = createSignal<ExcelTask | null>(null);
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(options.locale(), key, params);

  async function run(task: ExcelTask, work: () => Promise<void>): Promise<void> {
    if (busy()) return;
    setBusy(task);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  }

  function valuesOf(sheet: Sheet): Promise<CellValue[][]> {
    const { rows, cols } = usedSize(sheet);
    return app.computedValues(sheet.id, rows, cols);
  }

  /** Export the open workbook as .xlsx: formulas with the engine's values, names, widths, formats. */
  function exportXlsx(): Promise<void> {
    return run('export', async () => {
      const doc = app.session().doc();
      try {
        const values: CellValue[][][] = [];
        for (const sheet of doc.sheets) values.push(await valuesOf(sheet));
        const { documentToXlsx } = await import('../excel/xlsx');
        const { bytes, renamedSheets } = await documentToXlsx(doc, values);
        save(safeFileName(doc.meta.name, '.xlsx'), new Blob([bytes], { type: XLSX_MIME }));
        if (renamedSheets.length > 0) {
          app.notify({
            kind: 'message',
            tone: 'info',
            text: t('excelSheetsRenamed', {
              sheets: renamedSheets.map((r) => `“${r.from}” → “${r.to}”`).join(', '),
            }),
          });
        }
      } catch (error) {
        app.notify({
          kind: 'message',
          tone: 'error',
          text: t('excelExportFailed', { reason: error instanceof Error ? error.message : String(error) }),
        });
      }
    });
  }

  /**
   * Import an .xlsx file as a new workbook (new id, named after the file) and open it. A file that is
   * too large, damaged or not .xlsx gives a message and changes nothing. Functions the engine does
   * not know are listed in a notice with their cells; the formulas stay as typed (they show #NAME?).
   */
  function importFile(file: File): Promise<void> {
    return run('import', async () => {
      const name = file.name.replace(/\.[^.]*$/, '') || file.name;
      const refuse = (reason: string) =>
        app.notify({
          kind: 'message',
          tone: 'error',
          text: t('excelImportFailed', { file: file.name, reason }),
        });
      if (/\.(ods|xls|csv)$/i.test(file.name)) {
        refuse(t('excelOnlyXlsx'));
        return;
      }
      try {
        const { MAX_XLSX_BYTES, findUnknownFunctions, xlsxToDocument } = await import('../excel/xlsx');
        if (file.size > MAX_XLSX_BYTES) {
          refuse(t('excelTooLarge', { detail: `> ${MAX_XLSX_BYTES / 1024 / 1024} MB` }));
          return;
        }
        const result = await xlsxToDocument(new Uint8Array(await file.arrayBuffer()), name);
        if (!result.ok) {
          const { kind, detail } = result.reason;
          refuse(
            kind === 'too-large'
              ? t('excelTooLarge', { detail })
              : kind === 'unreadable'
                ? t('excelUnreadable')
                : t('excelInvalid', { detail }),
          );
          return;
        }
        const { doc, skippedNames, unknownFormats } = result.value;
        let unknown: ReturnType<typeof findUnknownFunctions> = [];
        let divergent: ReturnType<typeof findUnknownFunctions> = [];
        try {
          const known = new Set(await app.engine.functionNames());
          unknown = findUnknownFunctions(doc, known);
          const { findDivergentFunctions } = await import('../excel/compatibility');
          divergent = findDivergentFunctions(doc, known);
        } catch {
          // Without the engine's list nothing can be judged unknown; the cells still show #NAME?.
        }
        await app.addWorkbook(doc);
        const parts = [t('excelImported', { name: doc.meta.name })];
        /** "FN (Sheet!A1, Sheet!B2 and 3 more); …" */
        const listed = (uses: typeof unknown) =>
          uses
            .map(({ name: fn, places }) => {
              const shown = places.slice(0, MAX_PLACES_LISTED).join(', ');
              const more = places.length - MAX_PLACES_LISTED;
              return `${fn} (${more > 0 ? t('excelAndMore', { places: shown, n: more }) : shown})`;
            })
            .join('; ');
        if (unknown.length > 0) parts.push(t('excelUnknownFunctions', { list: listed(unknown) }));
        if (divergent.length > 0) {
          const n = new Set(divergent.flatMap((d) => d.places)).size;
          parts.push(t(n === 1 ? 'excelDivergentOne' : 'excelDivergentMany', { n, list: listed(divergent) }));
        }
        if (skippedNames.length > 0) parts.push(t('excelSkippedNames', { names: skippedNames.join(', ') }));
        if (unknownFormats.length > 0)
          parts.push(t('excelUnknownFormats', { codes: unknownFormats.slice(0, 5).join('  ') }));
        app.notify({ kind: 'message', tone: unknown.length > 0 ? 'error' : 'info', text: parts.join(' ') });
      } catch (error) {
        refuse(error instanceof Error ? error.message : String(error));
      }
    });
  }

  /** Export the active sheet's computed values as CSV (UTF-8 with BOM) in the UI language's dialect. */
  function exportCsv(): Promise<void> {
    return run('csv', async () => {
      const session = app.session();
      const doc = session.doc();
      const sheet = session.activeSheet();
      try {
        const values = await valuesOf(sheet);
        const text = toCsv(
          values.map((row) => row.map(csvValue)),
          csvDialectFor(options.locale()),
        );
        // The BOM makes Excel read the file as UTF-8 (å, ä, ö); other readers skip it.
        const blob = new Blob([`\uFEFF${text}\r\n`], { type: 'text/csv;charset=utf-8' });
        save(safeFileName(`${doc.meta.name} - ${sheet.name}`, '.csv', 'sheet'), blob);
      } catch (error) {
        app.notify({
          kind: 'message',
          tone: 'error',
          text: t('excelExportFailed', { reason: error instanceof Error ? error.message : String(error) }),
        });
      }
    });
  }

  return { busy, exportXlsx, importFile, exportCsv };
}

export type Excel = ReturnType<typeof createExcel>;
