// The result of each chart said in words, in the UI language: read aloud in meetings and by
// screen readers. Figures are rounded the way people say them (5 900 t, 41 %).
import type { ErrorOrigin } from '../core/scenario/errorOrigin';
import type { Parameter, RangeWarning } from '../core/scenario/parameters';
import { type ScenarioResult, measureEnd } from '../core/scenario/result';
import { formatPercent, intlLocale } from './format';
import type { UiLocale } from './strings';

/** Round tonnes for speech: nearest 100 above 1 000, nearest 10 above 100, else whole. */
export function roundForSpeech(value: number): number {
  const abs = Math.abs(value);
  const step = abs >= 1000 ? 100 : abs >= 100 ? 10 : 1;
  return Math.round(value / step) * step;
}

function tonnes(value: number, locale: UiLocale): string {
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(roundForSpeech(value))} t`;
}

function percent(share: number, locale: UiLocale): string {
  return formatPercent(share, locale, 0);
}

function kronor(value: number, locale: UiLocale): string {
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value)} kr`;
}

/** The headline: reduction by the target year, whether the target is met and what is missing. */
export function trajectorySentence(r: ScenarioResult, locale: UiLocale): string {
  const {
    reductionAtTarget: cut,
    targetCut,
    shortfallAtTarget: short,
    targetYear,
    residualAtNeutral,
    neutralYear,
  } = r.key;
  if (cut === null || targetCut === null || targetYear === null) return '';
  const target = `−${percent(targetCut, locale)}`;
  const falls = cut >= 0;
  const amount = percent(Math.abs(cut), locale);
  const met = short !== null && short <= 0.5;
  const residual = residualAtNeutral ?? 0;
  if (locale === 'sv') {
    const first = `Med dessa åtgärder ${falls ? 'minskar' : 'ökar'} utsläppen med ${amount} till ${targetYear}; målet ${target} ${met ? 'nås' : `nås inte, det saknas ${tonnes(short ?? 0, locale)}`}.`;
    const second =
      neutralYear === null
        ? ''
        : residual <= 0.5
          ? ` År ${neutralYear} är utsläppen noll.`
          : ` År ${neutralYear} återstår ${tonnes(residual, locale)} som måste bort eller kompenseras för klimatneutralitet.`;
    return joined(first + second, endingMeasuresSentence(r, locale));
  }
  const first = `With these measures emissions ${falls ? 'fall' : 'rise'} by ${amount} by ${targetYear}; the ${target} target is ${met ? 'met' : `not met, ${tonnes(short ?? 0, locale)} are missing`}.`;
  const second =
    neutralYear === null
      ? ''
      : residual <= 0.5
        ? ` In ${neutralYear} emissions are zero.`
        : ` In ${neutralYear}, ${tonnes(residual, locale)} remain to be cut or offset for climate neutrality.`;
  return joined(first + second, endingMeasuresSentence(r, locale));
}

function joined(a: string, b: string): string {
  return b ? `${a} ${b}` : a;
}

/** The wedges: how much the measures cut in the target year, and which cuts most. */
export function wedgesSentence(r: ScenarioResult, locale: UiLocale): string {
  const year = r.key.targetYear ?? r.years[0] ?? 0;
  const i = r.years.indexOf(year);
  const contributions = r.measures
    .map((m) => ({ name: m.name, t: m.values[i] ?? 0 }))
    .sort((a, b) => b.t - a.t);
  const total = contributions.reduce((s, m) => s + m.t, 0);
  const top = contributions[0];
  if (r.measures.length === 0) {
    return locale === 'sv' ? 'Scenariot har inga åtgärder ännu.' : 'The scenario has no measures yet.';
  }
  if (!top || total <= 0) {
    return locale === 'sv'
      ? `Åtgärderna minskar inte utsläppen år ${year}.`
      : `The measures cut nothing in ${year}.`;
  }
  return locale === 'sv'
    ? `Åtgärderna minskar utsläppen med ${tonnes(total, locale)} år ${year}; störst är ${top.name} med ${tonnes(top.t, locale)}.`
    : `The measures cut ${tonnes(total, locale)} in ${year}; the largest is ${top.name} with ${tonnes(top.t, locale)}.`;
}

/** The MAC curve: cheapest and dearest per tonne, and the total. */
export function macSentence(
  bars: { name: string; x0: number; x1: number; krPerTonne: number }[],
  locale: UiLocale,
): string {
  const first = bars[0];
  const last = bars.at(-1);
  if (!first || !last) {
    return locale === 'sv'
      ? 'Ingen åtgärd har både kostnad och minskning att jämföra.'
      : 'No measure has both a cost and a reduction to compare.';
  }
  const total = last.x1;
  return locale === 'sv'
    ? `Billigast per ton är ${first.name} (${kronor(first.krPerTonne, locale)}/t), dyrast ${last.name} (${kronor(last.krPerTonne, locale)}/t); tillsammans ${tonnes(total, locale)}.`
    : `Cheapest per tonne is ${first.name} (${kronor(first.krPerTonne, locale)}/t), dearest ${last.name} (${kronor(last.krPerTonne, locale)}/t); together ${tonnes(total, locale)}.`;
}

