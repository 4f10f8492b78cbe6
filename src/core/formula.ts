// A small lexer for formulas in HyperFormula's English syntax, and the edits built on it:
// finding references, shifting them for copy/paste, renaming sheets, and point-mode editing.

import { columnIndex, columnLabel, LETTER_CLASS, MAX_COLS, MAX_ROWS, quoteSheetName } from './address';
import { isFormula } from './document';

export type FormulaTokenKind =
  /** Spaces, tabs and line breaks. */
  | 'whitespace'
  /** `"..."` with `""` escapes; an unterminated string runs to the end of the formula. */
  | 'string'
  | 'number'
  /** TRUE or FALSE, any case, not followed by "(". */
  | 'boolean'
  /** `#REF!`, `#DIV/0!`, `#N/A`, `#NAME?` … */
  | 'error'
  /** A cell, a range, a whole-column or whole-row range, with its sheet qualifier if any. */
  | 'reference'
  /** A sheet qualifier ("Sheet1!", "'My sheet'!") that is not followed by a reference. */
  | 'sheet'
  /** An identifier directly followed by "(", e.g. SUM or LOG10; the "(" is its own token. */
  | 'function'
  /** Any other identifier: a named expression such as Target_2030. */
  | 'name'
  /** + - * / ^ & = <> < > <= >= % and the range operator ":" when it is not part of a range token. */
  | 'operator'
  /** "," or ";" between arguments or array items. */
  | 'separator'
  /** "(" or ")". */
  | 'paren'
  /** "{" or "}" around array literals. */
  | 'brace'
  /** Anything the lexer does not understand, one character at a time. */
  | 'unknown';

