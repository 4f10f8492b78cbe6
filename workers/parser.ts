// The parser worker's logic: core's file and link readers behind ParserApi, handing the document out
// as a head and slices of rows. Runs inside the worker, and in Node tests as it is.
import type { ScenarioDocument } from '../src/core/document';
import { parseWorkbookFile } from '../src/core/fileFormat';
import { decodeWorkbookLink } from '../src/core/link';
import type { ParsedHeadResult, ParsedWorkbook, ParserApi } from './parserContract';

/** Create the parser; it keeps the document it read last until its rows have been taken. */
export function createParser(): ParserApi {
  let last: ScenarioDocument | null = null;
  function head(read: ParsedWorkbook): ParsedHeadResult {
    if (!read.ok) return read;
    last = read.value;
    return {
      ok: true,
      value: {
        doc: { ...read.value, sheets: read.value.sheets.map((sheet) => ({ ...sheet, cells: [] })) },
        rows: read.value.sheets.map((sheet) => sheet.cells.length),
      },
    };
  }
  return {
    async parseFile(source, size) {
      const text = typeof source === 'string' ? source : await source.text();
      return head(parseWorkbookFile(text, size));
    },
    async decodeLink(hash) {
      const read = decodeWorkbookLink(hash);
      return read === null ? null : head(read);
    },
    async rows(sheet, from, count) {
      return last?.sheets[sheet]?.cells.slice(from, from + count) ?? [];
    },
  } satisfies ParserApi;
}