/** The key figures in one sentence: cost per tonne and the cumulative gap. */
export function keyFiguresSentence(r: ScenarioResult, locale: UiLocale): string {
  const { costPerTonne, totalCost, cumulativeGapToNeutral: gap, neutralYear } = r.key;
  const cost =
    costPerTonne !== null && totalCost !== null
      ? locale === 'sv'
        ? `Åtgärderna kostar ${kronor(totalCost, locale)}, ${kronor(costPerTonne, locale)} per ton.`
        : `The measures cost ${kronor(totalCost, locale)}, ${kronor(costPerTonne, locale)} per tonne.`
      : '';
  const gapText =
    gap !== null && neutralYear !== null
      ? locale === 'sv'
        ? ` Ackumulerat ligger utsläppen ${tonnes(Math.abs(gap), locale)} ${gap >= 0 ? 'över' : 'under'} målbanan till ${neutralYear}.`
        : ` Cumulatively, emissions are ${tonnes(Math.abs(gap), locale)} ${gap >= 0 ? 'above' : 'below'} the target path by ${neutralYear}.`
      : '';
  return (cost + gapText).trim();
}

const ERROR_WORDS: Record<string, { sv: string; en: string }> = {
  '#DIV/0!': { sv: 'division med noll', en: 'division by zero' },
  '#REF!': {
    sv: 'formeln pekar på en cell eller ett blad som inte finns',
    en: 'the formula refers to a cell or sheet that does not exist',
  },
  '#VALUE!': {
    sv: 'ett värde av fel slag, till exempel text där ett tal ska stå',
    en: 'a value of the wrong kind, such as text where a number belongs',
  },
  '#N/A': {
    sv: 'ett värde saknas (en uppslagning hittade inget)',
    en: 'a value is missing (a lookup found nothing)',
  },
  '#NAME?': { sv: 'okänd funktion eller okänt namn', en: 'an unknown function or name' },
  '#NUM!': { sv: 'ett ogiltigt tal', en: 'an invalid number' },
  '#CYCLE!': {
    sv: 'cirkelreferens: formeln beror på sitt eget värde',
    en: 'a circular reference: the formula depends on its own value',
  },
};

const EXPECTED_WORDS = {
  number: { sv: 'ett tal', en: 'a number' },
  share: { sv: 'en andel 0–1', en: 'a share 0–1' },
  year: { sv: 'ett årtal', en: 'a year' },
} as const;

/** The list of allowed values as people say it: `HVO100, RME, Biogas, El`. */
function options(list: readonly string[]): string {
  return list.join(', ');
}

/** Where a result's trouble starts, in words: `Drivmedel!B11: "HVO" is not one of HVO100, RME, Biogas, El`. */
export function originText(o: ErrorOrigin, locale: UiLocale): string {
  const r = o.reason;
  let why: string;
  if (r.kind === 'value') {
    const p = r.problem;
    if (p.kind === 'not-an-option')
      why =
        locale === 'sv'
          ? `”${p.value}” är inte ett av ${options(p.options)}`
          : `"${p.value}" is not one of ${options(p.options)}`;
    else if (p.kind === 'text-for-number')
      why =
        locale === 'sv'
          ? `”${p.value}” är text där ${EXPECTED_WORDS[p.expected].sv} ska stå`
          : `"${p.value}" is text where ${EXPECTED_WORDS[p.expected].en} belongs`;
    else
      why =
        locale === 'sv'
          ? `${new Intl.NumberFormat(intlLocale(locale)).format(p.value)} är inte ett helt årtal`
          : `${new Intl.NumberFormat(intlLocale(locale)).format(p.value)} is not a whole year`;
  } else if (r.kind === 'error') {
    const words = ERROR_WORDS[r.code];
    why = `${r.code} ${words ? words[locale] : r.message}`;
  } else {
    why =
      locale === 'sv'
        ? `”${r.value}” är text där ett tal ska stå`
        : `"${r.value}" is text where a number belongs`;
  }
  return `${o.address}: ${why}`;
}