export interface FormulaToken {
  kind: FormulaTokenKind;
  text: string;
  /** Offset of the first character in the formula. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** A reference found in a formula: the cells it spans (0-based, inclusive) and where it is written. */
export interface FormulaReference {
  /** The sheet it names, unquoted; absent for references to the formula's own sheet. */
  sheet?: string;
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
  /** Text offsets of the reference in the formula, including its sheet qualifier. */
  start: number;
  end: number;
}

/** One end of a reference, e.g. `$B7`: which axes it names, its indexes and their `$` markers. */
interface RefPart {
  kind: 'cell' | 'column' | 'row';
  /** -1 for the axis a whole-row or whole-column part does not name. */
  col: number;
  row: number;
  colAbsolute: boolean;
  rowAbsolute: boolean;
  /** The written text of the column letters and of the row digits (with their `$`), kept for byte-exact output. */
  colText: string;
  rowText: string;
}

interface SheetQualifier {
  /** The sheet name, unquoted. */
  name: string;
  /** The written text including the trailing "!". */
  text: string;
}

interface RefEnd {
  sheet?: SheetQualifier;
  part: RefPart;
}

interface ParsedRef {
  first: RefEnd;
  second?: RefEnd;
  /** Offset just past the reference. */
  end: number;
}

const IDENT_START = new RegExp(`[${LETTER_CLASS}_]`);
const IDENT_CHAR = new RegExp(`[${LETTER_CLASS}0-9_.]`);
const IDENTIFIER = new RegExp(`[${LETTER_CLASS}_][${LETTER_CLASS}0-9_.]*`, 'y');
const UNQUOTED_SHEET = new RegExp(`([${LETTER_CLASS}0-9_]+)!`, 'y');
const QUOTED_SHEET = /'((?:[^']|'')*)'!/y;
const CELL_PART = /(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)/y;
const COLUMN_PART = /(\$?)([A-Za-z]{1,3})/y;
const ROW_PART = /(\$?)([0-9]+)/y;
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const ERROR_LITERAL = /#[A-Za-z0-9/]+[?!]?/y;
const WHITESPACE = /\s+/y;
const OPERATORS = ['<>', '<=', '>=', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%', ':'];

function stickyMatch(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** True when the character at `at` would continue an identifier or call, so a reference cannot end there. */
function continuesIdentifier(text: string, at: number): boolean {
  const ch = text[at];
  return ch !== undefined && (IDENT_CHAR.test(ch) || ch === '(' || ch === '!');
}

function rowFromDigits(digits: string): number {
  const n = Number(digits);
  return n >= 1 && n <= MAX_ROWS ? n - 1 : -1;
}

function parseSheetQualifier(text: string, at: number): { sheet: SheetQualifier; end: number } | null {
  const quoted = stickyMatch(QUOTED_SHEET, text, at);
  if (quoted && (quoted[1] ?? '') !== '') {
    return {
      sheet: { name: (quoted[1] ?? '').replaceAll("''", "'"), text: quoted[0] },
      end: at + quoted[0].length,
    };
  }
  const bare = stickyMatch(UNQUOTED_SHEET, text, at);
  if (bare) return { sheet: { name: bare[1] ?? '', text: bare[0] }, end: at + bare[0].length };
  return null;
}

/**
 * Parses one end of a reference of the given kind at `at`. It does not look at what follows;
 * the caller decides whether the part may end there.
 */
function parsePart(text: string, at: number, kind: RefPart['kind']): { part: RefPart; end: number } | null {
  if (kind === 'cell') {
    const m = stickyMatch(CELL_PART, text, at);
    if (!m) return null;
    const col = columnIndex(m[2] ?? '');
    const row = rowFromDigits(m[4] ?? '');
    if (col < 0 || row < 0) return null;
    const colText = `${m[1]}${m[2]}`;
    return {
      part: {
        kind,
        col,
        row,
        colAbsolute: m[1] === '$',
        rowAbsolute: m[3] === '$',
        colText,
        rowText: m[0].slice(colText.length),
      },
      end: at + m[0].length,
    };
  }
  if (kind === 'column') {
    const m = stickyMatch(COLUMN_PART, text, at);
    const col = m ? columnIndex(m[2] ?? '') : -1;
    if (!m || col < 0) return null;
    return {
      part: { kind, col, row: -1, colAbsolute: m[1] === '$', rowAbsolute: false, colText: m[0], rowText: '' },
      end: at + m[0].length,
    };
  }
  const m = stickyMatch(ROW_PART, text, at);
  const row = m ? rowFromDigits(m[2] ?? '') : -1;
  if (!m || row < 0) return null;
  return {
    part: { kind, col: -1, row, colAbsolute: false, rowAbsolute: m[1] === '$', colText: '', rowText: m[0] },
    end: at + m[0].length,
  };
}

function withSheet(part: RefPart, qualifier: { sheet: SheetQualifier } | null): RefEnd {
  return qualifier ? { part, sheet: qualifier.sheet } : { part };
}

/**
 * Tries to read a reference at `at`: a cell, or a range of cells, whole columns or whole
 * rows, each end optionally sheet-qualified. Like HyperFormula, a reference cannot run
 * straight into an identifier character, "(" (LOG10( is a function) or "!".
 */
function parseReferenceAt(text: string, at: number): ParsedRef | null {
  const qualifier = parseSheetQualifier(text, at);
  const partStart = qualifier ? qualifier.end : at;
  for (const kind of ['cell', 'column', 'row'] as const) {
    const first = parsePart(text, partStart, kind);
    if (!first) continue;
    if (text[first.end] === ':') {
      const secondQualifier = parseSheetQualifier(text, first.end + 1);
      const second = parsePart(text, secondQualifier ? secondQualifier.end : first.end + 1, kind);
      if (second && !continuesIdentifier(text, second.end)) {
        return {
          first: withSheet(first.part, qualifier),
          second: withSheet(second.part, secondQualifier),
          end: second.end,
        };
      }
    }
    // A cell may stand alone; whole columns and rows exist only as ranges.
    if (kind === 'cell' && !continuesIdentifier(text, first.end)) {
      return { first: withSheet(first.part, qualifier), end: first.end };
    }
  }
  return null;
}

/** Reads a `"..."` string literal starting at `at`; unterminated strings run to the end. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

interface LexedToken extends FormulaToken {
  ref?: ParsedRef;
}

function lex(formula: string): LexedToken[] {
  const tokens: LexedToken[] = [];
  let i = 0;
  const push = (kind: FormulaTokenKind, end: number, ref?: ParsedRef): void => {
    tokens.push({ kind, text: formula.slice(i, end), start: i, end, ...(ref ? { ref } : {}) });
    i = end;
  };
  while (i < formula.length) {
    const ch = formula[i] ?? '';
    const ws = stickyMatch(WHITESPACE, formula, i);
    if (ws) {
      push('whitespace', i + ws[0].length);
      continue;
    }
    if (ch === '"') {
      push('string', stringEnd(formula, i));
      continue;
    }
    if (ch === '#') {
      const err = stickyMatch(ERROR_LITERAL, formula, i);
      push(err ? 'error' : 'unknown', err ? i + err[0].length : i + 1);
      continue;
    }
    // References come before numbers (so "3:5" is a row range) and before identifiers.
    if (ch === '$' || ch === "'" || /[0-9]/.test(ch) || IDENT_START.test(ch)) {
      const ref = parseReferenceAt(formula, i);
      if (ref) {
        push('reference', ref.end, ref);
        continue;
      }
    }
    if (ch === "'") {
      const qualifier = parseSheetQualifier(formula, i);
      push(qualifier ? 'sheet' : 'unknown', qualifier ? qualifier.end : i + 1);
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const num = stickyMatch(NUMBER, formula, i);
      if (num) {
        push('number', i + num[0].length);
        continue;
      }
    }
    if (IDENT_START.test(ch) || /[0-9]/.test(ch)) {
      const qualifier = parseSheetQualifier(formula, i);
      if (qualifier) {
        push('sheet', qualifier.end);
        continue;
      }
    }
    if (IDENT_START.test(ch)) {
      const id = stickyMatch(IDENTIFIER, formula, i);
      const end = i + (id?.[0].length ?? 1);
      const word = formula.slice(i, end);
      if (formula[end] === '(') push('function', end);
      else if (/^(TRUE|FALSE)$/i.test(word)) push('boolean', end);
      else push('name', end);
      continue;
    }
    const op = OPERATORS.find((o) => formula.startsWith(o, i));
    if (op) push('operator', i + op.length);
    else if (ch === ',' || ch === ';') push('separator', i + 1);
    else if (ch === '(' || ch === ')') push('paren', i + 1);
    else if (ch === '{' || ch === '}') push('brace', i + 1);
    else push('unknown', i + 1);
  }
  return tokens;
}

/**
 * Splits a formula into tokens that cover it exactly, in order. A leading "=" is an
 * operator token like any other.
 * @example tokenizeFormula('=SUM(A1:B2)').map((t) => t.kind)
 * // ['operator', 'function', 'paren', 'reference', 'paren']
 */
export function tokenizeFormula(formula: string): FormulaToken[] {
  return lex(formula).map(({ kind, text, start, end }) => ({ kind, text, start, end }));
}

function refBounds(ref: ParsedRef): { row: number; col: number; rowEnd: number; colEnd: number } {
  const a = ref.first.part;
  const b = ref.second?.part ?? a;
  const span = (x: number, y: number, whole: number) =>
    x < 0 ? [0, whole - 1] : [Math.min(x, y), Math.max(x, y)];
  const [row = 0, rowEnd = 0] = span(a.row, b.row, MAX_ROWS);
  const [col = 0, colEnd = 0] = span(a.col, b.col, MAX_COLS);
  return { row, col, rowEnd, colEnd };
}

/**
 * The references in a formula, in order of appearance, for outlining the cells they
 * name while the formula is edited. Whole columns span every row and whole rows every
 * column. Text that is not a formula (does not start with "=") has none.
 */
export function extractReferences(formula: string): FormulaReference[] {
  if (!isFormula(formula)) return [];
  const refs: FormulaReference[] = [];
  for (const token of lex(formula)) {
    if (!token.ref) continue;
    const sheet = token.ref.first.sheet?.name ?? token.ref.second?.sheet?.name;
    refs.push({
      ...(sheet !== undefined ? { sheet } : {}),
      ...refBounds(token.ref),
      start: token.start,
      end: token.end,
    });
  }
  return refs;
}

/** Writes one end of a reference moved by (dRow, dCol), or null when it leaves the grid. */
function shiftPart(part: RefPart, dRow: number, dCol: number): string | null {
  let colText = part.colText;
  let rowText = part.rowText;
  if (part.kind !== 'row' && !part.colAbsolute && dCol !== 0) {
    const col = part.col + dCol;
    if (col < 0 || col >= MAX_COLS) return null;
    colText = columnLabel(col);
  }
  if (part.kind !== 'column' && !part.rowAbsolute && dRow !== 0) {
    const row = part.row + dRow;
    if (row < 0 || row >= MAX_ROWS) return null;
    rowText = `${part.rowAbsolute ? '$' : ''}${row + 1}`;
  }
  return colText + rowText;
}

/**
 * The formula as it reads after being copied (dRow, dCol) cells away: relative row and
 * column parts move, `$`-absolute parts stay. A reference that would leave the sheet
 * becomes `#REF!` as a whole (range and sheet qualifier included). Everything else is
 * kept byte for byte. Text that is not a formula is returned unchanged.
 * @example shiftFormula('=A1+$B$2', 1, 1) // '=B2+$B$2'
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (!isFormula(formula) || (dRow === 0 && dCol === 0)) return formula;
  let out = '';
  for (const token of lex(formula)) {
    const ref = token.ref;
    if (!ref) {
      out += token.text;
      continue;
    }
    const first = shiftPart(ref.first.part, dRow, dCol);
    const second = ref.second ? shiftPart(ref.second.part, dRow, dCol) : '';
    if (first === null || second === null) {
      out += '#REF!';
      continue;
    }
    out += (ref.first.sheet?.text ?? '') + first;
    if (ref.second) out += `:${ref.second.sheet?.text ?? ''}${second}`;
  }
  return out;
}

/**
 * The formula with every sheet qualifier naming `oldName` (case-insensitive) rewritten
 * to `newName`, quoted when it needs to be. Nothing else changes.
 * @example renameSheetInFormula("=Sheet1!A1*2", 'sheet1', 'Klimatfond 2025') // "='Klimatfond 2025'!A1*2"
 */
export function renameSheetInFormula(formula: string, oldName: string, newName: string): string {
  if (!isFormula(formula)) return formula;
  const target = oldName.toLocaleLowerCase();
  const replacement = `${quoteSheetName(newName)}!`;
  const rename = (sheet: SheetQualifier | undefined): string =>
    sheet === undefined ? '' : sheet.name.toLocaleLowerCase() === target ? replacement : sheet.text;
  let out = '';
  for (const token of lex(formula)) {
    const ref = token.ref;
    if (token.kind === 'sheet') {
      const name = parseSheetQualifier(token.text, 0)?.sheet;
      out += name ? rename(name) : token.text;
    } else if (ref) {
      const firstSheet = rename(ref.first.sheet);
      const firstLength = ref.first.sheet?.text.length ?? 0;
      if (!ref.second) {
        out += firstSheet + token.text.slice(firstLength);
        continue;
      }
      // Re-assemble "<sheet>A1:<sheet>B2" from its written pieces so only the qualifiers change.
      const secondSheetText = ref.second.sheet?.text ?? '';
      const secondPartText = ref.second.part.colText + ref.second.part.rowText;
      const secondStart = token.text.length - secondPartText.length - secondSheetText.length;
      out +=
        firstSheet +
        token.text.slice(firstLength, secondStart) +
        rename(ref.second.sheet) +
        token.text.slice(token.text.length - secondPartText.length);
    } else {
      out += token.text;
    }
  }
  return out;
}

/**
 * The span of the reference token that ends exactly at `caret`, or null. Used while
 * pointing at cells: a click right after an inserted reference replaces it.
 * Note that "A1:" followed by an inserted "B5" reads as the single range "A1:B5".
 */
export function referenceEndingAt(formula: string, caret: number): { start: number; end: number } | null {
  if (!isFormula(formula)) return null;
  const token = lex(formula).find((t) => t.kind === 'reference' && t.end === caret);
  return token ? { start: token.start, end: token.end } : null;
}

const POINTING_OPERATORS = new Set(['+', '-', '*', '/', '^', '&', '=', '<', '>', '<>', '<=', '>=', ':']);

/**
 * Whether a click on a cell while editing should insert a reference at `caret`: the
 * text before the caret, ignoring whitespace, ends with "=", "(", ",", ";" or an
 * operator, or the caret sits right after a reference (which the caller replaces).
 * False inside strings and tokens, and for text that is not a formula.
 */
export function acceptsReferenceAt(formula: string, caret: number): boolean {
  if (!formula.startsWith('=') || caret < 1 || caret > formula.length) return false;
  let before: LexedToken | undefined;
  for (const token of lex(formula)) {
    if (token.start >= caret) break;
    if (token.end > caret && token.kind !== 'whitespace') return false;
    if (token.kind !== 'whitespace') before = token;
  }
  if (!before) return false;
  if (before.kind === 'reference') return before.end === caret;
  if (before.kind === 'operator') return POINTING_OPERATORS.has(before.text);
  return before.kind === 'separator' || before.text === '(';
}

/** A block of cells moved by cut and paste: where it was, and where it went. */
export interface CellMove {
  /** The sheet the cells were cut from, and the sheet they were pasted on. */
  fromSheet: string;
  toSheet: string;
  /** The cut rectangle on `fromSheet`, inclusive. */
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
  /** How far the block moved. */
  dRow: number;
  dCol: number;
}

/** Writes one end of a reference moved by (dRow, dCol) whatever its `$` markers, or null off the grid. */
function movePart(part: RefPart, dRow: number, dCol: number): string | null {
  const col = part.col + dCol;
  const row = part.row + dRow;
  if (
    (part.kind !== 'row' && (col < 0 || col >= MAX_COLS)) ||
    (part.kind !== 'column' && (row < 0 || row >= MAX_ROWS))
  ) {
    return null;
  }
  const colText = part.kind === 'row' ? '' : `${part.colAbsolute ? '$' : ''}${columnLabel(col)}`;
  const rowText = part.kind === 'column' ? '' : `${part.rowAbsolute ? '$' : ''}${row + 1}`;
  return colText + rowText;
}

/**
 * The formula after a cut and paste, as Excel rewrites it: every reference that lies wholly
 * inside the moved block now points where the block went (absolute or not); references that
 * only overlap it, and everything else, are kept byte for byte. `ownSheet` is the sheet the
 * formula is on after the move (it decides whether a moved reference needs a sheet qualifier).
 * @example moveReferences('=A1*2', 'S', { fromSheet: 'S', toSheet: 'S', row: 0, col: 0, rowEnd: 0, colEnd: 0, dRow: 2, dCol: 1 }, 'S') // '=B3*2'
 */
export function moveReferences(
  formula: string,
  formulaSheet: string,
  move: CellMove,
  ownSheet = formulaSheet,
): string {
  if (!isFormula(formula) || (move.dRow === 0 && move.dCol === 0 && move.fromSheet === move.toSheet)) {
    return formula;
  }
  const from = move.fromSheet.toLocaleLowerCase();
  let out = '';
  let changed = false;
  for (const token of lex(formula)) {
    const ref = token.ref;
    const sheet = (ref?.first.sheet?.name ?? ref?.second?.sheet?.name ?? formulaSheet).toLocaleLowerCase();
    const bounds = ref ? refBounds(ref) : null;
    const inside =
      ref &&
      bounds &&
      sheet === from &&
      bounds.row >= move.row &&
      bounds.rowEnd <= move.rowEnd &&
      bounds.col >= move.col &&
      bounds.colEnd <= move.colEnd;
    if (!ref || !inside) {
      out += token.text;
      continue;
    }
    const first = movePart(ref.first.part, move.dRow, move.dCol);
    const second = ref.second ? movePart(ref.second.part, move.dRow, move.dCol) : '';
    if (first === null || second === null) {
      out += '#REF!';
      changed = true;
      continue;
    }
    const qualified =
      ref.first.sheet !== undefined || move.toSheet.toLocaleLowerCase() !== ownSheet.toLocaleLowerCase();
    const qualifier = qualified ? `${quoteSheetName(move.toSheet)}!` : '';
    out += qualifier + first + (ref.second ? `:${second}` : '');
    changed = true;
  }
  return changed ? out : formula;
}
