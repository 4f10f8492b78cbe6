import { describe, expect, it } from 'vitest';
import type { CellRect, Selection } from '../../../src/core/grid';
import {
  cellSelection,
  columnSelection,
  dataEdge,
  moveSelection,
  type NavContext,
  type NavKey,
  rowSelection,
  scanUsedRange,
  selectAll,
  selectionRect,
} from '../../../src/ui/grid/navigation';

/** A sheet drawn as text: '#' is a filled cell, '.' an empty one; the grid is rows × cols. */
function sheet(picture: string[], rows = 100, cols = 20, pageRows = 10): NavContext {
  const filled = new Set<string>();
  picture.forEach((line, r) => {
    [...line].forEach((ch, c) => {
      if (ch === '#') filled.add(`${r},${c}`);
    });
  });
  const isEmpty = (r: number, c: number) => !filled.has(`${r},${c}`);
  return {
    rowCount: rows,
    colCount: cols,
    pageRows,
    pageCols: 5,
    isEmpty,
    usedRange: () => scanUsedRange(rows, cols, isEmpty),
  };
}

const none = { shift: false, ctrl: false, alt: false };
const shift = { shift: true, ctrl: false, alt: false };
const ctrl = { shift: false, ctrl: true, alt: false };
const ctrlShift = { shift: true, ctrl: true, alt: false };

function move(sel: Selection, key: NavKey, mods = none, ctx = sheet([])) {
  return moveSelection(sel, key, mods, ctx);
}

describe('moveSelection: arrows', () => {
  it('moves the active cell one step and collapses the selection', () => {
    const sel: Selection = { active: { row: 2, col: 2 }, extent: { row: 4, col: 4 } };
    expect(move(sel, 'ArrowDown')).toEqual(cellSelection(3, 2));
    expect(move(sel, 'ArrowUp')).toEqual(cellSelection(1, 2));
    expect(move(sel, 'ArrowLeft')).toEqual(cellSelection(2, 1));
    expect(move(sel, 'ArrowRight')).toEqual(cellSelection(2, 3));
  });

  it('stops at the sheet edges', () => {
    expect(move(cellSelection(0, 0), 'ArrowUp')).toEqual(cellSelection(0, 0));
    expect(move(cellSelection(0, 0), 'ArrowLeft')).toEqual(cellSelection(0, 0));
    expect(move(cellSelection(99, 19), 'ArrowDown')).toEqual(cellSelection(99, 19));
    expect(move(cellSelection(99, 19), 'ArrowRight')).toEqual(cellSelection(99, 19));
  });

  it('extends the opposite corner with Shift, keeping the active cell', () => {
    const sel = move(cellSelection(5, 5), 'ArrowDown', shift);
    expect(sel).toEqual({ active: { row: 5, col: 5 }, extent: { row: 6, col: 5 } });
    const back = move(sel as Selection, 'ArrowUp', shift);
    const up = move(back as Selection, 'ArrowUp', shift);
    expect(up).toEqual({ active: { row: 5, col: 5 }, extent: { row: 4, col: 5 } });
    expect(selectionRect(up as Selection)).toEqual({ row: 4, col: 5, rowEnd: 5, colEnd: 5 });
  });
});

