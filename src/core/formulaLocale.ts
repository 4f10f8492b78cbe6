// Formulas as a planner reads and types them in the UI language, and back to the one canonical
// syntax the document stores (HyperFormula's English names, "," between arguments, "." decimals).

// The Swedish names come from HyperFormula's own Swedish language pack, so a formula shown in Swedish
// uses the names HyperFormula and Swedish Excel use. The pack is a data module with no imports (the one
// HyperFormula path core's lint rule allows): it adds a few kB to the main chunk, never the engine.
import svSE from 'hyperformula/i18n/languages/svSE';
import { type FormulaToken, tokenizeFormula } from './formula';

/** The locale numbers and formulas are typed and shown in (the UI language). */
export type NumberLocale = 'sv' | 'en';

/**
 * English function name (canonical, as HyperFormula parses it) → Swedish, for the functions whose
 * names differ. Names that are the same in both languages are left out, and SWITCH, which the pack
 * maps to "", stays English.
 */
export const SV_FUNCTION_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(svSE.functions).filter(([en, sv]) => sv !== '' && sv !== en),
);

const EN_TO_SV: ReadonlyMap<string, string> = new Map(Object.entries(SV_FUNCTION_NAMES));
const SV_TO_EN: ReadonlyMap<string, string> = new Map(
  Object.entries(SV_FUNCTION_NAMES).map(([en, sv]) => [sv, en]),
);
const EN_TO_SV_BOOLEAN: ReadonlyMap<string, string> = new Map([
  ['TRUE', 'SANT'],
  ['FALSE', 'FALSKT'],
]);
const SV_TO_EN_BOOLEAN: ReadonlyMap<string, string> = new Map([
  ['SANT', 'TRUE'],
  ['FALSKT', 'FALSE'],
]);

function isFormulaText(text: string): boolean {
  return text.startsWith('=') && text.length > 1;
}

/** `word` translated with `map` (looked up without case), written all-lowercase if it was; null if unknown. */
function translateWord(word: string, map: ReadonlyMap<string, string>): string | null {
  const upper = word.toUpperCase();
  const translated = map.get(upper);
  if (translated === undefined) return null;
  return word === upper ? translated : word === word.toLowerCase() ? translated.toLowerCase() : translated;
}

/**
 * Which syntax a formula typed in Swedish is written in. Swedish when anything says so (a ";", a
 * Swedish-only function name, SANT/FALSKT); English (canonical) when something English-only is there
 * (a function name that has a different Swedish name, TRUE/FALSE) and nothing Swedish; Swedish when
 * nothing tells (=A1*0,5 or =MAX(1,5)), because that is the UI language.
 */
function writtenInSwedish(tokens: readonly FormulaToken[]): boolean {
  let english = false;
  for (const token of tokens) {
    const upper = token.text.toUpperCase();
    if (token.kind === 'separator' && token.text === ';') return true;
    if (token.kind === 'function' && SV_TO_EN.has(upper)) return true;
    if (token.kind === 'name' && SV_TO_EN_BOOLEAN.has(upper)) return true;
    if ((token.kind === 'function' && EN_TO_SV.has(upper)) || token.kind === 'boolean') english = true;
  }
  return !english;
}

/**
 * The formula as the UI shows it for editing. In 'sv': Swedish function names (from HyperFormula's
 * Swedish language pack), ";" between arguments, "," as the decimal mark in number literals and
 * SANT/FALSKT for boolean literals; strings, references, sheet names, named expressions and error
 * literals stay as they are. 'en' shows the canonical formula.
 *
 * Lossless: the Swedish form is used only when `fromDisplayFormula` reads it back to exactly
 * `canonical`; otherwise (a name that reads as a Swedish function, an array literal, a number such as
 * `.5` whose Swedish spelling would change meaning …) the canonical formula is shown unchanged.
 * Text that is not a formula is returned as it is.
 * @example toDisplayFormula('=IF(A1>0,A1*0.5,0)', 'sv') // '=OM(A1>0;A1*0,5;0)'
 */
export function toDisplayFormula(canonical: string, locale: NumberLocale): string {
  if (locale === 'en' || !isFormulaText(canonical)) return canonical;
  const tokens = tokenizeFormula(canonical);
  // "{1,2;3,4}" uses ";" for rows: arrays are shown (and typed) canonically.
  if (tokens.some((t) => t.kind === 'brace')) return canonical;
  let display = '';
  for (const token of tokens) {
    if (token.kind === 'function') display += translateWord(token.text, EN_TO_SV) ?? token.text;
    else if (token.kind === 'boolean') display += translateWord(token.text, EN_TO_SV_BOOLEAN) ?? token.text;
    else if (token.kind === 'separator') display += ';';
    else if (token.kind === 'number') display += token.text.replace('.', ',');
    else display += token.text;
  }
  return fromDisplayFormula(display, locale) === canonical ? display : canonical;
}

/**
 * The canonical formula for what the user typed in the UI language. 'en' is the identity.
 *
 * In 'sv' both the Swedish form and canonical English are accepted, told apart per formula:
 * - Swedish when it has a ";" outside strings, a Swedish function name or SANT/FALSKT, and also when
 *   nothing says which (no ";" and only names that are the same in both languages, as in `=A1*0,5`):
 *   function names and SANT/FALSKT are translated, ";" becomes ",", and a "," directly between
 *   digits (`0,5`, `1,5E-3`) is a decimal comma; any other "," is taken as a separator and a "."
 *   decimal point is kept. So `=MAX(1,5)` is MAX(1.5), as Swedish Excel reads it.
 * - English (kept as typed) when it has an English-only function name or TRUE/FALSE and nothing
 *   Swedish: `=SUM(A1,B1)`, `=IF(A1>0,1,0)`.
 * Formulas with array literals are kept as typed. Strings, references, sheet names, named
 * expressions and errors are never changed. Text that is not a formula is returned as it is.
 * @example fromDisplayFormula('=OM(A1>0;A1*0,5;0)', 'sv') // '=IF(A1>0,A1*0.5,0)'
 */
export function fromDisplayFormula(typed: string, locale: NumberLocale): string {
  if (locale === 'en' || !isFormulaText(typed)) return typed;
  const tokens = tokenizeFormula(typed);
  if (tokens.some((t) => t.kind === 'brace') || !writtenInSwedish(tokens)) return typed;
  let canonical = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as FormulaToken;
    const comma = tokens[i + 1];
    const fraction = tokens[i + 2];
    if (
      token.kind === 'number' &&
      /^[0-9]+$/.test(token.text) &&
      comma?.text === ',' &&
      fraction?.kind === 'number' &&
      /^[0-9]/.test(fraction.text)
    ) {
      canonical += `${token.text}.${fraction.text}`;
      i += 2;
    } else if (token.kind === 'function') canonical += translateWord(token.text, SV_TO_EN) ?? token.text;
    else if (token.kind === 'name') canonical += translateWord(token.text, SV_TO_EN_BOOLEAN) ?? token.text;
    else if (token.kind === 'separator') canonical += ',';
    else canonical += token.text;
  }
  return canonical;
}
