// Edit planning: paste, copy, cut-and-paste moves, clearing and click-to-reference, as commands or
// refusals — and the moves and copies checked against HyperFormula's own moveCells and copy/paste.
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import {
  type RawCell,
  SCHEMA_VERSION,
  type ScenarioDocument,
  type SheetId,
  createSheet,
  getRaw,
} from '../../src/core/document';
import {
  type ClipboardBlock,
  MAX_PASTE_CELLS,
  MAX_PASTE_TEXT_LENGTH,
  cellTextProblem,
  insertReference,
  isOwnClipboard,
  planClear,
  planCopy,
  planMove,
  planPaste,
} from '../../src/core/edits';
import { LIMITS } from '../../src/core/schema';

const A = 'sh_a' as SheetId;
const B = 'sh_b' as SheetId;

function workbook(a: RawCell[][], b: RawCell[][] = []): ScenarioDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'wb_1' as ScenarioDocument['id'],
    meta: { name: 'Test', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
    sheets: [createSheet('Indata', a, A), createSheet('Beräkning', b, B)],
    names: [],
  };
}

const asText = (raw: RawCell) => (raw === null ? '' : String(raw));
const parse = (text: string): RawCell =>
  text === '' ? null : Number.isNaN(Number(text)) ? text : Number(text);

function copied(doc: ScenarioDocument, sheetId: SheetId, rect: ClipboardBlock['rect'], cut: boolean) {
  const sheet = doc.sheets.find((s) => s.id === sheetId)!;
  return planCopy(doc, sheetId, rect, cut, (r, c) => asText(getRaw(sheet, r, c))).block;
}

describe('planPaste', () => {
  it('reads tab-separated text cell by cell, padding short rows, and selects the written block', () => {
    const doc = workbook([]);
    const plan = planPaste(doc, A, { row: 1, col: 1 }, '1\t2\t3\nx\n', null, parse);
    expect(plan?.ok).toBe(true);
    if (!plan?.ok) return;
    expect(plan.value.label).toBe('paste');
    expect(plan.value.written).toEqual({ row: 1, col: 1, rowEnd: 2, colEnd: 3 });
    const after = applyCommand(doc, plan.value.command).doc;
    expect(after.sheets[0]!.cells[1]).toEqual([undefined, 1, 2, 3].map((v) => v ?? null));
    // Trailing empty cells are not stored.
    expect(after.sheets[0]!.cells[2]).toEqual([null, 'x']);
  });

  it('shifts relative references of formulas Bana copied itself, as Excel does', () => {
    const doc = workbook([[1, 2, '=A1+B1']]);
    const own = copied(doc, A, { row: 0, col: 2, rowEnd: 0, colEnd: 2 }, false);
    const plan = planPaste(doc, A, { row: 3, col: 3 }, own.text, own, parse);
    expect(plan?.ok && plan.value.command).toMatchObject({ type: 'setCells', values: [['=B4+C4']] });
  });

  it('refuses text over the size limit before parsing it, and blocks over the cell limit', () => {
    const doc = workbook([]);
    expect(planPaste(doc, A, { row: 0, col: 0 }, 'x'.repeat(MAX_PASTE_TEXT_LENGTH + 1), null, parse)).toEqual(
      {
        ok: false,
        problem: 'paste-too-large',
      },
    );
    const rows = Math.ceil((MAX_PASTE_CELLS + 1) / 2);
    const text = Array.from({ length: rows }, () => '1\t2').join('\n');
    expect(planPaste(doc, A, { row: 0, col: 0 }, text, null, parse)).toEqual({
      ok: false,
      problem: 'paste-too-large',
    });
  });

  it('refuses a block that would run off the sheet, and an over-long cell, changing nothing', () => {
    const doc = workbook([]);
    expect(planPaste(doc, A, { row: 1_048_575, col: 0 }, '1\n2', null, parse)).toEqual({
      ok: false,
      problem: 'paste-beyond-sheet',
    });
    const long = 'x'.repeat(LIMITS.maxCellTextLength + 1);
    expect(planPaste(doc, A, { row: 0, col: 0 }, long, null, parse)).toEqual({
      ok: false,
      problem: 'cell-too-long',
    });
    expect(cellTextProblem(long)).toBe('cell-too-long');
    expect(cellTextProblem('kort')).toBeNull();
  });

  it('has nothing to paste for empty text', () => {
    expect(planPaste(workbook([]), A, { row: 0, col: 0 }, '', null, parse)).toBeNull();
  });

  it('recognises its own clipboard whatever the line endings', () => {
    const doc = workbook([[1], [2]]);
    const own = copied(doc, A, { row: 0, col: 0, rowEnd: 1, colEnd: 0 }, false);
    expect(isOwnClipboard(own, `${own.text.replace(/\r\n/g, '\n')}\n`)).toBe(true);
    expect(isOwnClipboard(own, '1\n3')).toBe(false);
    expect(isOwnClipboard(null, own.text)).toBe(false);
  });
});

