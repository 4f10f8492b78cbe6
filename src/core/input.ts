// What a user types into a cell, turned into a RawCell in their number locale, and a RawCell
// turned back into the text the editor shows, such that the two round-trip.

import type { RawCell } from './document';
import { fromDisplayFormula, type NumberLocale, toDisplayFormula } from './formulaLocale';

/** Digit grouping in Swedish: space, NO-BREAK SPACE or NARROW NO-BREAK SPACE. */
const SV_GROUP = '[ \\u00A0\\u202F]';
const SV_NUMBER = new RegExp(`^(\\d{1,3}(?:${SV_GROUP}\\d{3})+|\\d*)(?:,(\\d*))?(?:[eE]([+-]?\\d+))?$`);
const EN_NUMBER = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** "1.234" or "12.345.678": a dot used for grouping, which Swedish text never means as a decimal. */
const DOT_GROUPING = /^[1-9]\d{0,2}(?:\.\d{3})+(?:[eE][+-]?\d+)?$/;
const PERCENT = /[ \u00A0\u202F]?%$/;
const MINUS = /^[-\u2212]/;
/** Excel keeps 15 significant digits; a longer digit string is an id, not a number. */
const MAX_SIGNIFICANT_DIGITS = 15;

const BOOLEAN_WORDS: Record<NumberLocale, { true: string[]; false: string[] }> = {
  en: { true: ['TRUE'], false: ['FALSE'] },
  sv: { true: ['TRUE', 'SANT'], false: ['FALSE', 'FALSKT'] },
};

/**
 * What the user typed, as a RawCell: "" → null; "=…" → the formula in canonical syntax
 * (`fromDisplayFormula`: sv "=SUMMA(A1;0,5)" → "=SUM(A1,0.5)"; a lone "=" is text); a leading
 * apostrophe forces text; numbers in the locale (sv "1 234,5", "75 %", "1,5E3"; en "1,234.5");
 * TRUE/FALSE (and SANT/FALSKT in sv) → boolean; anything else is text, kept exactly. Digit
 * strings with leading zeros or more than 15 significant digits stay text so ids keep every digit.
 *
 * Text starting with "=" cannot be a RawCell string (that is a formula), so "'=x" keeps
 * its apostrophe: it is stored as the text "'=x".
 * @example parseInput('1 234,5', 'sv') // 1234.5
 */
export function parseInput(text: string, locale: NumberLocale): RawCell {
  if (text === '') return null;
  if (text.startsWith('=') && text.length > 1) return fromDisplayFormula(text, locale);
  if (text.startsWith("'")) {
    const rest = text.slice(1);
    return rest.startsWith('=') && rest.length > 1 ? text : rest;
  }
  const trimmed = text.trim();
  const word = trimmed.toUpperCase();
  if (BOOLEAN_WORDS[locale].true.includes(word)) return true;
  if (BOOLEAN_WORDS[locale].false.includes(word)) return false;
  const number = parseNumber(trimmed, locale);
  return number ?? text;
}

/** A number written in the locale, or null when the text is not one. */
function parseNumber(text: string, locale: NumberLocale): number | null {
  if (/^\d+$/.test(text)) {
    if (text.length > 1 && text.startsWith('0')) return null;
    if (text.replace(/0+$/, '').length > MAX_SIGNIFICANT_DIGITS) return null;
  }
  let body = text;
  const negative = MINUS.test(body);
  if (negative) body = body.slice(1);
  const percent = PERCENT.test(body);
  if (percent) body = body.replace(PERCENT, '');
  if (locale === 'sv' && !body.includes(',') && body.includes('.')) {
    // A dot is a decimal point in Swedish input only when it cannot be read as grouping.
    if (DOT_GROUPING.test(body)) return null;
    body = body.replace('.', ',');
  }
  const m = (locale === 'sv' ? SV_NUMBER : EN_NUMBER).exec(body);
  if (!m) return null;
  const intDigits = (m[1] ?? '').replace(/[^0-9]/g, '');
  const fracDigits = m[2] ?? '';
  if (intDigits === '' && fracDigits === '') return null;
  // Build a canonical decimal string so the conversion rounds once, percent included.
  const exponent = Number(m[3] ?? '0') - (percent ? 2 : 0);
  const value = Number(`${negative ? '-' : ''}${intDigits || '0'}.${fracDigits || '0'}e${exponent}`);
  return Number.isFinite(value) ? value : null;
}

/**
 * The text the editor and formula bar show for a RawCell: numbers in the locale without
 * grouping and at full precision (sv 1234.5 → "1234,5"), formulas in the locale's syntax when
 * that is lossless (`toDisplayFormula`: sv "=SUMMA(A1;0,5)"), booleans
 * as TRUE/FALSE (SANT/FALSKT in sv), null as "". Text that parseInput would read as
 * something else ("123", "TRUE", "") gets a leading apostrophe, so
 * `parseInput(formatForEdit(x, l), l)` gives x back for every RawCell x (−0 comes back as 0).
 * @example formatForEdit('00123', 'sv') // "00123"; formatForEdit('123', 'sv') // "'123"
 */
export function formatForEdit(raw: RawCell, locale: NumberLocale): string {
  if (raw === null) return '';
  if (typeof raw === 'boolean') {
    if (locale === 'sv') return raw ? 'SANT' : 'FALSKT';
    return raw ? 'TRUE' : 'FALSE';
  }
  if (typeof raw === 'number') return formatNumber(raw, locale);
  if (raw.startsWith('=') && raw.length > 1) return toDisplayFormula(raw, locale);
  return parseInput(raw, locale) === raw ? raw : `'${raw}`;
}

function formatNumber(value: number, locale: NumberLocale): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const decimal = locale === 'sv' ? ',' : '.';
  const magnitude = Math.abs(value);
  const plain = magnitude >= 1e-9 && magnitude < 1e21 ? toPlainDecimal(value).replace('.', decimal) : null;
  // Long integers (more than 15 significant digits) would read back as text: use an exponent.
  if (plain !== null && parseInput(plain, locale) === value) return plain;
  return value.toExponential().replace('.', decimal).replace('e+', 'E').replace('e', 'E');
}

/** The shortest round-tripping digits of `value`, written without an exponent. */
function toPlainDecimal(value: number): string {
  const text = String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const sign = m[1] ?? '';
  const digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  const point = (m[2] ?? '').length + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
