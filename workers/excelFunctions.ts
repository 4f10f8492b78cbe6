// Functions where HyperFormula 3.5 computes differently from Excel and LibreOffice, or lacks them,
// replaced through its function-plugin API: INT, ROUND/ROUNDUP/ROUNDDOWN, and the trend functions
// planners extrapolate with (FORECAST, FORECAST.LINEAR, INTERCEPT, TREND, GROWTH), and TEXT with
// percent and thousands formats. The corpus test
// (test/excel/compatibility.test.ts) holds them to LibreOffice's results.
import {
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type ImplementedFunctions,
  type SimpleRangeValue,
} from 'hyperformula';

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
/** What HyperFormula passes to a plugin method (its Ast and state types are not exported). */
export type PluginArgs = [ast: { args: RunArgs[0] }, state: RunArgs[1]];
export type PluginResult = ReturnType<FunctionPlugin['runFunction']>;

/**
 * HyperFormula's own plugin class for a built-in function (not exported by name), to extend:
 * `Methods` are the methods the subclass overrides and calls through `super`.
 */
export function builtInPlugin<Methods>(functionId: string) {
  return HyperFormula.getFunctionPlugin(functionId) as unknown as (new (
    ...args: ConstructorParameters<typeof FunctionPlugin>
  ) => FunctionPlugin & Methods) & { implementedFunctions: ImplementedFunctions };
}

/**
 * x scaled by 10^digits, cleaned of binary noise: Excel rounds the decimal number the user sees,
 * so 0.285 (stored as 0.28499999999999998) rounds to 0.29, and 1.005 to 1.01.
 */
function scaled(x: number, digits: number): number {
  const d = Math.trunc(digits);
  const y = d >= 0 ? Math.abs(x) * 10 ** d : Math.abs(x) / 10 ** -d;
  return Number(y.toPrecision(15));
}

function unscaled(sign: number, y: number, digits: number): number {
  const d = Math.trunc(digits);
  const v = d >= 0 ? y / 10 ** d : y * 10 ** -d;
  return sign < 0 ? -v : v;
}

/** The number in a range entry (HyperFormula keeps dates and percents as objects with `val`). */
function numberIn(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && 'val' in v && typeof v.val === 'number') return v.val;
  return undefined;
}

/**
 * The (x, y) pairs of two ranges of the same size, as Excel pairs them: a pair is used only when
 * both are numbers (text, logicals and blanks in a range are skipped); an error is returned as is.
 * Without known x, x is 1, 2, 3 …
 */
function pairs(
  ys: SimpleRangeValue,
  xs: SimpleRangeValue | undefined,
): { x: number[]; y: number[] } | CellError {
  const yv = ys.valuesFromTopLeftCorner();
  const xv = xs ? xs.valuesFromTopLeftCorner() : yv.map((_, i) => i + 1);
  if (xv.length !== yv.length) return new CellError(ErrorType.NA, 'The ranges are of different sizes.');
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < yv.length; i++) {
    const a = xv[i];
    const b = yv[i];
    if (a instanceof CellError) return a;
    if (b instanceof CellError) return b;
    const xn = numberIn(a);
    const yn = numberIn(b);
    if (xn !== undefined && yn !== undefined) {
      x.push(xn);
      y.push(yn);
    }
  }
  return { x, y };
}

/** Least squares line through the pairs; #DIV/0! when x does not vary. */
function line(p: { x: number[]; y: number[] }): { slope: number; intercept: number } | CellError {
  const n = p.x.length;
  if (n === 0) return new CellError(ErrorType.DIV_BY_ZERO, 'No pairs of numbers to fit.');
  const mx = p.x.reduce((s, v) => s + v, 0) / n;
  const my = p.y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (p.x[i] ?? 0) - mx;
    sxy += dx * ((p.y[i] ?? 0) - my);
    sxx += dx * dx;
  }
  if (sxx === 0) return new CellError(ErrorType.DIV_BY_ZERO, 'The known x values do not vary.');
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** The line's value at `at` (TREND, FORECAST) or, for GROWTH, e^ of the line through ln y. */
function fitted(
  ys: SimpleRangeValue,
  xs: SimpleRangeValue | undefined,
  at: number | undefined,
  exponential: boolean,
): number | CellError {
  const p = pairs(ys, xs);
  if (p instanceof CellError) return p;
  if (exponential) {
    if (p.y.some((v) => v <= 0))
      return new CellError(ErrorType.NUM, 'GROWTH needs known y values above zero.');
    p.y = p.y.map(Math.log);
  }
  const fit = line(p);
  if (fit instanceof CellError) return fit;
  // Without a new x, the first fitted value (what a single cell shows of Excel's spilled array).
  const x = at ?? p.x[0] ?? 0;
  const v = fit.intercept + fit.slope * x;
  return exponential ? Math.exp(v) : v;
}

