import { describe, expect, it } from 'vitest';
import {
  columnIndex,
  columnLabel,
  formatAddress,
  formatRange,
  MAX_COLS,
  MAX_ROWS,
  parseReference,
  quoteSheetName,
  unquoteSheetName,
} from '../../src/core/address';

describe('columnLabel', () => {
  it('labels columns like Excel', () => {
    expect(columnLabel(0)).toBe('A');
    expect(columnLabel(25)).toBe('Z');
    expect(columnLabel(26)).toBe('AA');
    expect(columnLabel(51)).toBe('AZ');
    expect(columnLabel(52)).toBe('BA');
    expect(columnLabel(701)).toBe('ZZ');
    expect(columnLabel(702)).toBe('AAA');
    expect(columnLabel(MAX_COLS - 1)).toBe('XFD');
  });

  it('is the inverse of columnIndex for every column of the grid', () => {
    for (let col = 0; col < MAX_COLS; col++) {
      if (columnIndex(columnLabel(col)) !== col) throw new Error(`column ${col} does not round-trip`);
    }
  });
});

describe('columnIndex', () => {
  it('reads labels case-insensitively', () => {
    expect(columnIndex('A')).toBe(0);
    expect(columnIndex('z')).toBe(25);
    expect(columnIndex('aA')).toBe(26);
    expect(columnIndex('XFD')).toBe(16383);
    expect(columnIndex('xfd')).toBe(16383);
  });

  it('returns -1 for anything that is not a column of the grid', () => {
    for (const bad of ['', 'A1', '1', 'XFE', 'ZZZ', 'ABCD', 'Å', ' A', '$A', 'A-']) {
      expect(columnIndex(bad), bad).toBe(-1);
    }
  });
});

describe('formatAddress', () => {
  it('writes 0-based coordinates as A1 addresses', () => {
    expect(formatAddress(0, 0)).toBe('A1');
    expect(formatAddress(39, 7)).toBe('H40');
    expect(formatAddress(MAX_ROWS - 1, MAX_COLS - 1)).toBe('XFD1048576');
  });
});

describe('formatRange', () => {
  it('writes a single cell as one address', () => {
    expect(formatRange({ row: 2, col: 1, rowEnd: 2, colEnd: 1 })).toBe('B3');
  });

  it('writes a block as top-left:bottom-right', () => {
    expect(formatRange({ row: 0, col: 0, rowEnd: 2, colEnd: 2 })).toBe('A1:C3');
  });

  it('normalises a rectangle given corner to corner in any direction', () => {
    expect(formatRange({ row: 2, col: 2, rowEnd: 0, colEnd: 0 })).toBe('A1:C3');
  });

  it('writes whole columns and whole rows the way Excel does', () => {
    expect(formatRange({ row: 0, col: 0, rowEnd: MAX_ROWS - 1, colEnd: 2 })).toBe('A:C');
    expect(formatRange({ row: 0, col: 3, rowEnd: MAX_ROWS - 1, colEnd: 3 })).toBe('D:D');
    expect(formatRange({ row: 2, col: 0, rowEnd: 4, colEnd: MAX_COLS - 1 })).toBe('3:5');
  });
});

