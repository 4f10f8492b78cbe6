// `bana goalseek FILE --input 'Sheet!B8' --goal target2030|neutral2035|'Sheet!B33=1000' [--low L --high H] [--json]`:
// the worker's goal seek run in Node, printed as text or JSON.
import { formatAddress, parseReference, quoteSheetName } from '../core/address';
import type { ScenarioDocument, SheetId } from '../core/document';
import { workbookParameters } from '../core/scenario/parameters';
import type { Goal, GoalPoint, GoalSeekResult } from '../core/whatif/goalSeek';
import { goalSeek } from '../../workers/goalSeek';
import { flag } from './monteCarlo';

export const GOAL_SEEK_HELP = `  bana goalseek FILE --input 'Sheet!B8' --goal target2030|neutral2035|'Sheet!B33=1000'
                       [--low L --high H] [--no-compiled] [--json]
                                       Goal seek: every value of the input between low and high (by default
                                       the parameter's own low and high) where the target-year target is
                                       just met, the neutral-year residual reaches zero, or the cell equals
                                       the value; or says that the goal does not depend on the input, or is
                                       not reachable (with the best value found).`;

function cellOf(text: string, what: string): { sheet: string; row: number; col: number } {
  const ref = parseReference(text);
  if (!ref || ref.sheet === undefined) throw new Error(`${what} "${text}" should read Sheet!B8`);
  return { sheet: ref.sheet, row: ref.row, col: ref.col };
}

function goalOf(text: string | undefined): Goal {
  if (text === 'target2030' || text === 'neutral2035') return { kind: text };
  const [cell, value] = (text ?? '').split('=');
  const v = Number(value);
  if (!text || !cell || value === undefined || value.trim() === '' || !Number.isFinite(v))
    throw new Error("--goal should be target2030, neutral2035 or 'Sheet!B33=value'");
  return { kind: 'cell', ...cellOf(cell, '--goal'), value: v };
}

function numberFlag(args: string[], name: string): number | undefined {
  const text = flag(args, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, not "${text}"`);
  return n;
}

const show = (n: number) => String(Number(n.toPrecision(10)));

function asText(input: string, goal: Goal, low: number, high: number, r: GoalSeekResult): string {
  const quantity = goal.kind === 'target2030' ? 'gap' : goal.kind === 'neutral2035' ? 'residual' : 'value';
  const point = (p: GoalPoint) => `${input} = ${show(p.input)} (${quantity} ${show(p.value)})`;
  const answer =
    r.kind === 'solutions'
      ? r.solutions.map((s) => `reached at ${point(s)}`)
      : r.kind === 'independent'
        ? [`does not depend on ${input}: the ${quantity} is ${show(r.value)} (${r.met ? 'met' : 'not met'})`]
        : r.kind === 'everywhere'
          ? [`met at every value between ${show(low)} and ${show(high)}; the best is ${point(r.best)}`]
          : [`not reachable between ${show(low)} and ${show(high)}: the best is ${point(r.best)}`];
  return `${[
    ...answer,
    `engine: ${r.engine}${r.fallbackReason ? ` (${r.fallbackReason})` : ''}; ${r.evaluations} evaluations; ${r.ms.toFixed(0)} ms`,
  ].join('\n')}\n`;
}

/** Run `bana goalseek` on a loaded document; returns the text to print. */
export function goalSeekCommand(doc: ScenarioDocument, args: string[]): string {
  const inputText = flag(args, '--input');
  if (!inputText) throw new Error("goalseek needs --input 'Sheet!B8'");
  const input = cellOf(inputText, '--input');
  const goal = goalOf(flag(args, '--goal'));
  // The search stays within the parameter's sourced range unless told otherwise.
  const param = workbookParameters(doc).find(
    (p) => p.sheet.toLowerCase() === input.sheet.toLowerCase() && p.row === input.row && p.col === input.col,
  );
  const low = numberFlag(args, '--low') ?? (typeof param?.low === 'number' ? param.low : undefined);
  const high = numberFlag(args, '--high') ?? (typeof param?.high === 'number' ? param.high : undefined);
  if (low === undefined || high === undefined)
    throw new Error(`${inputText} has no low and high of its own: give --low and --high`);
  const workbook = {
    sheets: doc.sheets.map((s) => ({ id: s.id as SheetId, name: s.name, cells: s.cells })),
    names: doc.names,
  };
  const result = goalSeek(workbook, { input, low, high, goal, compiled: !args.includes('--no-compiled') });
  const name = `${quoteSheetName(input.sheet)}!${formatAddress(input.row, input.col)}`;
  return args.includes('--json')
    ? `${JSON.stringify({ name: doc.meta.name, input: name, low, high, goal, ...result }, null, 2)}\n`
    : asText(name, goal, low, high, result);
}