describe('dataEdge (Ctrl+arrow)', () => {
  //            col 0123456
  const ctx = sheet([
    '#######', // row 0: a filled block across columns 0..6
    '#......',
    '#..#...',
    '.......',
    '#......', // row 4
    '#......',
  ]);

  it('inside a filled block, goes to the last filled cell before a blank', () => {
    expect(dataEdge({ row: 0, col: 0 }, 0, 1, ctx)).toEqual({ row: 0, col: 6 });
    expect(dataEdge({ row: 0, col: 0 }, 1, 0, ctx)).toEqual({ row: 2, col: 0 });
    expect(dataEdge({ row: 5, col: 0 }, -1, 0, ctx)).toEqual({ row: 4, col: 0 });
  });

  it('from the end of a block (or a blank), goes to the next filled cell', () => {
    expect(dataEdge({ row: 2, col: 0 }, 1, 0, ctx)).toEqual({ row: 4, col: 0 });
    expect(dataEdge({ row: 2, col: 0 }, 0, 1, ctx)).toEqual({ row: 2, col: 3 });
    expect(dataEdge({ row: 3, col: 0 }, 1, 0, ctx)).toEqual({ row: 4, col: 0 });
    expect(dataEdge({ row: 4, col: 0 }, -1, 0, ctx)).toEqual({ row: 2, col: 0 });
    expect(dataEdge({ row: 50, col: 3 }, -1, 0, ctx)).toEqual({ row: 2, col: 3 });
    expect(dataEdge({ row: 2, col: 19 }, 0, -1, ctx)).toEqual({ row: 2, col: 3 });
  });

  it('with nothing further, goes to the sheet edge', () => {
    expect(dataEdge({ row: 5, col: 0 }, 1, 0, ctx)).toEqual({ row: 99, col: 0 });
    expect(dataEdge({ row: 0, col: 6 }, 0, 1, ctx)).toEqual({ row: 0, col: 19 });
    expect(dataEdge({ row: 1, col: 0 }, 0, 1, ctx)).toEqual({ row: 1, col: 19 });
    expect(dataEdge({ row: 10, col: 10 }, -1, 0, ctx)).toEqual({ row: 0, col: 10 });
    expect(dataEdge({ row: 3, col: 4 }, 0, -1, ctx)).toEqual({ row: 3, col: 0 });
  });

  it('stays put at the sheet edge', () => {
    expect(dataEdge({ row: 0, col: 3 }, -1, 0, ctx)).toEqual({ row: 0, col: 3 });
    expect(dataEdge({ row: 99, col: 0 }, 1, 0, ctx)).toEqual({ row: 99, col: 0 });
  });

  it('jumps over a million empty rows without reading them', () => {
    let reads = 0;
    const big: NavContext = {
      rowCount: 1_048_576,
      colCount: 16_384,
      pageRows: 20,
      pageCols: 5,
      isEmpty: (r, c) => {
        reads++;
        return !(r === 0 && c === 0);
      },
      usedRange: () => ({ row: 0, col: 0, rowEnd: 0, colEnd: 0 }),
    };
    expect(dataEdge({ row: 0, col: 0 }, 1, 0, big)).toEqual({ row: 1_048_575, col: 0 });
    expect(dataEdge({ row: 1_048_575, col: 0 }, -1, 0, big)).toEqual({ row: 0, col: 0 });
    expect(dataEdge({ row: 500, col: 700 }, -1, 0, big)).toEqual({ row: 0, col: 700 });
    expect(reads).toBeLessThan(10);
  });

  it('goes to the edge on an empty sheet', () => {
    expect(dataEdge({ row: 5, col: 5 }, 1, 0, sheet([]))).toEqual({ row: 99, col: 5 });
  });
});

describe('moveSelection: Ctrl and Ctrl+Shift arrows', () => {
  const ctx = sheet(['###', '###', '...', '#..']);

  it('Ctrl+arrow collapses at the data edge', () => {
    expect(move(cellSelection(0, 0), 'ArrowDown', ctrl, ctx)).toEqual(cellSelection(1, 0));
    expect(move(cellSelection(0, 0), 'ArrowRight', ctrl, ctx)).toEqual(cellSelection(0, 2));
  });

  it('Ctrl+Shift+arrow extends the extent to the data edge', () => {
    const a = move(cellSelection(0, 0), 'ArrowRight', ctrlShift, ctx) as Selection;
    const b = move(a, 'ArrowDown', ctrlShift, ctx) as Selection;
    expect(b).toEqual({ active: { row: 0, col: 0 }, extent: { row: 1, col: 2 } });
    const c = move(b, 'ArrowDown', ctrlShift, ctx) as Selection;
    expect(c.extent).toEqual({ row: 99, col: 2 });
  });
});