/** Day 0 of Excel's serial dates (for dates after February 1900, where Excel's 1900 leap day no longer matters). */
const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

const RANGE = { argumentType: FunctionArgumentType.RANGE };
const NUMBER = { argumentType: FunctionArgumentType.NUMBER };
const OPTIONAL_RANGE = { argumentType: FunctionArgumentType.RANGE, optionalArg: true };
const OPTIONAL_NUMBER = { argumentType: FunctionArgumentType.NUMBER, optionalArg: true };
const DIGITS = { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 };

export class ExcelFunctions extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    INT: { method: 'int', parameters: [NUMBER] },
    ROUND: { method: 'round', parameters: [NUMBER, DIGITS] },
    ROUNDUP: { method: 'roundup', parameters: [NUMBER, DIGITS] },
    ROUNDDOWN: { method: 'rounddown', parameters: [NUMBER, DIGITS] },
    FORECAST: { method: 'forecast', parameters: [NUMBER, RANGE, RANGE] },
    'FORECAST.LINEAR': { method: 'forecast', parameters: [NUMBER, RANGE, RANGE] },
    INTERCEPT: { method: 'intercept', parameters: [RANGE, RANGE] },
    TREND: { method: 'trend', parameters: [RANGE, OPTIONAL_RANGE, OPTIONAL_NUMBER] },
    GROWTH: { method: 'growth', parameters: [RANGE, OPTIONAL_RANGE, OPTIONAL_NUMBER] },
    EDATE: { method: 'edate', parameters: [NUMBER, NUMBER] },
    SUBSTITUTE: {
      method: 'substitute',
      parameters: [
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.NUMBER, optionalArg: true },
      ],
    },
  };

  /**
   * EDATE(start; months) as Excel: whole months (12.7 is 12), the day kept or clamped to the
   * month's last (31 Jan 2024 + 1 is 29 Feb 2024; HyperFormula 3.5 gave the 28th).
   */
  edate(...[ast, state]: PluginArgs) {
    return this.runFunction(ast.args, state, this.metadata('EDATE'), (start: number, months: number) => {
      if (start < 0) return new CellError(ErrorType.NUM, 'The date cannot be negative.');
      const date = new Date(EPOCH + Math.floor(start) * DAY);
      const month = date.getUTCMonth() + Math.trunc(months);
      const lastDay = new Date(Date.UTC(date.getUTCFullYear(), month + 1, 0)).getUTCDate();
      const moved = Date.UTC(date.getUTCFullYear(), month, Math.min(date.getUTCDate(), lastDay));
      const serial = (moved - EPOCH) / DAY;
      return serial < 0 ? new CellError(ErrorType.NUM, 'The date is before 1900.') : serial;
    });
  }

  /** SUBSTITUTE as Excel: an empty old text changes nothing (HyperFormula 3.5 put the new text between every character). */
  substitute(...[ast, state]: PluginArgs) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('SUBSTITUTE'),
      (text: string, old: string, replacement: string, instance?: number) => {
        if (old === '') return text;
        if (instance === undefined) return text.split(old).join(replacement);
        if (instance < 1) return new CellError(ErrorType.VALUE, 'The instance must be 1 or more.');
        let at = -1;
        for (let i = 0, from = 0; i < Math.trunc(instance); i++, from = at + old.length) {
          at = text.indexOf(old, from);
          if (at < 0) return text;
        }
        return text.slice(0, at) + replacement + text.slice(at + old.length);
      },
    );
  }

  /** INT rounds down, as Excel's does: INT(-2.5) is -3 (HyperFormula 3.5 truncates to -2). */
  int(...[ast, state]: PluginArgs) {
    return this.runFunction(ast.args, state, this.metadata('INT'), Math.floor);
  }

  /** Half away from zero, on the decimal number shown. */
  round(...[ast, state]: PluginArgs) {
    return this.runFunction(ast.args, state, this.metadata('ROUND'), (x: number, d: number) =>
      unscaled(x, Math.round(scaled(x, d)), d),
    );
  }

  roundup(...[ast, state]: PluginArgs) {
    return this.runFunction(ast.args, state, this.metadata('ROUNDUP'), (x: number, d: number) =>
      unscaled(x, Math.ceil(scaled(x, d)), d),
    );
  }

  rounddown(...[ast, state]: PluginArgs) {
    return this.runFunction(ast.args, state, this.metadata('ROUNDDOWN'), (x: number, d: number) =>
      unscaled(x, Math.floor(scaled(x, d)), d),
    );
  }

  forecast(...[ast, state]: PluginArgs) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('FORECAST'),
      (x: number, ys: SimpleRangeValue, xs: SimpleRangeValue) => fitted(ys, xs, x, false),
    );
  }

  intercept(...[ast, state]: PluginArgs) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('INTERCEPT'),
      (ys: SimpleRangeValue, xs: SimpleRangeValue) => fitted(ys, xs, 0, false),
    );
  }

  trend(...[ast, state]: PluginArgs) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('TREND'),
      (ys: SimpleRangeValue, xs?: SimpleRangeValue, at?: number) => fitted(ys, xs, at, false),
    );
  }

  growth(...[ast, state]: PluginArgs) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('GROWTH'),
      (ys: SimpleRangeValue, xs?: SimpleRangeValue, at?: number) => fitted(ys, xs, at, true),
    );
  }
}