/** The headline when a result cannot be computed, naming the first origin (and how many more). */
export function cannotComputeSentence(origins: readonly ErrorOrigin[], locale: UiLocale): string {
  const [first, ...rest] = origins;
  const head = locale === 'sv' ? 'Resultatet kan inte beräknas' : 'The result cannot be computed';
  if (!first)
    return locale === 'sv'
      ? `${head}: ett fel når banan. Söker var det börjar…`
      : `${head}: an error reaches the trajectory. Looking for where it starts…`;
  const more =
    rest.length === 0 ? '' : locale === 'sv' ? ` (och ${rest.length} till)` : ` (and ${rest.length} more)`;
  return `${head}: ${originText(first, locale)}${more}.`;
}

/** A value outside its sourced range: `Drivmedel!B9: 600 000 liter/år is above its high 500 000 ([D] …)`. */
export function rangeWarningText(p: Parameter, w: RangeWarning, locale: UiLocale): string {
  const n = (v: number) => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 6 }).format(v);
  const unit = p.unit ? ` ${p.unit}` : '';
  const source = p.source ? ` (${p.source})` : '';
  if (locale === 'sv')
    return `${p.address}: ${n(w.value)}${unit} är ${w.side === 'above' ? 'över sitt högsta värde' : 'under sitt lägsta värde'} ${n(w.bound)}${source}`;
  return `${p.address}: ${n(w.value)}${unit} is ${w.side === 'above' ? 'above its high' : 'below its low'} ${n(w.bound)}${source}`;
}

/** Measures whose reductions stop before the climate-neutral year, said so the jump is not hidden. */
export function endingMeasuresSentence(r: ScenarioResult, locale: UiLocale): string {
  const until = r.key.neutralYear;
  if (until === null) return '';
  const ending = r.measures.flatMap((m) => {
    const end = measureEnd(m, r.years, until);
    return end === null ? [] : [`${m.name} (${end})`];
  });
  if (ending.length === 0) return '';
  return locale === 'sv'
    ? `Före ${until} upphör: ${ending.join(', ')}; deras minskning räknas inte efter det året.`
    : `Ending before ${until}: ${ending.join(', ')}; their reductions do not count after that year.`;
}

/** What a Monte Carlo sentence needs: the run's figures and the scenario's target years. */
export interface MonteCarloFigures {
  samples: number;
  invalidSamples: number;
  cancelled: boolean;
  target: { probability: number; standardError: number };
  neutral: { probability: number; standardError: number; tolerance: number };
}

function count(n: number, locale: UiLocale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(n);
}

/**
 * A Monte Carlo run in words: how often the target year's target is met and climate neutrality
 * reached (within the tolerance, said), each with its standard error. A run with no usable sample
 * says so and gives no figure; a cancelled run gives none either.
 * @example monteCarloSentence(r, 2030, 2035, 'en') // "With these ranges the 2030 target is met in 12% of 10,000 runs (±0.3%). …"
 */
export function monteCarloSentence(
  r: MonteCarloFigures,
  targetYear: number | null,
  neutralYear: number | null,
  locale: UiLocale,
): string {
  const runs = r.samples - r.invalidSamples;
  if (r.cancelled)
    return locale === 'sv' ? 'Körningen avbröts; inget resultat.' : 'The run was cancelled; no result.';
  if (runs <= 0)
    return locale === 'sv'
      ? 'Ingen körning gav ett tal: arbetsboken ger ett fel med dessa intervall. Rätta felet först.'
      : 'No run gave a number: the workbook gives an error with these ranges. Fix the error first.';
  const p = (x: number) => formatPercent(x, locale, 0);
  const se = (x: number) => `±${formatPercent(x, locale, 1)}`;
  const { target, neutral } = r;
  const tolerance = formatPercent(neutral.tolerance, locale, 0);
  const left =
    r.invalidSamples === 0
      ? ''
      : locale === 'sv'
        ? ` ${count(r.invalidSamples, locale)} körningar gav inget tal (ett fel) och räknas inte.`
        : ` ${count(r.invalidSamples, locale)} runs gave no number (an error) and are left out.`;
  if (locale === 'sv') {
    const goal = targetYear === null ? 'målet' : `${targetYear}-målet`;
    const year = neutralYear === null ? '' : ` ${neutralYear}`;
    return (
      `Med dessa intervall nås ${goal} i ${p(target.probability)} av ${count(runs, locale)} körningar (${se(target.standardError)}). ` +
      `Klimatneutralitet${year} (högst ${tolerance} av basårets utsläpp kvar) nås i ${p(neutral.probability)} (${se(neutral.standardError)}).${left}`
    );
  }
  const goal = targetYear === null ? 'the target' : `the ${targetYear} target`;
  const year = neutralYear === null ? '' : ` in ${neutralYear}`;
  return (
    `With these ranges ${goal} is met in ${p(target.probability)} of ${count(runs, locale)} runs (${se(target.standardError)}). ` +
    `Climate neutrality${year} (at most ${tolerance} of base-year emissions left) is reached in ${p(neutral.probability)} (${se(neutral.standardError)}).${left}`
  );
}
