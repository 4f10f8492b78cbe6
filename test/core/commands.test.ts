// Commands: each applies purely, and its inverse gives back the document it was applied to.
import { describe, expect, it } from 'vitest';
import {
  type Command,
  CommandError,
  applyCommand,
  nextSheetName,
  sheetNameProblem,
} from '../../src/core/commands';
import { SCHEMA_VERSION, type ScenarioDocument, type SheetId, createSheet } from '../../src/core/document';
import { emptyHistory, record, takeRedo, takeUndo } from '../../src/core/history';

const A = 'sh_a' as SheetId;
const B = 'sh_b' as SheetId;

function doc(): ScenarioDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'wb_1' as ScenarioDocument['id'],
    meta: { name: 'Test', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
    sheets: [
      createSheet('Inputs', [[1, 2], ['=A1+B1']], A),
      createSheet('Klimatfond 2025', [['=Inputs!A1*2', "='Klimatfond 2025'!A1"]], B),
    ],
    names: [{ name: 'Rate', expression: '=Inputs!$B$1' }],
  };
}

function roundTrip(command: Command) {
  const before = doc();
  const frozen = structuredClone(before);
  const result = applyCommand(before, command);
  expect(before).toEqual(frozen); // pure: the input is untouched
  const undone = applyCommand(result.doc, result.inverse);
  expect(undone.doc).toEqual(before);
  const redone = applyCommand(undone.doc, undone.inverse);
  expect(redone.doc).toEqual(result.doc);
  return result;
}

describe('applyCommand', () => {
  it('sets a block of cells, growing the sheet, and reports the cell change', () => {
    const result = roundTrip({
      type: 'setCells',
      sheetId: A,
      row: 3,
      col: 1,
      values: [
        [5, null],
        ['x', '=B4'],
      ],
    });
    expect(result.doc.sheets[0]?.cells[3]).toEqual([null, 5]);
    expect(result.doc.sheets[0]?.cells[4]).toEqual([null, 'x', '=B4']);
    expect(result.changes).toEqual([
      {
        kind: 'cells',
        sheetId: A,
        row: 3,
        col: 1,
        values: [
          [5, null],
          ['x', '=B4'],
        ],
      },
    ]);
  });

  it('clearing trailing cells trims the sheet back, and undo restores them', () => {
    const result = roundTrip({ type: 'setCells', sheetId: A, row: 1, col: 0, values: [[null]] });
    expect(result.doc.sheets[0]?.cells).toEqual([[1, 2]]);
  });

  it('shares unchanged sheets and rows with the previous document', () => {
    const before = doc();
    const result = applyCommand(before, { type: 'setCells', sheetId: A, row: 1, col: 0, values: [[7]] });
    expect(result.doc.sheets[1]).toBe(before.sheets[1]);
    expect(result.doc.sheets[0]?.cells[0]).toBe(before.sheets[0]?.cells[0]);
  });

  it('renames a sheet and rewrites every formula and name that refers to it', () => {
    const result = roundTrip({ type: 'renameSheet', sheetId: A, name: 'Indata 2030' });
    expect(result.doc.sheets[0]?.name).toBe('Indata 2030');
    expect(result.doc.sheets[1]?.cells[0]?.[0]).toBe("='Indata 2030'!A1*2");
    expect(result.doc.names[0]?.expression).toBe("='Indata 2030'!$B$1");
    expect(result.changes).toEqual([{ kind: 'structure' }]);
  });

  it('adds, removes and moves sheets reversibly', () => {
    const added = roundTrip({ type: 'addSheet', sheet: createSheet('New', [], 'sh_c' as SheetId), index: 1 });
    expect(added.doc.sheets.map((s) => s.name)).toEqual(['Inputs', 'New', 'Klimatfond 2025']);
    const removed = roundTrip({ type: 'removeSheet', sheetId: A });
    expect(removed.doc.sheets.map((s) => s.id)).toEqual([B]);
    expect(removed.inverse).toMatchObject({ type: 'addSheet', index: 0 });
    const moved = roundTrip({ type: 'moveSheet', sheetId: A, index: 1 });
    expect(moved.doc.sheets.map((s) => s.id)).toEqual([B, A]);
  });

  it('sets, changes and removes named expressions reversibly', () => {
    expect(roundTrip({ type: 'setName', name: 'Target_2030', expression: 0.75 }).doc.names).toHaveLength(2);
    expect(roundTrip({ type: 'setName', name: 'rate', expression: 3 }).doc.names).toEqual([
      { name: 'rate', expression: 3 },
    ]);
    expect(roundTrip({ type: 'setName', name: 'Rate', expression: null }).doc.names).toEqual([]);
  });

  it('resizes a column and renames the workbook reversibly, without touching the engine', () => {
    const widened = roundTrip({ type: 'setColumnWidth', sheetId: A, col: 3, width: 180 });
    expect(widened.doc.sheets[0]?.columnWidths).toEqual([null, null, null, 180]);
    expect(widened.changes).toEqual([{ kind: 'presentation' }]);
    expect(roundTrip({ type: 'renameWorkbook', name: 'Ny' }).doc.meta.name).toBe('Ny');
  });

  it('applies a batch as one step with one inverse', () => {
    const result = roundTrip({
      type: 'batch',
      commands: [
        { type: 'setCells', sheetId: A, row: 0, col: 0, values: [[null, null]] },
        { type: 'setCells', sheetId: B, row: 2, col: 2, values: [[1, 2]] },
      ],
    });
    expect(result.changes).toHaveLength(2);
  });

  it('refuses what can never apply: the last sheet, duplicate names, unknown sheets', () => {
    const single = applyCommand(doc(), { type: 'removeSheet', sheetId: A }).doc;
    expect(() => applyCommand(single, { type: 'removeSheet', sheetId: B })).toThrow(CommandError);
    expect(() => applyCommand(doc(), { type: 'renameSheet', sheetId: A, name: 'klimatfond 2025' })).toThrow(
      CommandError,
    );
    expect(() =>
      applyCommand(doc(), { type: 'setCells', sheetId: 'x' as SheetId, row: 0, col: 0, values: [[1]] }),
    ).toThrow(CommandError);
  });
});

describe('sheet names', () => {
  it('explains why a name cannot be used', () => {
    expect(sheetNameProblem(doc(), '  ')).toBe('empty');
    expect(sheetNameProblem(doc(), 'a/b')).toBe('invalid-char');
    expect(sheetNameProblem(doc(), "'quoted'")).toBe('invalid-char');
    expect(sheetNameProblem(doc(), 'INPUTS')).toBe('duplicate');
    expect(sheetNameProblem(doc(), 'Inputs', A)).toBeNull();
    expect(sheetNameProblem(doc(), 'x'.repeat(101))).toBe('too-long');
  });

  it('proposes the next free name', () => {
    expect(nextSheetName(doc(), 'Sheet')).toBe('Sheet3');
  });
});

describe('history', () => {
  it('undoes and redoes in order, and a new entry clears redo', () => {
    const entry = (label: string) => ({
      label,
      command: { type: 'renameWorkbook', name: label } as Command,
      inverse: { type: 'renameWorkbook', name: 'x' } as Command,
    });
    let h = record(record(emptyHistory(), entry('a')), entry('b'));
    const u = takeUndo(h);
    expect(u?.entry.label).toBe('b');
    h = u!.history;
    expect(takeRedo(h)?.entry.label).toBe('b');
    h = record(h, entry('c'));
    expect(h.redo).toHaveLength(0);
    expect(h.undo.map((e) => e.label)).toEqual(['a', 'c']);
    expect(takeUndo(emptyHistory())).toBeNull();
  });
});
