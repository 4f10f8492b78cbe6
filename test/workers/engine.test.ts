// The engine worker's API, in-process: through real Comlink over a MessageChannel, as the app uses it.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { SheetId } from '../../src/core/document';
import type { EngineApi, EngineWorkbook } from '../../workers/contract';
import { createEngine } from '../../workers/engine';

const S1 = 'sh_1' as SheetId;
const S2 = 'sh_2' as SheetId;

function workbook(): EngineWorkbook {
  return {
    sheets: [
      {
        id: S1,
        name: 'Inputs',
        cells: [
          [10, 20, '=A1+B1'],
          ['=A1/0', '=B2', '=Total*2'],
        ],
      },
      { id: S2, name: 'Klimatfond 2025', cells: [['=Inputs!C1*3', "='Klimatfond 2025'!A1+1"]] },
    ],
    names: [{ name: 'Total', expression: '=Inputs!$C$1' }],
  };
}

const channels: MessageChannel[] = [];
function connect(): Comlink.Remote<EngineApi> {
  const channel = new MessageChannel();
  channels.push(channel);
  Comlink.expose(createEngine(), channel.port1);
  return Comlink.wrap<EngineApi>(channel.port2);
}

afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

describe('engine worker API', () => {
  it('loads a workbook and answers values for a range as plain data', async () => {
    const api = connect();
    const loaded = await api.load(workbook(), 1, { sheetId: S1, row: 0, col: 0, rows: 2, cols: 3 });
    expect(loaded.revision).toBe(1);
    expect(loaded.view?.values.slice(0, 3)).toEqual([10, 20, 30]);
    const cross = await api.getValues({ sheetId: S2, row: 0, col: 0, rows: 1, cols: 2 });
    expect(cross.values).toEqual([90, 91]);
  });

  it('reports errors with Excel codes and the reason, including cycles', async () => {
    const api = connect();
    const loaded = await api.load(workbook(), 1, { sheetId: S1, row: 1, col: 0, rows: 1, cols: 3 });
    const [div, cycle, named] = loaded.view?.values ?? [];
    expect(div).toMatchObject({ error: '#DIV/0!' });
    expect(cycle).toMatchObject({ error: '#CYCLE!' });
    expect(typeof (cycle as { message: string }).message).toBe('string');
    expect(named).toBe(60);
  });

  it('applies an edit and recalculates dependents on every sheet', async () => {
    const api = connect();
    await api.load(workbook(), 1);
    const result = await api.apply([{ kind: 'setCells', sheetId: S1, row: 0, col: 0, values: [[100]] }], 2, {
      sheetId: S1,
      row: 0,
      col: 0,
      rows: 1,
      cols: 3,
    });
    expect(result.revision).toBe(2);
    expect(result.view?.values).toEqual([100, 20, 120]);
    const other = await api.getValues({ sheetId: S2, row: 0, col: 0, rows: 1, cols: 2 });
    expect(other.values).toEqual([360, 361]);
  });

  it('answers empty cells beyond the data as null and refuses huge queries', async () => {
    const api = connect();
    await api.load(workbook(), 1);
    const far = await api.getValues({ sheetId: S1, row: 99_990, col: 30, rows: 5, cols: 5 });
    expect(far.values).toEqual(new Array(25).fill(null));
    await expect(api.getValues({ sheetId: S1, row: 0, col: 0, rows: 100_000, cols: 40 })).rejects.toThrow(
      /limited/,
    );
  });

  it('loads a sheet of 100 000 rows (beyond HyperFormula’s default row limit)', async () => {
    const api = connect();
    const cells = Array.from({ length: 100_000 }, (_, r) => [r, `=A${r + 1}*2`]);
    await api.load({ sheets: [{ id: S1, name: 'Big', cells }], names: [] }, 1);
    const tail = await api.getValues({ sheetId: S1, row: 99_998, col: 0, rows: 2, cols: 2 });
    expect(tail.values).toEqual([99_998, 199_996, 99_999, 199_998]);
    // Building 100 000 formulas takes about a second alone, many more on a busy machine.
  }, 120_000);

  it('rejects with the engine’s message for an unknown sheet, and keeps working', async () => {
    const api = connect();
    await api.load(workbook(), 1);
    await expect(
      api.apply([{ kind: 'setCells', sheetId: 'nope' as SheetId, row: 0, col: 0, values: [[1]] }], 2),
    ).rejects.toThrow(/No sheet/);
    const after = await api.getValues({ sheetId: S1, row: 0, col: 2, rows: 1, cols: 1 });
    expect(after).toMatchObject({ revision: 1, values: [30] });
  });

  it('still opens a workbook whose named expression is invalid', async () => {
    const api = connect();
    const wb = workbook();
    wb.names.push({ name: 'A1', expression: 3 });
    const loaded = await api.load(wb, 1, { sheetId: S1, row: 0, col: 2, rows: 1, cols: 1 });
    expect(loaded.view?.values).toEqual([30]);
  });

  it('names the functions it knows, in upper case, without a workbook loaded', async () => {
    const names = await connect().functionNames();
    expect(names).toEqual(expect.arrayContaining(['SUM', 'IF', 'STDEV.S', 'XLOOKUP']));
    expect(names).not.toContain('WEBSERVICE');
    expect(names.every((n) => n === n.toUpperCase())).toBe(true);
  });
});

describe('engine worker API: text stays text', () => {
  it('keeps text that looks like a number, boolean or date as the text the user typed', async () => {
    const api = connect();
    const loaded = await api.load(
      { sheets: [{ id: S1, name: 'T', cells: [['123', 'TRUE', '1/2/2024', '=', 123]] }], names: [] },
      1,
      { sheetId: S1, row: 0, col: 0, rows: 1, cols: 5 },
    );
    expect(loaded.view?.values).toEqual(['123', 'TRUE', '1/2/2024', '=', 123]);
    const applied = await api.apply(
      [{ kind: 'setCells', sheetId: S1, row: 1, col: 0, values: [['007']] }],
      2,
      {
        sheetId: S1,
        row: 1,
        col: 0,
        rows: 1,
        cols: 1,
      },
    );
    expect(applied.view?.values).toEqual(['007']);
  });
});
