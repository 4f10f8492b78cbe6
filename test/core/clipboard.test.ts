import { describe, expect, it } from 'vitest';
import { parseTsv, toHtmlTable, toTsv } from '../../src/core/clipboard';

describe('toTsv', () => {
  it('separates cells by tabs and rows by CRLF, without a trailing line end', () => {
    expect(
      toTsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a\tb\r\n1\t2');
  });

  it('quotes fields holding tabs, line breaks or quotes, doubling inner quotes', () => {
    expect(toTsv([['a\tb', 'line1\nline2', 'cr\rhere', 'say "hi"', 'plain']])).toBe(
      '"a\tb"\t"line1\nline2"\t"cr\rhere"\t"say ""hi"""\tplain',
    );
  });

  it('keeps empty cells and ragged rows', () => {
    expect(toTsv([['', 'x', ''], ['y']])).toBe('\tx\t\r\ny');
  });

  it('writes nothing for no rows', () => {
    expect(toTsv([])).toBe('');
  });
});

describe('parseTsv', () => {
  it('reads tab-separated rows with CRLF, LF or CR line ends', () => {
    const expected = [
      ['a', 'b'],
      ['c', 'd'],
    ];
    expect(parseTsv('a\tb\r\nc\td')).toEqual(expected);
    expect(parseTsv('a\tb\nc\td')).toEqual(expected);
    expect(parseTsv('a\tb\rc\td')).toEqual(expected);
  });

  it('drops one trailing line end, as Excel adds after the last row', () => {
    expect(parseTsv('a\tb\r\n')).toEqual([['a', 'b']]);
    expect(parseTsv('a\n')).toEqual([['a']]);
    expect(parseTsv('a\r')).toEqual([['a']]);
  });

  it('keeps a blank last row when there are two line ends', () => {
    expect(parseTsv('a\r\n\r\n')).toEqual([['a'], ['']]);
  });

  it('keeps blank rows and empty cells in between', () => {
    expect(parseTsv('a\r\n\r\n\tb\t')).toEqual([['a'], [''], ['', 'b', '']]);
  });

  it('reads quoted fields with embedded line breaks, tabs and doubled quotes', () => {
    expect(parseTsv('"line1\r\nline2"\t"a\tb"\t"say ""hi"""\r\nnext')).toEqual([
      ['line1\r\nline2', 'a\tb', 'say "hi"'],
      ['next'],
    ]);
  });

  it('reads an empty quoted field', () => {
    expect(parseTsv('""\tx')).toEqual([['', 'x']]);
  });

  it('treats a quote that does not start the field as literal text', () => {
    expect(parseTsv('5" screen\t12"')).toEqual([['5" screen', '12"']]);
  });

  it('reads a field that only starts with a quote literally when it is not a proper quoted field', () => {
    expect(parseTsv('"Hi" she said\tx')).toEqual([['"Hi" she said', 'x']]);
    expect(parseTsv('"unterminated\tx\r\ny')).toEqual([['"unterminated', 'x'], ['y']]);
  });

  it('keeps ragged rows as they are', () => {
    expect(parseTsv('a\tb\tc\r\nd\r\ne\tf')).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f']]);
  });

  it('gives no rows for empty input and one empty cell for a lone line end', () => {
    expect(parseTsv('')).toEqual([]);
    expect(parseTsv('\r\n')).toEqual([['']]);
  });

  it('reads back what toTsv writes', () => {
    const rows = [
      ['Kommun', 'Utsläpp 2025', 'Not'],
      ['Umeå', '1 234,5', 'rad 1\nrad 2'],
      ['"Citat"', '\t', 'x\r\ny'],
      ['', '', ''],
      ['sista'],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});

describe('toHtmlTable', () => {
  it('writes a UTF-8 table of rows and cells', () => {
    expect(
      toHtmlTable([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('<meta charset="utf-8"><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>');
  });

  it('escapes HTML special characters', () => {
    expect(toHtmlTable([[`<b>"Tom" & 'Jerry'</b>`]])).toBe(
      '<meta charset="utf-8"><table><tr><td>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</td></tr></table>',
    );
  });

  it('writes line breaks inside a cell as same-cell breaks', () => {
    const br = '<br style="mso-data-placement:same-cell">';
    expect(toHtmlTable([['a\nb\r\nc\rd']])).toBe(
      `<meta charset="utf-8"><table><tr><td>a${br}b${br}c${br}d</td></tr></table>`,
    );
  });

  it('keeps non-ASCII text as is', () => {
    expect(toHtmlTable([['Växjö −75 %']])).toContain('<td>Växjö −75 %</td>');
  });

  it('writes an empty table for no rows', () => {
    expect(toHtmlTable([])).toBe('<meta charset="utf-8"><table></table>');
  });
});