describe('moveSelection: Home, End, PageUp, PageDown', () => {
  const ctx = sheet(['#.....', '......', '...#..', '.#....'], 100, 20, 10);

  it('Home goes to the row start, Ctrl+Home to A1', () => {
    expect(move(cellSelection(7, 9), 'Home', none, ctx)).toEqual(cellSelection(7, 0));
    expect(move(cellSelection(7, 9), 'Home', ctrl, ctx)).toEqual(cellSelection(0, 0));
    expect(move(cellSelection(7, 9), 'Home', shift, ctx)).toEqual({
      active: { row: 7, col: 9 },
      extent: { row: 7, col: 0 },
    });
    expect(move(cellSelection(7, 9), 'Home', ctrlShift, ctx)?.extent).toEqual({ row: 0, col: 0 });
  });

  it('Ctrl+End goes to the last used row and column', () => {
    expect(move(cellSelection(0, 0), 'End', ctrl, ctx)).toEqual(cellSelection(3, 3));
    expect(move(cellSelection(1, 1), 'End', ctrlShift, ctx)).toEqual({
      active: { row: 1, col: 1 },
      extent: { row: 3, col: 3 },
    });
    expect(move(cellSelection(5, 5), 'End', ctrl, sheet([]))).toEqual(cellSelection(0, 0));
  });

  it('End alone is not a grid move', () => {
    expect(move(cellSelection(0, 0), 'End', none, ctx)).toBeNull();
  });

  it('PageDown/PageUp move by a page of rows, clamped; Shift extends', () => {
    expect(move(cellSelection(3, 2), 'PageDown', none, ctx)).toEqual(cellSelection(13, 2));
    expect(move(cellSelection(95, 2), 'PageDown', none, ctx)).toEqual(cellSelection(99, 2));
    expect(move(cellSelection(3, 2), 'PageUp', none, ctx)).toEqual(cellSelection(0, 2));
    expect(move(cellSelection(3, 2), 'PageDown', shift, ctx)).toEqual({
      active: { row: 3, col: 2 },
      extent: { row: 13, col: 2 },
    });
  });

  it('Alt+PageDown moves by a page of columns; Ctrl+PageDown is left to the app', () => {
    expect(move(cellSelection(3, 2), 'PageDown', { shift: false, ctrl: false, alt: true }, ctx)).toEqual(
      cellSelection(3, 7),
    );
    expect(move(cellSelection(3, 2), 'PageDown', ctrl, ctx)).toBeNull();
  });
});

describe('moveSelection: Tab and Enter', () => {
  it('move right/left and down/up from a single cell', () => {
    expect(move(cellSelection(3, 3), 'Tab')).toEqual(cellSelection(3, 4));
    expect(move(cellSelection(3, 3), 'Tab', shift)).toEqual(cellSelection(3, 2));
    expect(move(cellSelection(3, 3), 'Enter')).toEqual(cellSelection(4, 3));
    expect(move(cellSelection(3, 3), 'Enter', shift)).toEqual(cellSelection(2, 3));
    expect(move(cellSelection(0, 0), 'Tab', shift)).toEqual(cellSelection(0, 0));
  });

  it('cycle inside a multi-cell selection, keeping it', () => {
    const rect: CellRect = { row: 1, col: 1, rowEnd: 2, colEnd: 2 };
    let sel: Selection = { active: { row: 1, col: 1 }, extent: { row: 2, col: 2 } };
    const visited: string[] = [];
    for (let i = 0; i < 5; i++) {
      sel = move(sel, 'Tab') as Selection;
      visited.push(`${sel.active.row},${sel.active.col}`);
      expect(selectionRect(sel)).toEqual(rect);
    }
    expect(visited).toEqual(['1,2', '2,1', '2,2', '1,1', '1,2']);

    sel = { active: { row: 1, col: 1 }, extent: { row: 2, col: 2 } };
    const down: string[] = [];
    for (let i = 0; i < 4; i++) {
      sel = move(sel, 'Enter') as Selection;
      down.push(`${sel.active.row},${sel.active.col}`);
    }
    expect(down).toEqual(['2,1', '1,2', '2,2', '1,1']);

    const back = move({ active: { row: 1, col: 1 }, extent: { row: 2, col: 2 } }, 'Tab', shift) as Selection;
    expect(back.active).toEqual({ row: 2, col: 2 });
    const up = move({ active: { row: 1, col: 1 }, extent: { row: 2, col: 2 } }, 'Enter', shift) as Selection;
    expect(up.active).toEqual({ row: 2, col: 2 });
  });

  it('an arrow after cycling collapses to a plain selection', () => {
    const cycled = move({ active: { row: 1, col: 1 }, extent: { row: 2, col: 2 } }, 'Tab') as Selection;
    const after = move(cycled, 'ArrowDown') as Selection;
    expect(after).toEqual(cellSelection(2, 2));
    expect(after.range).toBeUndefined();
  });
});

