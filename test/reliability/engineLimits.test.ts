// Formulas that could hang or exhaust an engine: a whole-sheet SUM, cycles, a 10 000-step chain,
// and workbooks beyond the limits. Each ends in a value, an error code, or a clear refusal.
import { describe, expect, it } from 'vitest';
import type { SheetId } from '../../src/core/document';
import { LIMITS, validateDocument } from '../../src/core/schema';
import { createEngine } from '../../workers/engine';

const S = 'sh_s' as SheetId;
const view = (rows: number, cols: number) => ({ sheetId: S, row: 0, col: 0, rows, cols });

describe('engine limits', () => {
  it('refuses a giant explicit range with a clear message instead of freezing, and allows whole columns', async () => {
    const engine = createEngine();
    const loaded = await engine.load(
      {
        sheets: [
          {
            id: S,
            name: 'S',
            cells: [
              [1, 2, null, '=SUM(A2:XFD1048576)', '=SUM(A:B)'],
              [3, 4],
            ],
          },
        ],
        names: [],
      },
      1,
      view(1, 6),
    );
    expect(loaded.view?.values[3]).toMatchObject({
      error: '#VALUE!',
      message: expect.stringMatching(/A2:XFD1048576 has 17,179,852,800 cells/),
    });
    expect(loaded.view?.values[4]).toBe(10);
    const whole = await engine.apply(
      [{ kind: 'setCells', sheetId: S, row: 0, col: 5, values: [['=SUM(A1:XFD1048576)']] }],
      2,
      view(1, 6),
    );
    expect(whole.view?.values[5]).toMatchObject({ error: '#VALUE!' });
    // Replacing the refused formula with an ordinary one clears the refusal.
    const fixed = await engine.apply(
      [{ kind: 'setCells', sheetId: S, row: 0, col: 5, values: [['=SUM(A1:B2)']] }],
      3,
      view(1, 6),
    );
    expect(fixed.view?.values[5]).toBe(10);
  });

  it('reports cycles, including long ones, as #CYCLE!', async () => {
    const engine = createEngine();
    const cells = Array.from({ length: 500 }, (_, r) => [`=A${r === 499 ? 1 : r + 2}+1`]);
    const loaded = await engine.load({ sheets: [{ id: S, name: 'S', cells }], names: [] }, 1, view(3, 1));
    expect(
      loaded.view?.values.every(
        (v) => typeof v === 'object' && v !== null && 'error' in v && v.error === '#CYCLE!',
      ),
    ).toBe(true);
  });

  it('evaluates a 10 000-step reference chain and recalculates it after an edit', async () => {
    const engine = createEngine();
    const cells = [[1], ...Array.from({ length: 9_999 }, (_, r) => [`=A${r + 1}+1`])];
    await engine.load({ sheets: [{ id: S, name: 'S', cells }], names: [] }, 1);
    const tail = await engine.apply([{ kind: 'setCells', sheetId: S, row: 0, col: 0, values: [[100]] }], 2, {
      sheetId: S,
      row: 9_999,
      col: 0,
      rows: 1,
      cols: 1,
    });
    expect(tail.view?.values[0]).toBe(100 + 9_999);
  });

  it('refuses workbooks beyond the limits before the engine sees them', () => {
    const doc = (cells: unknown) => ({
      schemaVersion: 1,
      id: 'wb_x',
      meta: { name: 'x', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
      sheets: [{ id: 's', name: 'S', cells, columnWidths: [] }],
      names: [],
    });
    const tooWide = doc([new Array(LIMITS.maxColumnsPerSheet + 1).fill(1)]);
    const result = validateDocument(tooWide);
    expect(result.ok).toBe(false);
    const longCell = doc([['x'.repeat(LIMITS.maxCellTextLength + 1)]]);
    expect(validateDocument(longCell).ok).toBe(false);
  });

  it('refuses a value query larger than a viewport', async () => {
    const engine = createEngine();
    await engine.load({ sheets: [{ id: S, name: 'S', cells: [[1]] }], names: [] }, 1);
    await expect(
      engine.getValues({ sheetId: S, row: 0, col: 0, rows: 1_048_576, cols: 16_384 }),
    ).rejects.toThrow(/limited/);
  });
});
