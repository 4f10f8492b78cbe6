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

describe('engine worker API: INDEX as Excel reads it', () => {
  const row = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map((n) => n * 10);
  async function evaluate(formulas: string[]) {
    const api = connect();
    const cells = [row, row.map((_, i) => i), formulas];
    const loaded = await api.load({ sheets: [{ id: S1, name: 'S', cells }], names: [] }, 1, {
      sheetId: S1,
      row: 2,
      col: 0,
      rows: 1,
      cols: formulas.length,
    });
    return { api, values: loaded.view?.values ?? [] };
  }

  it('reads a single index on a one-row range as the position along the row (HyperFormula #1544)', async () => {
    const { values } = await evaluate([
      '=INDEX(A1:R1, 13)',
      '=INDEX(A1:R1, 1, 13)',
      '=INDEX(A1:R1, 1)',
      '=INDEX(B1:R1, 17)',
    ]);
    expect(values).toEqual([130, 130, 10, 180]);
  });

  it('keeps HyperFormula’s INDEX everywhere else: columns, two-dimensional ranges and its errors', async () => {
    const { values } = await evaluate([
      '=INDEX(A1:A2, 2)',
      '=INDEX(A1:R2, 2, 3)',
      '=INDEX(A1:R2, 2)',
      '=INDEX(A1:R1, 19)',
      '=INDEX(A1:R1, 0)',
      '=INDEX(A1:R1, 13, 1)',
      '=INDEX(A1:A2, 1, 2)',
      '=INDEX(A1, 1)',
      '=INDEX(A1:R1, 2.9)',
    ]);
    expect(values.slice(0, 3)).toEqual([0, 2, 0]);
    expect(values[3]).toMatchObject({ error: '#NUM!' });
    expect(values[4]).toMatchObject({ error: '#VALUE!' });
    expect(values[5]).toMatchObject({ error: '#NUM!' });
    expect(values[6]).toMatchObject({ error: '#NUM!' });
    expect(values[7]).toBe(10);
    // Fractions are truncated, as in Excel.
    expect(values[8]).toBe(20);
  });

  it('recalculates a one-row INDEX when the row changes, and does not list its internal functions', async () => {
    const { api } = await evaluate(['=INDEX(A1:R1, 13)']);
    const edited = await api.apply([{ kind: 'setCells', sheetId: S1, row: 0, col: 12, values: [[7]] }], 2, {
      sheetId: S1,
      row: 2,
      col: 0,
      rows: 1,
      cols: 1,
    });
    expect(edited.view?.values).toEqual([7]);
    const names = await api.functionNames();
    expect(names).toContain('INDEX');
    expect(names.some((n) => n.startsWith('BANA.'))).toBe(false);
  });
});