describe('selectAll', () => {
  const ctx = sheet(['.#', '..', '.##'], 50, 10);

  it('selects the used area first, then the whole grid', () => {
    const first = selectAll(cellSelection(0, 0), ctx);
    expect(selectionRect(first)).toEqual({ row: 0, col: 1, rowEnd: 2, colEnd: 2 });
    const second = selectAll(first, ctx);
    expect(selectionRect(second)).toEqual({ row: 0, col: 0, rowEnd: 49, colEnd: 9 });
  });

  it('selects the whole grid on an empty sheet', () => {
    expect(selectionRect(selectAll(cellSelection(3, 3), sheet([], 5, 5)))).toEqual({
      row: 0,
      col: 0,
      rowEnd: 4,
      colEnd: 4,
    });
  });
});

describe('scanUsedRange', () => {
  it('finds the bounding box of non-empty cells', () => {
    const ctx = sheet(['....', '..#.', '.#..', '....']);
    expect(ctx.usedRange()).toEqual({ row: 1, col: 1, rowEnd: 2, colEnd: 2 });
    expect(sheet([]).usedRange()).toBeNull();
  });
});

describe('column and row selections', () => {
  it('span whole columns or rows', () => {
    expect(selectionRect(columnSelection(3, 1, 100))).toEqual({ row: 0, col: 1, rowEnd: 99, colEnd: 3 });
    expect(selectionRect(rowSelection(4, 6, 20))).toEqual({ row: 4, col: 0, rowEnd: 6, colEnd: 19 });
  });
});

describe('scanUsedRange budget', () => {
  it('reads at most the budget of cells', () => {
    let reads = 0;
    const found = scanUsedRange(
      1_048_576,
      16_384,
      (r, c) => {
        reads++;
        return !(r === 2 && c === 3);
      },
      100_000,
    );
    expect(found).toEqual({ row: 2, col: 3, rowEnd: 2, colEnd: 3 });
    expect(reads).toBeLessThanOrEqual(300_000);
  });
});

describe('dataEdge with loose dataBounds', () => {
  it('scans the line when the bounds are the whole grid', () => {
    const ctx = sheet(['#', '#', '.', '.', '#']);
    const loose: NavContext = { ...ctx, dataBounds: () => ({ row: 0, col: 0, rowEnd: 99, colEnd: 19 }) };
    expect(dataEdge({ row: 0, col: 0 }, 1, 0, loose)).toEqual({ row: 1, col: 0 });
    expect(dataEdge({ row: 1, col: 0 }, 1, 0, loose)).toEqual({ row: 4, col: 0 });
    expect(dataEdge({ row: 4, col: 0 }, 1, 0, loose)).toEqual({ row: 99, col: 0 });
  });
});
