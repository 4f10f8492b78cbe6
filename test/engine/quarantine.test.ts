// A formula that takes the engine past its time limit is set aside: the engine restarts without it,
// the cell shows an error, the caller is told which cell, and the engine answers the next edit. A
// workbook that hangs on load opens with the offending cells found and named.
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { RawCell, SheetId } from '../../src/core/document';
import type { CellValue } from '../../src/core/values';
import { type EngineEndpoint, type QuarantinedCell, createEngineClient } from '../../src/engine/engineClient';
import type { EngineApi, EngineWorkbook, RangeValues } from '../../workers/contract';
import { QUARANTINE_MESSAGE, createEngine } from '../../workers/engine';

const S = 'sh_q' as SheetId;

/**
 * The real engine behind Comlink, except that a formula containing SLOW( that is not set aside
 * never finishes (a calculation far past any limit; a real one would block this test's own thread).
 */
function hangingEndpoint(counts: { loads: number }) {
  const slow = (v: RawCell) => typeof v === 'string' && v.includes('SLOW(');
  const hangs = (wb: EngineWorkbook) =>
    wb.sheets.some((sheet) =>
      sheet.cells.some((line, row) =>
        line.some(
          (v, col) =>
            slow(v) && !wb.quarantined?.some((q) => q.sheetId === sheet.id && q.row === row && q.col === col),
        ),
      ),
    );
  const never = new Promise<never>(() => {});
  return (): EngineEndpoint => {
    const channel = new MessageChannel();
    const engine = createEngine();
    const api: EngineApi = {
      ...engine,
      load: (wb, ...rest) => {
        counts.loads++;
        return hangs(wb) ? never : engine.load(wb, ...rest);
      },
      apply: (ops, ...rest) =>
        ops.some((op) => op.values.flat().some(slow)) ? never : engine.apply(ops, ...rest),
    };
    Comlink.expose(api, channel.port1);
    return {
      endpoint: channel.port2 as unknown as Comlink.Endpoint,
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
      },
    };
  };
}

function setup(cells: RawCell[][], stored: QuarantinedCell[] = []) {
  let doc: EngineWorkbook = { sheets: [{ id: S, name: 'Blad1', cells }], names: [] };
  let revision = 1;
  let latest: RangeValues | null = null;
  const counts = { loads: 0 };
  const told: { added: QuarantinedCell[]; all: QuarantinedCell[] }[] = [];
  const client = createEngineClient({
    createEndpoint: hangingEndpoint(counts),
    timeoutMs: 60,
    onQuarantine: (change) => told.push(change),
  });
  client.setQuarantine(stored);
  client.attach({
    source: () => ({ workbook: doc, revision }),
    values: (v) => {
      latest = v;
    },
    named: () => {},
  });
  client.setViewport({ sheetId: S, row: 0, col: 0, rows: 12, cols: 3 });
  const at = (row: number, col: number): CellValue | undefined => latest?.values[row * 3 + col];
  const edit = (row: number, col: number, value: RawCell) => {
    revision++;
    const next = doc.sheets[0]!.cells.map((line) => line.slice());
    while (next.length <= row) next.push([]);
    next[row]![col] = value;
    doc = { ...doc, sheets: [{ ...doc.sheets[0]!, cells: next }] };
    return client.apply([{ kind: 'setCells', sheetId: S, row, col, values: [[value]] }], revision);
  };
  return { client, at, edit, told, counts, load: () => client.load(doc, revision) };
}

const quarantinedError = { error: '#VALUE!', message: QUARANTINE_MESSAGE };
const names = (cells: QuarantinedCell[]) => cells.map((c) => `${c.sheet}!${c.row},${c.col}`);

describe('engine quarantine', () => {
  it('sets aside an edit that runs past the limit: its cell shows an error, the engine answers the next edit', async () => {
    const { client, at, edit, told, load } = setup([[1, '=A1*10']]);
    await load();
    expect(at(0, 1)).toBe(10);

    await edit(0, 2, '=SLOW(A1)');
    await client.idle();
    expect(told.map((t) => names(t.added))).toEqual([['Blad1!0,2']]);
    expect(told.at(-1)?.all[0]?.contents).toBe('=SLOW(A1)');
    expect(at(0, 2)).toEqual(quarantinedError);
    expect(client.status().state).toBe('ready');

    await edit(0, 0, 7);
    expect(at(0, 1)).toBe(70);
    expect(at(0, 2)).toEqual(quarantinedError);

    // Changing the cell releases it: the new formula is calculated.
    await edit(0, 2, '=A1+1');
    expect(at(0, 2)).toBe(8);
    expect(client.quarantined()).toEqual([]);
    expect(told.at(-1)).toEqual({ added: [], all: [] });
  });

  it('opens a workbook that hangs on load: finds the offending formulas among many and names them', async () => {
    const cells: RawCell[][] = Array.from({ length: 12 }, (_, row) => [row + 1, `=A${row + 1}*2`, null]);
    cells[3]![2] = '=SLOW(1)';
    cells[9]![1] = '=SLOW(A10)';
    const { client, at, told, edit, load } = setup(cells);
    await load();
    await client.idle();
    expect(names(told.flatMap((t) => t.added)).sort()).toEqual(['Blad1!3,2', 'Blad1!9,1']);
    expect(at(9, 1)).toEqual(quarantinedError);
    expect(at(3, 2)).toEqual(quarantinedError);
    // Every other formula is calculated, none is an error.
    expect(at(0, 1)).toBe(2);
    expect(at(11, 1)).toBe(24);
    expect(client.status().state).toBe('ready');
    await edit(0, 0, 50);
    expect(at(0, 1)).toBe(100);
  });

  it('a stored quarantine opens the workbook at once, without waiting out a limit', async () => {
    const stored: QuarantinedCell[] = [{ sheetId: S, row: 0, col: 1, sheet: 'Blad1', contents: '=SLOW(A1)' }];
    const { client, at, counts, told, load } = setup([[3, '=SLOW(A1)', '=A1+B1']], stored);
    await load();
    expect(counts.loads).toBe(1);
    expect(at(0, 1)).toEqual(quarantinedError);
    // Its dependents see the error too, never a number.
    expect(at(0, 2)).toMatchObject({ error: '#VALUE!' });
    expect(told).toEqual([]);
    expect(client.quarantined()).toEqual(stored);
  });

  it('releases a stored cell whose formula was changed elsewhere (the document no longer matches)', async () => {
    const stored: QuarantinedCell[] = [{ sheetId: S, row: 0, col: 1, sheet: 'Blad1', contents: '=SLOW(A1)' }];
    const { client, at, load } = setup([[3, '=A1*2']], stored);
    await load();
    expect(at(0, 1)).toBe(6);
    expect(client.quarantined()).toEqual([]);
  });
});