describe('engine worker API: every way of writing a huge range is refused with one message', () => {
  const TOO_LARGE = /has [\d,]+ cells; formulas may use ranges of up to 200,000 cells/;
  const at = (row: number, col: number) => ({ sheetId: S1, row, col, rows: 1, cols: 1 });

  /** Type the formula into K300 of a small sheet, read its value, then check the engine still answers an edit. */
  async function typed(formula: string, names: EngineWorkbook['names'] = []) {
    const api = connect();
    await api.load({ sheets: [{ id: S1, name: 'S', cells: [[1, null, '=A1*2']] }], names }, 1);
    const applied = await api.apply(
      [{ kind: 'setCells', sheetId: S1, row: 299, col: 10, values: [[formula]] }],
      2,
      at(299, 10),
    );
    const next = await api.apply(
      [{ kind: 'setCells', sheetId: S1, row: 0, col: 0, values: [[21]] }],
      3,
      at(0, 2),
    );
    expect(next.view?.values).toEqual([42]);
    return applied.view?.values[0];
  }

  it.each([
    [
      'an OFFSET over the whole sheet',
      '=SUM(OFFSET(A1,0,0,1048576,16384))',
      'OFFSET(A1,0,0,1048576,16384) has 17,179,869,184 cells',
    ],
    [
      'a range ending in an OFFSET',
      '=SUM(A1:OFFSET(A1,1048575,16383))',
      'A1:OFFSET(A1,1048575,16383) has 17,179,869,184 cells',
    ],
    ['an OFFSET with a negative shift', '=SUM(OFFSET(Z1000,-999,-25,1000,1000))', 'has 1,000,000 cells'],
    ['whole columns across the sheet', '=SUM(A:XFD)', 'A:XFD has 17,179,869,184 cells'],
    ['whole rows down the sheet', '=SUM($1:$1048576)', '$1:$1048576 has 17,179,869,184 cells'],
    ['a range on another sheet', '=SUM(S!A1:XFD1048576)', 'A1:XFD1048576 has 17,179,869,184 cells'],
    ['a huge range inside INDEX', '=INDEX(A1:XFD1048576, 1, 1)', 'A1:XFD1048576 has'],
  ])('refuses %s', async (_what, formula, message) => {
    const value = await typed(formula);
    expect(value).toMatchObject({ error: '#VALUE!', message: expect.stringContaining(message) });
    expect((value as { message: string }).message).toMatch(TOO_LARGE);
  });

  it('refuses a named expression naming the whole sheet, in every formula that uses it', async () => {
    const value = await typed('=SUM(Everything)', [
      { name: 'Everything', expression: '=S!$A$1:$XFD$1048576' },
    ]);
    expect(value).toMatchObject({
      error: '#VALUE!',
      message: expect.stringMatching(
        /^The name Everything is not used: The range \$A\$1:\$XFD\$1048576 has 17,179,869,184 cells/,
      ),
    });
  });

  it('refuses a named expression changed to a huge range, and uses it again once it is small', async () => {
    // A name change reaches the engine as a reload of the workbook (the document is the truth).
    const api = connect();
    const cells = [[1, 2, '=SUM(Part)']];
    const huge = await api.load(
      {
        sheets: [{ id: S1, name: 'S', cells }],
        names: [{ name: 'Part', expression: '=OFFSET(S!$A$1,0,0,1048576,2)' }],
      },
      1,
      at(0, 2),
    );
    expect(huge.view?.values[0]).toMatchObject({
      error: '#VALUE!',
      message: expect.stringMatching(TOO_LARGE),
    });
    const small = await api.load(
      { sheets: [{ id: S1, name: 'S', cells }], names: [{ name: 'Part', expression: '=S!$A$1:$B$1' }] },
      2,
      at(0, 2),
    );
    expect(small.view?.values).toEqual([3]);
  });

  it('refuses SEQUENCE over the cap, written or computed, and keeps REPT to a cell’s 32,767 characters', async () => {
    expect(await typed('=SUM(SEQUENCE(1048576,16384))')).toMatchObject({ error: '#VALUE!' });
    expect(await typed('=SUM(SEQUENCE(A1*100000, A1*100000))')).toMatchObject({
      error: '#VALUE!',
      message: expect.stringMatching(TOO_LARGE),
    });
    expect(await typed('=SUM(SEQUENCE(3))')).toBe(6);
    expect(await typed('=LEN(REPT("ab", 1000000000))')).toMatchObject({
      error: '#VALUE!',
      message: expect.stringContaining('at most 32,767'),
    });
    expect(await typed('=LEN(REPT("ab", 3))')).toBe(6);
  });

  it('keeps ordinary ranges, OFFSETs, whole columns and a refusal’s dependents working', async () => {
    expect(await typed('=SUM(OFFSET(A1,0,0,1,3))')).toBe(3);
    expect(await typed('=SUM(A:C)')).toBe(3);
    expect(await typed('=SUM(A1:ALK200)')).toBe(3);
    const api = connect();
    const loaded = await api.load(
      { sheets: [{ id: S1, name: 'S', cells: [['=SUM(A2:XFD1048576)', '=A1+1']] }], names: [] },
      1,
      { sheetId: S1, row: 0, col: 0, rows: 1, cols: 2 },
    );
    // The dependent carries the refusal's message, not a bare #N/A.
    expect(loaded.view?.values[1]).toMatchObject({
      error: '#VALUE!',
      message: expect.stringMatching(TOO_LARGE),
    });
  });
});
