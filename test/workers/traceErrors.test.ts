// The engine's error trace, through real Comlink as the app calls it: from the named ranges a
// result reads, up the precedents (and through named expressions) to the first error.
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { SheetId } from '../../src/core/document';
import type { EngineApi, EngineWorkbook } from '../../workers/contract';
import { createEngine } from '../../workers/engine';

const IN = 'sh_in' as SheetId;
const OUT = 'sh_out' as SheetId;

function workbook(inputs: (string | number | null)[][]): EngineWorkbook {
  return {
    sheets: [
      // A1 a choice, A2:A3 its table, B1 the lookup, B2 a divisor, C1 a year.
      { id: IN, name: 'Indata', cells: inputs },
      {
        id: OUT,
        name: 'Bana',
        cells: [
          ['=Indata!B1*2', '=A1+1', '=Start+1'],
          ['=100/Indata!B2', '=SUM(A1:B1)', 7],
        ],
      },
    ],
    names: [
      { name: 'Chart_Row', expression: '=Bana!$A$1:$C$1' },
      { name: 'Chart_Other', expression: '=Bana!$A$2:$C$2' },
      { name: 'Start', expression: '=Indata!$C$1' },
    ],
  };
}

const ok = [['HVO100', '=INDEX(D1:D2,MATCH(A1,A2:A3,0))', 2025, 0.48], ['HVO100', 4, null, 1.09], ['RME']];

/** Run `use` against a fresh engine behind real Comlink (so only plain data crosses), then close. */
async function withEngine(use: (api: Comlink.Remote<EngineApi>) => Promise<void>): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createEngine(), port1);
  try {
    await use(Comlink.wrap<EngineApi>(port2));
  } finally {
    port1.close();
    port2.close();
  }
}

describe('engine traceErrors', () => {
  it('finds nothing when every watched cell is a number', () =>
    withEngine(async (api) => {
      await api.load(workbook(ok), 1);
      expect(await api.traceErrors(['Chart_Row', 'Chart_Other'])).toEqual({
        starts: [],
        errors: [],
        texts: [],
      });
    }));

  it('walks from a watched error up to the first error, and reports the text that fed it', () =>
    withEngine(async (api) => {
      const typo = ok.map((r) => [...r]);
      typo[0]![0] = 'HVO';
      await api.load(workbook(typo), 1);
      const trace = await api.traceErrors(['Chart_Row', 'Chart_Other']);
      expect(trace.starts.map((c) => `${c.sheet}!${c.row},${c.col}`)).toEqual([
        'Bana!0,0',
        'Bana!0,1',
        'Bana!1,1',
      ]);
      // The first error is the lookup, not the cells downstream of it.
      expect(trace.errors).toEqual([
        {
          sheetId: IN,
          sheet: 'Indata',
          row: 0,
          col: 1,
          value: expect.objectContaining({ error: '#N/A' }),
          formula: true,
        },
      ]);
      expect(trace.texts).toContainEqual({
        sheetId: IN,
        sheet: 'Indata',
        row: 0,
        col: 0,
        value: 'HVO',
        formula: false,
      });
    }));

  it('follows named expressions to the cell they point at (text where a year belongs)', () =>
    withEngine(async (api) => {
      const text = ok.map((r) => [...r]);
      text[0]![2] = 'tjugo';
      await api.load(workbook(text), 1);
      const trace = await api.traceErrors(['Chart_Row']);
      expect(trace.errors.map((c) => [c.sheet, c.row, c.col])).toEqual([['Bana', 0, 2]]);
      expect(trace.texts).toContainEqual(
        expect.objectContaining({ sheet: 'Indata', row: 0, col: 2, value: 'tjugo' }),
      );
    }));

  it('names a division by zero where it happens, and stays on sheets that exist', () =>
    withEngine(async (api) => {
      const zero = ok.map((r) => [...r]);
      zero[1]![1] = 0;
      await api.load(workbook(zero), 1);
      const trace = await api.traceErrors(['Chart_Other']);
      expect(trace.errors).toEqual([
        expect.objectContaining({
          sheet: 'Bana',
          row: 1,
          col: 0,
          value: expect.objectContaining({ error: '#DIV/0!' }),
        }),
      ]);
      await api.load({ ...workbook(ok), sheets: workbook(ok).sheets.filter((s) => s.id === OUT) }, 2);
      const gone = await api.traceErrors(['Chart_Row']);
      expect(gone.errors[0]).toMatchObject({ sheet: 'Bana', row: 0, col: 0, value: { error: '#REF!' } });
    }));
});
