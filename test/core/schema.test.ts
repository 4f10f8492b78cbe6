import { describe, expect, it } from 'vitest';
import { createDocument, SCHEMA_VERSION, type ScenarioDocument } from '../../src/core/document';
import { isValidName, LIMITS, validateDocument } from '../../src/core/schema';

/** The element at `index`, failing the test when it is missing. */
function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no element at ${index}`);
  return item;
}

function validDoc(): ScenarioDocument {
  const doc = createDocument('Test', 'Sheet1', new Date('2026-01-01T00:00:00Z'));
  at(doc.sheets, 0).cells = [['År', 2030, true, null, '=A1']];
  doc.names = [{ name: 'Mål_2030', expression: 0.75 }];
  return doc;
}

/** A mutable, loosely typed copy to break in tests. */
// biome-ignore lint/suspicious/noExplicitAny: tests break documents in arbitrary ways.
function loose(doc: ScenarioDocument = validDoc()): any {
  return structuredClone(doc);
}

function reasonOf(input: unknown): string {
  const result = validateDocument(input);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.reason;
}

describe('validateDocument', () => {
  it('accepts a valid document and returns an equal, fresh copy', () => {
    const doc = validDoc();
    const result = validateDocument(doc);
    expect(result).toEqual({ ok: true, value: doc });
    if (!result.ok) return;
    expect(result.value).not.toBe(doc);
    expect(at(result.value.sheets, 0).cells).not.toBe(at(doc.sheets, 0).cells);
    expect(at(result.value.sheets, 0).cells[0]).not.toBe(at(doc.sheets, 0).cells[0]);
  });

  it('names the exact cell that has a wrong type', () => {
    const doc = loose();
    doc.sheets.push({ id: 'sh_2', name: 'Two', cells: [[], [], [], [1, 2, { x: 1 }]], columnWidths: [] });
    expect(reasonOf(doc)).toBe('sheets[1].cells[3][2]: expected a number, text, boolean or empty');
  });

  it('refuses non-finite numbers in cells', () => {
    const doc = loose();
    doc.sheets[0].cells[0][1] = Number.NaN;
    expect(reasonOf(doc)).toBe('sheets[0].cells[0][1]: expected a finite number');
    doc.sheets[0].cells[0][1] = Number.POSITIVE_INFINITY;
    expect(reasonOf(doc)).toBe('sheets[0].cells[0][1]: expected a finite number');
  });

  it('reads holes and undefined in sparse rows as empty cells', () => {
    const doc = loose();
    const row: unknown[] = [];
    row[3] = 'x';
    doc.sheets[0].cells = [row, undefined, [undefined, 1]];
    const result = validateDocument(doc);
    expect(result.ok && at(result.value.sheets, 0).cells).toEqual([[null, null, null, 'x'], [], [null, 1]]);
  });

  it('refuses the wrong top-level shapes', () => {
    expect(reasonOf(null)).toBe('document: expected an object');
    expect(reasonOf([])).toBe('document: expected an object');
    expect(reasonOf('text')).toBe('document: expected an object');
    expect(reasonOf({ ...loose(), schemaVersion: SCHEMA_VERSION + 1 })).toBe(
      `schemaVersion: expected ${SCHEMA_VERSION}, found ${SCHEMA_VERSION + 1}`,
    );
    expect(reasonOf({ ...loose(), id: 42 })).toBe('id: expected text');
    expect(reasonOf({ ...loose(), meta: [] })).toBe('meta: expected an object');
    expect(reasonOf({ ...loose(), sheets: {} })).toBe('sheets: expected a list');
    expect(reasonOf({ ...loose(), sheets: [] })).toBe('sheets: a workbook needs at least one sheet');
    expect(reasonOf({ ...loose(), names: 'x' })).toBe('names: expected a list');
  });

  it('checks meta fields', () => {
    const doc = loose();
    doc.meta.createdAt = 'yesterday';
    expect(reasonOf(doc)).toBe('meta.createdAt: expected an ISO 8601 date and time');
    doc.meta.createdAt = '2026-01-01T00:00:00Z';
    doc.meta.source = 12;
    expect(reasonOf(doc)).toBe('meta.source: expected text');
  });

  it('checks sheet names: empty, too long, forbidden characters, duplicates in any case', () => {
    const withName = (name: unknown) => {
      const doc = loose();
      doc.sheets[0].name = name;
      return reasonOf(doc);
    };
    expect(withName('')).toBe('sheets[0].name: must not be empty');
    expect(withName('  ')).toBe('sheets[0].name: must not be empty');
    expect(withName('x'.repeat(101))).toBe('sheets[0].name: is longer than 100 characters');
    for (const ch of ['[', ']', '*', '?', '/', '\\', ':']) {
      expect(withName(`a${ch}b`)).toBe('sheets[0].name: must not contain any of [ ] * ? / \\ :');
    }
    const doc = loose();
    doc.sheets.push({ id: 'sh_other', name: 'SHEET1', cells: [], columnWidths: [] });
    expect(reasonOf(doc)).toBe('sheets[1].name: the name "SHEET1" is used by another sheet');
  });

  it('refuses duplicate sheet ids', () => {
    const doc = loose();
    doc.sheets.push({ ...doc.sheets[0], name: 'Other' });
    expect(reasonOf(doc)).toMatch(/^sheets\[1\]\.id: the id ".*" is used by another sheet$/);
  });

  it('checks named expressions: identifiers only, unique, text or finite number', () => {
    expect(isValidName('Target_2030')).toBe(true);
    expect(isValidName('Utsläpp.basår')).toBe(true);
    expect(isValidName('_x')).toBe(true);
    expect(isValidName('A1')).toBe(false);
    expect(isValidName('$AB$12')).toBe(false);
    expect(isValidName('R1C1')).toBe(false);
    expect(isValidName('2030')).toBe(false);
    expect(isValidName('has space')).toBe(false);
    const doc = loose();
    doc.names = [{ name: 'A1', expression: 1 }];
    expect(reasonOf(doc)).toMatch(/^names\[0\]\.name: "A1" is not a valid name/);
    doc.names = [
      { name: 'Mål', expression: 1 },
      { name: 'MÅL', expression: 2 },
    ];
    expect(reasonOf(doc)).toBe('names[1].name: the name "MÅL" is defined twice');
    doc.names = [{ name: 'x_', expression: Number.NaN }];
    expect(reasonOf(doc)).toBe('names[0].expression: expected a finite number');
    doc.names = [{ name: 'x_', expression: null }];
    expect(reasonOf(doc)).toBe('names[0].expression: expected text');
  });

  it('checks column widths', () => {
    const doc = loose();
    doc.sheets[0].columnWidths = [100, null, -5];
    expect(reasonOf(doc)).toBe('sheets[0].columnWidths[2]: expected a width in pixels or empty');
  });

  it('exposes its limits', () => {
    expect(LIMITS).toMatchObject({
      maxSheets: 200,
      maxRowsPerSheet: 1_048_576,
      maxColumnsPerSheet: 16_384,
      maxCellsPerWorkbook: 5_000_000,
      maxCellTextLength: 32_767,
      maxSheetNameLength: 100,
    });
  });

  it('enforces the limits on sheets, rows, columns, cells and text', () => {
    const tooManySheets = loose();
    tooManySheets.sheets = Array.from({ length: 201 }, (_, i) => ({ id: `s${i}`, name: `S${i}`, cells: [] }));
    expect(reasonOf(tooManySheets)).toBe('sheets: has more than 200 sheets');

    const tooManyRows = loose();
    tooManyRows.sheets[0].cells = new Array(LIMITS.maxRowsPerSheet + 1);
    expect(reasonOf(tooManyRows)).toBe('sheets[0].cells: has more than 1048576 rows');

    const tooManyColumns = loose();
    tooManyColumns.sheets[0].cells = [[], new Array(LIMITS.maxColumnsPerSheet + 1).fill(null)];
    expect(reasonOf(tooManyColumns)).toBe('sheets[0].cells[1]: has more than 16384 columns');

    // 400 rows of 16 000 cells = 6.4 million: refused at the row that crosses 5 million.
    const tooManyCells = loose();
    const wide = new Array(16_000).fill(null);
    tooManyCells.sheets[0].cells = new Array(400).fill(wide);
    expect(reasonOf(tooManyCells)).toBe('sheets[0].cells[312]: the workbook has more than 5000000 cells');

    const longText = loose();
    longText.sheets[0].cells[0][0] = 'x'.repeat(LIMITS.maxCellTextLength + 1);
    expect(reasonOf(longText)).toBe('sheets[0].cells[0][0]: text is longer than 32767 characters');
    longText.sheets[0].cells[0][0] = 'x'.repeat(LIMITS.maxCellTextLength);
    expect(validateDocument(longText).ok).toBe(true);
  });

  it('drops unknown keys and never lets __proto__, constructor or prototype reach Object.prototype', () => {
    const text = JSON.stringify(validDoc()).replace(
      '{',
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prototype":{"polluted":3},"extra":1,',
    );
    const hostile = JSON.parse(text.replace('"cells"', '"__proto__":{"polluted":4},"cells"'));
    const result = validateDocument(hostile);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value).sort()).toEqual(['id', 'meta', 'names', 'schemaVersion', 'sheets']);
    expect(Object.keys(at(result.value.sheets, 0)).sort()).toEqual(['cells', 'columnWidths', 'id', 'name']);
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('ignores inherited fields: only own data properties count', () => {
    const inherited = Object.create(loose());
    expect(reasonOf(inherited)).toBe(`schemaVersion: expected ${SCHEMA_VERSION}, found nothing`);
    const withGetter = loose();
    let called = false;
    Object.defineProperty(withGetter, 'id', {
      get() {
        called = true;
        return 'x';
      },
      enumerable: true,
    });
    expect(reasonOf(withGetter)).toBe('id: expected text');
    expect(called).toBe(false);
  });
});