describe('quoteSheetName', () => {
  it('leaves plain identifiers, Swedish letters included, unquoted', () => {
    for (const name of ['Sheet1', 'Klimatfond', 'Åtgärder_2030', 'utsläpp', '_data', 'ÖVERSIKT']) {
      expect(quoteSheetName(name), name).toBe(name);
    }
  });

  it('quotes names with spaces, punctuation or a leading digit', () => {
    expect(quoteSheetName('Klimatfond 2025')).toBe("'Klimatfond 2025'");
    expect(quoteSheetName('2025')).toBe("'2025'");
    expect(quoteSheetName('1a')).toBe("'1a'");
    expect(quoteSheetName('a-b')).toBe("'a-b'");
    expect(quoteSheetName('a.b')).toBe("'a.b'");
    expect(quoteSheetName('')).toBe("''");
  });

  it('quotes names that look like a cell address, an R1C1 address or a boolean', () => {
    expect(quoteSheetName('A1')).toBe("'A1'");
    expect(quoteSheetName('Q4')).toBe("'Q4'");
    expect(quoteSheetName('xfd100')).toBe("'xfd100'");
    expect(quoteSheetName('R1C1')).toBe("'R1C1'");
    expect(quoteSheetName('TRUE')).toBe("'TRUE'");
  });

  it('does not mistake longer names ending in digits for addresses', () => {
    expect(quoteSheetName('Scenario2030')).toBe('Scenario2030');
    expect(quoteSheetName('Year2030')).toBe('Year2030');
  });

  it('doubles quotes inside the name', () => {
    expect(quoteSheetName("Anna's")).toBe("'Anna''s'");
  });

  it('is undone by unquoteSheetName', () => {
    for (const name of ["Anna's", 'Klimatfond 2025', "''", 'Sheet1']) {
      expect(unquoteSheetName(quoteSheetName(name))).toBe(name);
    }
  });
});

describe('parseReference', () => {
  it('reads a single cell in any case and with $ markers', () => {
    const h40 = { row: 39, col: 7, rowEnd: 39, colEnd: 7 };
    expect(parseReference('H40')).toEqual(h40);
    expect(parseReference('h40')).toEqual(h40);
    expect(parseReference('$H$40')).toEqual(h40);
    expect(parseReference('H$40')).toEqual(h40);
  });

  it('ignores whitespace around the reference', () => {
    expect(parseReference('  B2 \t')).toEqual({ row: 1, col: 1, rowEnd: 1, colEnd: 1 });
  });

  it('reads a range and normalises its corners', () => {
    expect(parseReference('A1:C5')).toEqual({ row: 0, col: 0, rowEnd: 4, colEnd: 2 });
    expect(parseReference('C5:A1')).toEqual({ row: 0, col: 0, rowEnd: 4, colEnd: 2 });
    expect(parseReference('C1:A5')).toEqual({ row: 0, col: 0, rowEnd: 4, colEnd: 2 });
  });

  it('reads a sheet-qualified cell or range', () => {
    expect(parseReference('Sheet2!B3')).toEqual({ sheet: 'Sheet2', row: 2, col: 1, rowEnd: 2, colEnd: 1 });
    expect(parseReference("'Klimatfond 2025'!B3:C4")).toEqual({
      sheet: 'Klimatfond 2025',
      row: 2,
      col: 1,
      rowEnd: 3,
      colEnd: 2,
    });
    expect(parseReference("'Anna''s'!A1")).toMatchObject({ sheet: "Anna's" });
    expect(parseReference('Utsläpp!A1')).toMatchObject({ sheet: 'Utsläpp' });
  });

  it('reads whole columns and whole rows', () => {
    expect(parseReference('A:C')).toEqual({ row: 0, col: 0, rowEnd: MAX_ROWS - 1, colEnd: 2 });
    expect(parseReference('3:5')).toEqual({ row: 2, col: 0, rowEnd: 4, colEnd: MAX_COLS - 1 });
  });

  it('reads the last cell of the grid but nothing beyond it', () => {
    expect(parseReference('XFD1048576')).toEqual({
      row: MAX_ROWS - 1,
      col: MAX_COLS - 1,
      rowEnd: MAX_ROWS - 1,
      colEnd: MAX_COLS - 1,
    });
    expect(parseReference('XFE1')).toBeNull();
    expect(parseReference('A1048577')).toBeNull();
    expect(parseReference('A0')).toBeNull();
    expect(parseReference('A1:A1048577')).toBeNull();
  });

  it('returns null for malformed text and for names', () => {
    for (const bad of [
      '',
      '   ',
      'A',
      '1',
      'A1:',
      ':A1',
      'A1:B2:C3',
      'A1B2',
      'Target_2030',
      'Sheet 2!A1',
      "''!A1",
      "'Open!A1",
      'Sheet1!',
      'A:1',
      '1:A',
      'A1:C',
      '$$A1',
    ]) {
      expect(parseReference(bad), bad).toBeNull();
    }
  });
});