describe('planMove (cut and paste)', () => {
  it('clears the source, writes the block and redirects references from every sheet, as one command', () => {
    const doc = workbook([[5, '=A1*2'], ['=B1+1']], [['=Indata!A1+Indata!B1']]);
    const cut = copied(doc, A, { row: 0, col: 0, rowEnd: 0, colEnd: 1 }, true);
    const plan = planPaste(doc, A, { row: 4, col: 2 }, cut.text, cut, parse);
    expect(plan?.ok).toBe(true);
    if (!plan?.ok) return;
    expect(plan.value.label).toBe('cut-paste');
    const after = applyCommand(doc, plan.value.command).doc;
    const [indata, calc] = after.sheets;
    expect((indata!.cells[0] ?? []).every((v) => v === null)).toBe(true);
    expect(indata!.cells[4]?.slice(2)).toEqual([5, '=C5*2']);
    expect(indata!.cells[1]![0]).toBe('=D5+1');
    expect(calc!.cells[0]![0]).toBe('=Indata!C5+Indata!D5');
  });
});

describe('planClear', () => {
  it('clears only within the used area, and plans nothing for empty cells', () => {
    const doc = workbook([
      [1, 2],
      [3, 4],
    ]);
    const plan = planClear(doc, A, { row: 0, col: 1, rowEnd: 1_048_575, colEnd: 1 });
    expect(plan?.written).toEqual({ row: 0, col: 1, rowEnd: 1, colEnd: 1 });
    expect(plan?.command).toMatchObject({ values: [[null], [null]] });
    expect(planClear(doc, A, { row: 10, col: 10, rowEnd: 20, colEnd: 20 })).toBeNull();
    expect(planClear(workbook([[null, null]]), A, { row: 0, col: 0, rowEnd: 0, colEnd: 1 })).toBeNull();
  });
});

describe('planCopy', () => {
  it('gives TSV and an HTML table of the cells as shown, at least the first cell of an empty area', () => {
    const doc = workbook([
      [1, 'a'],
      [2, 'b'],
    ]);
    const out = planCopy(doc, A, { row: 0, col: 0, rowEnd: 5, colEnd: 5 }, false, (r, c) => `${r}:${c}`);
    expect(out.text).toBe('0:0\t0:1\r\n1:0\t1:1');
    expect(out.html).toContain('<table');
    expect(out.block.raws).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    const empty = planCopy(doc, A, { row: 9, col: 9, rowEnd: 12, colEnd: 12 }, false, () => '');
    expect(empty.block.rect).toEqual({ row: 9, col: 9, rowEnd: 9, colEnd: 9 });
  });
});

describe('insertReference (click-to-reference)', () => {
  const rect = { row: 2, col: 1, rowEnd: 2, colEnd: 1 };
  it('inserts after an operator or an opening bracket, and replaces the reference just inserted', () => {
    expect(insertReference('=1+', 3, rect)).toEqual({ text: '=1+B3', caret: 5 });
    expect(insertReference('=SUM(', 5, { row: 0, col: 0, rowEnd: 3, colEnd: 0 })).toEqual({
      text: '=SUM(A1:A4',
      caret: 10,
    });
    expect(insertReference('=1+A1', 5, rect)).toEqual({ text: '=1+B3', caret: 5 });
  });
  it('does nothing where a reference cannot go, or outside a formula', () => {
    expect(insertReference('=1', 2, rect)).toBeNull();
    expect(insertReference('text', 4, rect)).toBeNull();
  });
});

// ---- against HyperFormula ---------------------------------------------------------------------

const SIZE = 6;

function hyperFormula(doc: ScenarioDocument): HyperFormula {
  return HyperFormula.buildFromSheets(
    Object.fromEntries(doc.sheets.map((s) => [s.name, s.cells.map((row) => row.map((v) => v ?? null))])),
    { licenseKey: 'gpl-v3' },
  );
}

function allValues(hf: HyperFormula, doc: ScenarioDocument): unknown[][][] {
  return doc.sheets.map((s) => {
    const id = hf.getSheetId(s.name)!;
    return Array.from({ length: SIZE + 4 }, (_, row) =>
      Array.from({ length: SIZE + 4 }, (_, col) => {
        const value = hf.getCellValue({ sheet: id, row, col });
        return value && typeof value === 'object' ? (value as { type: string }).type : value;
      }),
    );
  });
}

