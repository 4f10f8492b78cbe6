// Number formats: Excel codes in and out, numbers shown in the UI locale, and formats in a document
// (validation, files, links, the setFormats command, and paste and move carrying them).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import { SCHEMA_VERSION, type ScenarioDocument, type SheetId, createDocument } from '../../src/core/document';
import { planCopy, planFormat, planPaste } from '../../src/core/edits';
import { parseWorkbookFile, serializeWorkbook } from '../../src/core/fileFormat';
import { decodeWorkbookLink, encodeWorkbookLink } from '../../src/core/link';
import {
  GENERAL,
  MAX_DECIMALS,
  type NumberFormat,
  PRESETS,
  formatAt,
  formatCode,
  formatNumberAs,
  parseFormatCode,
  withDecimals,
  withUnit,
} from '../../src/core/numberFormat';
import { validateDocument } from '../../src/core/schema';

/** Intl writes no-break and narrow no-break spaces in Swedish; compare with plain spaces. */
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace('\u2212', '-');

const formatArb: fc.Arbitrary<NumberFormat> = fc.oneof(
  fc.constant(GENERAL),
  fc.record({ kind: fc.constant('percent' as const), decimals: fc.integer({ min: 0, max: MAX_DECIMALS }) }),
  fc.record(
    {
      kind: fc.constant('number' as const),
      decimals: fc.integer({ min: 0, max: MAX_DECIMALS }),
      grouping: fc.boolean(),
      unit: fc
        .string({ minLength: 1, maxLength: 12 })
        // biome-ignore lint/suspicious/noControlCharactersInRegex: units refuse control characters.
        .filter((u) => u.trim() === u && u !== '' && !/["\u0000-\u001f\u007f]/.test(u)),
    },
    { requiredKeys: ['kind', 'decimals', 'grouping'] },
  ),
);

describe('formatCode and parseFormatCode', () => {
  it('write the Excel codes planners know', () => {
    expect(formatCode(GENERAL)).toBe('General');
    expect(formatCode(PRESETS.number)).toBe('#,##0.00');
    expect(formatCode(PRESETS.thousands)).toBe('#,##0');
    expect(formatCode(PRESETS.percent)).toBe('0%');
    expect(formatCode({ kind: 'percent', decimals: 1 })).toBe('0.0%');
    expect(formatCode(PRESETS.plain)).toBe('0');
    expect(formatCode({ kind: 'number', decimals: 0, grouping: true, unit: 'kr' })).toBe('#,##0" kr"');
  });

  it('read back every format they write (round trip over all formats)', () => {
    fc.assert(
      fc.property(formatArb, (format) => {
        expect(parseFormatCode(formatCode(format))).toEqual(format);
      }),
    );
  });

  it("read Excel's common codes, sections, colours and currencies", () => {
    expect(parseFormatCode('General')).toEqual(GENERAL);
    expect(parseFormatCode('@')).toEqual(GENERAL);
    expect(parseFormatCode('0.00')).toEqual({ kind: 'number', decimals: 2, grouping: false });
    expect(parseFormatCode('#,##0;[Red]-#,##0')).toEqual(PRESETS.thousands);
    expect(parseFormatCode('#,##0.00_);(#,##0.00)')).toEqual(PRESETS.number);
    expect(parseFormatCode('0.0 %')).toEqual({ kind: 'percent', decimals: 1 });
    expect(parseFormatCode('#,##0 "kr"')).toEqual({
      kind: 'number',
      decimals: 0,
      grouping: true,
      unit: 'kr',
    });
    expect(parseFormatCode('#,##0\\ "t"')).toEqual({
      kind: 'number',
      decimals: 0,
      grouping: true,
      unit: 't',
    });
    expect(parseFormatCode('#,##0.00 [$kr-41D]')).toEqual({
      kind: 'number',
      decimals: 2,
      grouping: true,
      unit: 'kr',
    });
  });

  it('refuses codes Bana cannot show faithfully', () => {
    for (const code of [
      'yyyy-mm-dd',
      '[h]:mm',
      '0.00E+00',
      '# ?/?',
      '#,##0,',
      `0.${'0'.repeat(11)}`,
      '"x"',
    ]) {
      expect(parseFormatCode(code)).toBeNull();
    }
    expect(parseFormatCode(`0" ${'x'.repeat(13)}"`)).toBeNull();
    expect(parseFormatCode('x'.repeat(300))).toBeNull();
  });
});

describe('formatNumberAs', () => {
  it('shows numbers in the Swedish UI locale', () => {
    expect(spaces(formatNumberAs(0.75, PRESETS.percent, 'sv'))).toBe('75 %');
    expect(spaces(formatNumberAs(0.1799, { kind: 'percent', decimals: 1 }, 'sv'))).toBe('18,0 %');
    expect(spaces(formatNumberAs(1234.5, PRESETS.number, 'sv'))).toBe('1 234,50');
    expect(spaces(formatNumberAs(1234567.4, PRESETS.thousands, 'sv'))).toBe('1 234 567');
    expect(formatNumberAs(2018, PRESETS.plain, 'sv')).toBe('2018');
    expect(spaces(formatNumberAs(250000, withUnit(PRESETS.thousands, 'kr'), 'sv'))).toBe('250 000 kr');
  });

  it('shows numbers in the English UI locale', () => {
    expect(formatNumberAs(0.75, PRESETS.percent, 'en')).toBe('75%');
    expect(formatNumberAs(1234.5, PRESETS.number, 'en')).toBe('1,234.50');
    expect(formatNumberAs(12345, PRESETS.plain, 'en')).toBe('12345');
    expect(spaces(formatNumberAs(1500, withUnit(PRESETS.thousands, 't'), 'en'))).toBe('1,500 t');
  });

  it('shows General as before: years ungrouped, fractions to seven digits', () => {
    expect(formatNumberAs(2030, GENERAL, 'sv')).toBe('2030');
    expect(spaces(formatNumberAs(2666.6666667, GENERAL, 'sv'))).toBe('2 666,667');
  });

  it('writes no minus sign on a value that rounds to zero', () => {
    expect(formatNumberAs(-0.001, PRESETS.thousands, 'sv')).toBe('0');
    expect(spaces(formatNumberAs(-1234, PRESETS.thousands, 'sv'))).toBe('-1 234');
  });
});

describe('withDecimals and withUnit', () => {
  it('steps decimals within 0–10 and turns General into a grouped number', () => {
    expect(withDecimals(GENERAL, 1)).toEqual({ kind: 'number', decimals: 1, grouping: true });
    expect(withDecimals(PRESETS.percent, 2)).toEqual({ kind: 'percent', decimals: 2 });
    expect(withDecimals(PRESETS.thousands, -1)).toEqual(PRESETS.thousands);
    expect(withDecimals({ kind: 'percent', decimals: MAX_DECIMALS }, 1)).toEqual({
      kind: 'percent',
      decimals: MAX_DECIMALS,
    });
  });

  it('adds or removes a unit, keeping decimals', () => {
    expect(withUnit(PRESETS.number, ' kr ')).toEqual({
      kind: 'number',
      decimals: 2,
      grouping: true,
      unit: 'kr',
    });
    expect(withUnit({ kind: 'number', decimals: 1, grouping: true, unit: 't' }, '')).toEqual({
      kind: 'number',
      decimals: 1,
      grouping: true,
    });
  });
});

const SHEET = 'sh_1' as SheetId;

function docWithFormats(): ScenarioDocument {
  const doc = createDocument('Formats', 'Blad1', new Date('2026-12-01T00:00:00Z'));
  doc.sheets[0] = {
    id: SHEET,
    name: 'Blad1',
    cells: [
      ['År', 'Andel', 'Utsläpp'],
      [2030, 0.75, 1234567],
    ],
    columnWidths: [],
    formats: [[], ['0', '0%', '#,##0" t"']],
  };
  return doc;
}

describe('formats in a document', () => {
  it('validate, keeping canonical codes and leaving out a sheet without any', () => {
    const doc = docWithFormats();
    expect(validateDocument(doc)).toEqual({ ok: true, value: doc });
    const loose = structuredClone(doc) as { sheets: { formats?: unknown }[] };
    loose.sheets[0] = { ...loose.sheets[0], formats: [[null, '#,##0;[Red]-#,##0', 'General']] };
    const read = validateDocument(loose);
    expect(read.ok && read.value.sheets[0]?.formats).toEqual([[null, '#,##0']]);
    loose.sheets[0] = { ...loose.sheets[0], formats: [[null, 'General'], []] };
    const none = validateDocument(loose);
    expect(none.ok && 'formats' in (none.value.sheets[0] ?? {})).toBe(false);
  });

  it('refuse a bad format with the cell it is in, never a crash', () => {
    for (const bad of ['yyyy-mm-dd', 42, { code: '0' }]) {
      const loose = structuredClone(docWithFormats()) as { sheets: { formats?: unknown }[] };
      loose.sheets[0] = { ...loose.sheets[0], formats: [[], [null, bad]] };
      const result = validateDocument(loose);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/^sheets\[0\]\.formats\[1\]\[1\]: /);
    }
    const notRows = structuredClone(docWithFormats()) as { sheets: { formats?: unknown }[] };
    notRows.sheets[0] = { ...notRows.sheets[0], formats: 'percent' };
    expect(validateDocument(notRows).ok).toBe(false);
  });

  it('survive a .bana.json file and a link', () => {
    const doc = docWithFormats();
    const text = serializeWorkbook(doc);
    expect(text).toContain('"formats": [');
    expect(parseWorkbookFile(text, text.length)).toEqual({ ok: true, value: doc });
    const link = encodeWorkbookLink(doc, 'https://bana.example/');
    if (!link.ok) throw new Error('link too long');
    expect(decodeWorkbookLink(new URL(link.value).hash)).toEqual({ ok: true, value: doc });
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('are read per cell, General where a cell has none', () => {
    const { formats } = docWithFormats().sheets[0] ?? {};
    expect(formatAt(formats, 1, 1)).toEqual(PRESETS.percent);
    expect(formatAt(formats, 0, 1)).toEqual(GENERAL);
    expect(formatAt(formats, 99, 99)).toEqual(GENERAL);
  });
});

describe('setFormats and planFormat', () => {
  it('formats a selection as one command whose inverse gives the document back', () => {
    const doc = docWithFormats();
    const plan = planFormat(doc, SHEET, { row: 1, col: 0, rowEnd: 1, colEnd: 2 }, () => PRESETS.percent);
    if (!plan) throw new Error('expected a plan');
    expect(plan.command.type).toBe('setFormats');
    const applied = applyCommand(doc, plan.command);
    expect(applied.doc.sheets[0]?.formats).toEqual([[], ['0%', '0%', '0%']]);
    expect(applied.doc.sheets[0]?.cells).toBe(doc.sheets[0]?.cells);
    expect(applyCommand(applied.doc, applied.inverse).doc).toEqual(doc);
  });

  it('plans nothing when no format changes, and General leaves no formats behind', () => {
    const doc = docWithFormats();
    expect(
      planFormat(doc, SHEET, { row: 1, col: 1, rowEnd: 1, colEnd: 1 }, () => PRESETS.percent),
    ).toBeNull();
    const cleared = planFormat(doc, SHEET, { row: 0, col: 0, rowEnd: 1, colEnd: 2 }, () => GENERAL);
    if (!cleared) throw new Error('expected a plan');
    const after = applyCommand(doc, cleared.command).doc;
    expect('formats' in (after.sheets[0] ?? {})).toBe(false);
    expect(validateDocument(after)).toEqual({ ok: true, value: after });
  });

  it('steps decimals from each cell’s own format', () => {
    const doc = docWithFormats();
    const plan = planFormat(doc, SHEET, { row: 1, col: 1, rowEnd: 1, colEnd: 2 }, (f) => withDecimals(f, 1));
    if (!plan) throw new Error('expected a plan');
    expect(applyCommand(doc, plan.command).doc.sheets[0]?.formats?.[1]).toEqual(['0', '0.0%', '#,##0.0" t"']);
  });

  it('limits a whole-column selection to the used area', () => {
    const doc = docWithFormats();
    const plan = planFormat(
      doc,
      SHEET,
      { row: 0, col: 1, rowEnd: 1_048_575, colEnd: 2 },
      () => PRESETS.number,
    );
    expect(plan?.written).toEqual({ row: 0, col: 1, rowEnd: 1, colEnd: 2 });
  });
});

describe('copy, paste and move carry formats', () => {
  const rect = { row: 1, col: 1, rowEnd: 1, colEnd: 2 };
  const text = (doc: ScenarioDocument) => (r: number, c: number) =>
    String(doc.sheets[0]?.cells[r]?.[c] ?? '');

  it('pastes Bana’s own cells with their formats, undone in one step', () => {
    const doc = docWithFormats();
    const copied = planCopy(doc, SHEET, rect, false, text(doc));
    const plan = planPaste(doc, SHEET, { row: 5, col: 1 }, copied.text, copied.block, () => null);
    if (!plan?.ok) throw new Error('expected a paste');
    const applied = applyCommand(doc, plan.value.command);
    expect(applied.doc.sheets[0]?.formats?.[5]).toEqual([null, '0%', '#,##0" t"']);
    expect(applied.doc.sheets[0]?.cells[5]).toEqual([null, 0.75, 1234567]);
    expect(applyCommand(applied.doc, applied.inverse).doc).toEqual(doc);
  });

  it('keeps the target’s formats when the text came from elsewhere', () => {
    const doc = docWithFormats();
    const plan = planPaste(doc, SHEET, { row: 1, col: 1 }, '0,5', null, () => 0.5);
    if (!plan?.ok) throw new Error('expected a paste');
    expect(plan.value.command.type).toBe('setCells');
  });

  it('moves formats with cut cells', () => {
    const doc = docWithFormats();
    const cut = planCopy(doc, SHEET, rect, true, text(doc));
    const plan = planPaste(doc, SHEET, { row: 3, col: 0 }, cut.text, cut.block, () => null);
    if (!plan?.ok) throw new Error('expected a move');
    const applied = applyCommand(doc, plan.value.command);
    expect(applied.doc.sheets[0]?.formats).toEqual([[], ['0'], [], ['0%', '#,##0" t"']]);
    expect(applyCommand(applied.doc, applied.inverse).doc).toEqual(doc);
  });
});
