// Data tables: the values a from–to–step gives, the points of a two-variable table, and the table as
// CSV in both dialects (Swedish `;` and decimal comma).
import { describe, expect, it } from 'vitest';
import { CSV_ENGLISH, CSV_SWEDISH } from '../../../src/core/csv';
import {
  type DataTable,
  dataTableCsv,
  dataTablePoints,
  parseValueList,
  specValues,
  tableCells,
} from '../../../src/core/whatif/dataTable';

describe('data tables', () => {
  it('steps from–to without drift, and refuses a step that never arrives or too many values', () => {
    expect(specValues({ kind: 'range', from: 0, to: 0.3, step: 0.1 })).toEqual({
      ok: true,
      values: [0, 0.1, 0.2, 0.3],
    });
    expect(specValues({ kind: 'range', from: 10, to: 0, step: -5 })).toEqual({
      ok: true,
      values: [10, 5, 0],
    });
    // `to` is not on a step: the last value is the last step before it.
    expect(specValues({ kind: 'range', from: 0, to: 1, step: 0.4 })).toEqual({
      ok: true,
      values: [0, 0.4, 0.8],
    });
    expect(specValues({ kind: 'range', from: 0, to: 1, step: -0.1 })).toEqual({ ok: false, problem: 'step' });
    expect(specValues({ kind: 'range', from: 0, to: 1, step: 0 })).toEqual({ ok: false, problem: 'step' });
    expect(specValues({ kind: 'range', from: 0, to: 1e6, step: 1 })).toEqual({
      ok: false,
      problem: 'too-many',
    });
    expect(specValues({ kind: 'list', values: [] })).toEqual({ ok: false, problem: 'empty' });
  });

  it('reads a typed list in either language', () => {
    const sv = (s: string) => (/^-?\d+(,\d+)?$/.test(s) ? Number(s.replace(',', '.')) : null);
    const en = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null);
    expect(parseValueList('0,25; 0,5 1', sv)).toEqual([0.25, 0.5, 1]);
    expect(parseValueList('0.25, 0.5,1', en)).toEqual([0.25, 0.5, 1]);
    expect(parseValueList('0.25; x', en)).toBeNull();
  });

  it('lists a two-variable table row by row and lays it out with both headers', () => {
    expect(dataTablePoints([1, 2], [10, 20, 30])).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
    const table: DataTable = {
      rowLabel: 'Andel',
      columnLabel: 'Volym',
      outputLabel: 'Gap',
      rows: [0.5, 1],
      columns: [1000, 2000],
      cells: tableCells([1.5, -2, 3, { error: 'DIV_BY_ZERO' }], 2, 2),
    };
    expect(dataTableCsv(table, CSV_SWEDISH)).toBe('Andel \\ Volym;1000;2000\r\n0,5;1,5;-2\r\n1;3;#DIV/0!');
    expect(dataTableCsv(table, CSV_ENGLISH)).toBe('Andel \\ Volym,1000,2000\r\n0.5,1.5,-2\r\n1,3,#DIV/0!');
    const one: DataTable = { rowLabel: 'Andel', outputLabel: 'Gap', rows: [0, 1], cells: [[4], [-1.25]] };
    expect(dataTableCsv(one, CSV_SWEDISH)).toBe('Andel;Gap\r\n0;4\r\n1;-1,25');
  });
});
