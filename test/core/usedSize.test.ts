// The used area of a sheet: computed by a scan, and handed on by setCells without one. A carried size
// must always equal a fresh scan of the same cells, whatever the edits (grow, shrink, clear, '' text).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import {
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  type SheetId,
  createSheet,
  rowWidth,
  usedSize,
} from '../../src/core/document';

const S = 'sh_s' as SheetId;

function docWith(cells: RawCell[][]): ScenarioDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'wb_used' as ScenarioDocument['id'],
    meta: { name: 'u', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
    sheets: [createSheet('S', cells, S)],
    names: [],
  };
}

/** A scan of a copy: a fresh array has no remembered size. */
function scanned(cells: RawCell[][]) {
  return usedSize(
    createSheet(
      'copy',
      cells.map((row) => [...row]),
    ),
  );
}

describe('usedSize', () => {
  it('is one past the last non-empty row and column, ignoring empty text and trailing nulls', () => {
    expect(usedSize(createSheet('a', []))).toEqual({ rows: 0, cols: 0 });
    expect(usedSize(createSheet('a', [[], [null, 'x'], [1, null, ''], []]))).toEqual({ rows: 3, cols: 2 });
    expect(rowWidth([1, '', null])).toBe(1);
  });

  it('follows a clear of the last row and of the widest cell', () => {
    let doc = docWith([[1, 2, 3], [4], [5]]);
    expect(usedSize(doc.sheets[0] as never)).toEqual({ rows: 3, cols: 3 });
    doc = applyCommand(doc, { type: 'setCells', sheetId: S, row: 2, col: 0, values: [[null]] }).doc;
    expect(usedSize(doc.sheets[0] as never)).toEqual({ rows: 2, cols: 3 });
    doc = applyCommand(doc, { type: 'setCells', sheetId: S, row: 0, col: 2, values: [['']] }).doc;
    expect(usedSize(doc.sheets[0] as never)).toEqual({ rows: 2, cols: 2 });
    doc = applyCommand(doc, { type: 'setCells', sheetId: S, row: 9, col: 5, values: [['far']] }).doc;
    expect(usedSize(doc.sheets[0] as never)).toEqual({ rows: 10, cols: 6 });
  });

  it('after any sequence of setCells equals a fresh scan', () => {
    const value = fc.oneof(fc.constant(null), fc.constant(''), fc.integer(), fc.constant('=A1'));
    const edit = fc.record({
      row: fc.integer({ min: 0, max: 8 }),
      col: fc.integer({ min: 0, max: 6 }),
      values: fc.array(fc.array(value, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 30 }), (edits) => {
        let doc = docWith([[1, 2], [], [null, null, 3]]);
        usedSize(doc.sheets[0] as never);
        for (const e of edits) {
          doc = applyCommand(doc, { type: 'setCells', sheetId: S, ...e }).doc;
          const sheet = doc.sheets[0] as ReturnType<typeof createSheet>;
          expect(usedSize(sheet)).toEqual(scanned(sheet.cells));
        }
      }),
      { numRuns: 300 },
    );
  });
});
