// CSV as spreadsheets read it, with formula injection neutralised: text that a spreadsheet would
// run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe; numbers stay numbers.

const RISKY_START = /^[=+\-@\t\r]/;

/** One field: numbers as plain numbers, risky text prefixed with an apostrophe, quoted when needed. */
export function csvField(value: string | number | boolean | null | undefined, separator = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = RISKY_START.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180 and Excel write). */
export function toCsv(rows: (string | number | boolean | null | undefined)[][], separator = ','): string {
  return rows.map((row) => row.map((v) => csvField(v, separator)).join(separator)).join('\r\n');
}