/**
 * A number in a plain Excel number format, `0`, `0.0#`, `#,##0`, `0%`, `0.0%` and the like, or
 * undefined for any other format (dates, text sections), which HyperFormula's TEXT formats.
 * HyperFormula 3.5 ignores `%` and `,` (TEXT(0.256; "0%") gave "0%").
 */
export function plainNumberFormat(value: number, format: string): string | undefined {
  const m = /^([#0,]*)(?:\.([0#]*))?(%*)$/.exec(format);
  if (!m || !/[0#]/.test(format)) return undefined;
  const [, whole = '', fraction = '', percents = ''] = m;
  const x = value * 100 ** percents.length;
  const maxDecimals = fraction.length;
  const minDecimals = fraction.replace(/#+$/, '').length;
  const rounded = unscaled(x, Math.round(scaled(x, maxDecimals)), maxDecimals);
  let [int = '0', dec = ''] = Math.abs(rounded).toFixed(maxDecimals).split('.');
  while (dec.length > minDecimals && dec.endsWith('0')) dec = dec.slice(0, -1);
  const minInt = (whole.match(/0/g) ?? []).length;
  int = int === '0' && minInt === 0 ? '' : int.padStart(minInt, '0');
  if (whole.includes(',')) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = rounded < 0 ? '-' : '';
  return `${sign}${int}${dec ? `.${dec}` : ''}${percents}`;
}

const HfText = builtInPlugin<{ text(...args: PluginArgs): PluginResult }>('TEXT');

/** The marker for "not a plain number format": HyperFormula's TEXT takes it. */
const NOT_PLAIN = new CellError(ErrorType.VALUE);

/** TEXT with Excel's plain number formats (percent, thousands); others as HyperFormula has them. */
export class ExcelText extends HfText {
  // Only TEXT: its parent class implements all of HyperFormula's date functions.
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    Object.entries(HfText.implementedFunctions).filter(([name]) => name === 'TEXT'),
  );

  override text(...[ast, state]: PluginArgs) {
    const plain = this.runFunction(
      ast.args,
      state,
      this.metadata('TEXT'),
      (n: number, format: string) => plainNumberFormat(n, format) ?? NOT_PLAIN,
    );
    return plain === NOT_PLAIN ? super.text(ast, state) : plain;
  }
}
