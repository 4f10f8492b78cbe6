// CSV as spreadsheets read it, with formula injection neutralised: text that a spreadsheet would
// run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe; numbers stay numbers.
// Two dialects: English (`,` between fields, `.` decimals) and Swedish (`;` and a decimal comma,
// which Swedish Excel opens straight into columns).

const RISKY_START = /^[=+\-@\t\r]/;

/** How fields are separated and how a number's decimals are written. */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
}

export const CSV_ENGLISH: CsvDialect = { separator: ',', decimal: '.' };
export const CSV_SWEDISH: CsvDialect = { separator: ';', decimal: ',' };

/** The dialect a spreadsheet in this UI language expects. */
export function csvDialectFor(locale: 'sv' | 'en'): CsvDialect {
  return locale === 'sv' ? CSV_SWEDISH : CSV_ENGLISH;
}

/** One field: numbers as plain numbers, risky text prefixed with an apostrophe, quoted when needed. */
export function csvField(value: string | number | boolean | null | undefined, dialect = CSV_ENGLISH): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    // No thousands separators: a spreadsheet reads the digits back as one number.
    const text = String(value);
    return dialect.decimal === '.' ? text : text.replace('.', dialect.decimal);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = RISKY_START.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(text) || text.includes(dialect.separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180 and Excel write). */
export function toCsv(
  rows: (string | number | boolean | null | undefined)[][],
  dialect = CSV_ENGLISH,
): string {
  return rows.map((row) => row.map((v) => csvField(v, dialect)).join(dialect.separator)).join('\r\n');
}
