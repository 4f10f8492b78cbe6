// The replaceContent command (restoring a saved version): one step that swaps sheets, names and the
// workbook name, whose inverse gives back exactly what was there.
import { describe, expect, it } from 'vitest';
import { CommandError, applyCommand } from '../../src/core/commands';
import { SCHEMA_VERSION, type ScenarioDocument, type SheetId, createSheet } from '../../src/core/document';
import { emptyHistory, record, takeUndo } from '../../src/core/history';

function doc(): ScenarioDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'wb_1' as ScenarioDocument['id'],
    meta: { name: 'Nu', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z' },
    sheets: [createSheet('Indata', [[1, 2]], 'sh_a' as SheetId), createSheet('Extra', [], 'sh_x' as SheetId)],
    names: [{ name: 'Rate', expression: '=Indata!$B$1' }],
  };
}

describe('replaceContent', () => {
  const saved = {
    name: 'Före remiss',
    // The same sheet name as a current sheet, and fewer sheets: no batch of add/remove could do this.
    sheets: [createSheet('Indata', [[5, 6], ['=A1+B1']], 'sh_a' as SheetId)],
    names: [{ name: 'Rate', expression: 0.5 }],
  };

  it('replaces sheets, names and the workbook name, keeping id and timestamps, as a structure change', () => {
    const before = doc();
    const frozen = structuredClone(before);
    const result = applyCommand(before, { type: 'replaceContent', ...saved });
    expect(before).toEqual(frozen);
    expect(result.doc).toEqual({
      ...before,
      meta: { ...before.meta, name: 'Före remiss' },
      ...{ sheets: saved.sheets, names: saved.names },
    });
    expect(result.changes).toEqual([{ kind: 'structure' }]);
  });

  it('is undone by its inverse, and the undo history holds it as one step', () => {
    const before = doc();
    const command = { type: 'replaceContent' as const, ...saved };
    const result = applyCommand(before, command);
    expect(applyCommand(result.doc, result.inverse).doc).toEqual(before);
    const history = record(emptyHistory<null>(), {
      label: 'restore-version',
      command,
      inverse: result.inverse,
      context: null,
    });
    const taken = takeUndo(history);
    expect(taken?.entry.label).toBe('restore-version');
    expect(applyCommand(result.doc, taken!.entry.inverse).doc).toEqual(before);
  });

  it('refuses to leave a workbook without sheets', () => {
    expect(() => applyCommand(doc(), { type: 'replaceContent', name: 'x', sheets: [], names: [] })).toThrow(
      CommandError,
    );
  });
});
