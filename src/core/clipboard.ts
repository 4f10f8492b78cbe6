// Excel's clipboard formats for a block of cells: tab-separated text/plain and an HTML table,
// written the way Excel and LibreOffice write them and read back the way they read them.

const NEEDS_QUOTES = /[\t\r\n"]/;
const LINE_BREAK = /\r\n|\r|\n/g;
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Excel's text/plain: cells separated by tabs, rows by "\r\n", no trailing line end. A
 * field containing a tab, line break or double quote is quoted with inner quotes doubled.
 * @example toTsv([['a', 'b'], ['1', '2']]) // 'a\tb\r\n1\t2'
 */
export function toTsv(rows: string[][]): string {
  return rows
    .map((row) =>
      row.map((field) => (NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join('\t'),
    )
    .join('\r\n');
}

/**
 * Parses tab-separated clipboard text from Excel, LibreOffice or a text editor: CRLF, LF
 * or CR line ends; quoted fields may hold tabs, line breaks and `""`. A quote opens a
 * quoted field only at the start of a field, and a "quoted" field that is not closed
 * right before a tab or line end is read literally (so `"Hi" she said` stays as typed).
 * One trailing line end is dropped; rows keep their own lengths; "" gives [].
 * @example parseTsv('a\t"b\nc"\r\n') // [['a', 'b\nc']]
 */
export function parseTsv(text: string): string[][] {
  if (text === '') return [];
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    let field: string | null = null;
    let end = i;
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      if (quoted) {
        field = quoted.value;
        end = quoted.end;
      }
    }
    if (field === null) {
      end = i;
      while (end < n && text[end] !== '\t' && text[end] !== '\n' && text[end] !== '\r') end++;
      field = text.slice(i, end);
    }
    row.push(field);
    if (end >= n) {
      rows.push(row);
      break;
    }
    if (text[end] === '\t') {
      i = end + 1;
      continue;
    }
    // A line end: CRLF counts once.
    i = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    rows.push(row);
    row = [];
    if (i >= n) break; // the one trailing line end
  }
  return rows;
}

/** A quoted field starting at `at`, or null when it is not closed right before a tab, line end or the end. */
function readQuoted(text: string, at: number): { value: string; end: number } | null {
  let value = '';
  let i = at + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      const next = text[i + 1];
      return next === undefined || next === '\t' || next === '\r' || next === '\n'
        ? { value, end: i + 1 }
        : null;
    }
    value += ch;
    i++;
  }
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Excel's text/html: a UTF-8 `<table>` of `<tr><td>` with every text HTML-escaped, and
 * line breaks inside a cell written as Excel's same-cell `<br>` so a paste keeps them in one cell.
 */
export function toHtmlTable(rows: string[][]): string {
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map(
            (field) =>
              `<td>${escapeHtml(field).replace(LINE_BREAK, '<br style="mso-data-placement:same-cell">')}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<meta charset="utf-8"><table>${body}</table>`;
}