/** A small workbook: numbers, and formulas over cells of both sheets (relative, absolute, ranges). */
const arbitraryWorkbook = fc
  .tuple(
    fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: SIZE, maxLength: SIZE }), {
      minLength: SIZE,
      maxLength: SIZE,
    }),
    fc.array(
      fc.record({
        sheet: fc.constantFrom(0, 1),
        row: fc.nat(SIZE - 1),
        col: fc.nat(SIZE - 1),
        refRow: fc.nat(SIZE - 1),
        refCol: fc.nat(SIZE - 1),
        kind: fc.constantFrom('rel', 'abs', 'range', 'other-sheet'),
      }),
      { maxLength: 8 },
    ),
  )
  .map(([numbers, formulas]) => {
    const a: RawCell[][] = numbers.map((row) => [...row]);
    const b: RawCell[][] = numbers.map((row) => row.map((v) => v * 10));
    const col = (c: number) => String.fromCharCode(65 + c);
    for (const f of formulas) {
      const ref = `${col(f.refCol)}${f.refRow + 1}`;
      const text =
        f.kind === 'rel'
          ? `=${ref}*2`
          : f.kind === 'abs'
            ? `=$${col(f.refCol)}$${f.refRow + 1}+1`
            : f.kind === 'range'
              ? `=SUM(A1:${ref})`
              : f.sheet === 0
                ? `='Beräkning'!${ref}-1`
                : `=Indata!${ref}-1`;
      // A formula never refers to its own cell (no cycles to compare).
      if (f.refRow === f.row && f.refCol === f.col) continue;
      (f.sheet === 0 ? a : b)[f.row]![f.col] = text;
    }
    return workbook(a, b);
  });

const arbitraryRect = fc
  .tuple(fc.nat(SIZE - 1), fc.nat(SIZE - 1), fc.nat(2), fc.nat(2))
  .map(([row, col, h, w]) => ({
    row,
    col,
    rowEnd: Math.min(SIZE - 1, row + h),
    colEnd: Math.min(SIZE - 1, col + w),
  }));

describe('edits against HyperFormula', () => {
  // Within one sheet. Across sheets HyperFormula 3.5's moveCells leaves a formula elsewhere pointing at
  // the old sheet (=C2*2 on Indata, C2 moved to Beräkning!A7, becomes =A7*2, not =Beräkning!A7*2 as in
  // Excel), so there the unit test above pins Excel's behaviour instead.
  it('a cut-and-paste move within a sheet computes what HyperFormula’s moveCells computes', () => {
    fc.assert(
      fc.property(
        arbitraryWorkbook,
        arbitraryRect,
        fc.nat(SIZE + 2),
        fc.nat(SIZE + 2),
        (doc, source, toRow, toCol) => {
          const toSheet = A;
          const cut = copied(doc, A, source, true);
          const target = {
            row: toRow,
            col: toCol,
            rowEnd: toRow + (cut.rect.rowEnd - cut.rect.row),
            colEnd: toCol + (cut.rect.colEnd - cut.rect.col),
          };
          const ours = hyperFormula(applyCommand(doc, planMove(doc, cut, toSheet, target).command).doc);
          const theirs = hyperFormula(doc);
          const from = theirs.getSheetId('Indata')!;
          const to = theirs.getSheetId(toSheet === A ? 'Indata' : 'Beräkning')!;
          theirs.moveCells(
            {
              start: { sheet: from, row: cut.rect.row, col: cut.rect.col },
              end: { sheet: from, row: cut.rect.rowEnd, col: cut.rect.colEnd },
            },
            { sheet: to, row: toRow, col: toCol },
          );
          expect(allValues(ours, doc)).toEqual(allValues(theirs, doc));
          ours.destroy();
          theirs.destroy();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('a copy and paste computes what HyperFormula’s copy and paste compute', () => {
    fc.assert(
      fc.property(
        arbitraryWorkbook,
        arbitraryRect,
        fc.nat(SIZE + 2),
        fc.nat(SIZE + 2),
        (doc, source, toRow, toCol) => {
          const own = copied(doc, A, source, false);
          const plan = planPaste(doc, A, { row: toRow, col: toCol }, own.text, own, parse);
          if (!plan?.ok) throw new Error('a small paste is never refused');
          const ours = hyperFormula(applyCommand(doc, plan.value.command).doc);
          const theirs = hyperFormula(doc);
          const sheet = theirs.getSheetId('Indata')!;
          theirs.copy({
            start: { sheet, row: own.rect.row, col: own.rect.col },
            end: { sheet, row: own.rect.rowEnd, col: own.rect.colEnd },
          });
          theirs.paste({ sheet, row: toRow, col: toCol });
          expect(allValues(ours, doc)).toEqual(allValues(theirs, doc));
          ours.destroy();
          theirs.destroy();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
