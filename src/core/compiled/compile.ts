// Compiles a workbook for sampling: which cells the sampled inputs reach, in what order to evaluate
// them, and everything else folded to the value the reference engine (HyperFormula) already computed.
import { type EvaluationContext, COMPILED_FUNCTIONS, evaluateFormula } from './evaluate';
import { type FormulaNode, UnsupportedFormulaError, parseFormula } from './parse';
import type { Scalar } from './values';
import { type Sampled, SampleVector } from './vector';

/** The parts of a workbook the compiler reads (the engine's EngineWorkbook fits). */
export interface CompilableWorkbook {
  sheets: { id?: string; name: string; cells: (string | number | boolean | null)[][] }[];
  names: { name: string; expression: string | number }[];
}

/** A cell by sheet index (order in the workbook), 0-based row and column. */
export interface CellAddress {
  sheet: number;
  row: number;
  col: number;
}

/**
 * A compiled workbook. `run` evaluates the outputs for n samples of the inputs (one Float64Array per
 * input, in the order given to compileWorkbook) and answers one value per output.
 */
export interface SampleProgram {
  /** How many cells are evaluated per sample (the rest are folded). */
  readonly compiledCells: number;
  run(inputs: Float64Array[], n: number): Sampled[];
}

export type CompileResult = { ok: true; program: SampleProgram } | { ok: false; reason: string };

// Functions HyperFormula recomputes on every change: a workbook using them is never compiled.
const VOLATILE = new Set(['RAND', 'RANDBETWEEN', 'NOW', 'TODAY', 'OFFSET', 'INDIRECT']);

const ROWS = 1_048_576;
const COLS = 16_384;
function keyOf(sheet: number, row: number, col: number): number {
  return (sheet * ROWS + row) * COLS + col;
}

function visit(node: FormulaNode, onNode: (n: FormulaNode) => void): void {
  onNode(node);
  if (node.kind === 'unary') visit(node.arg, onNode);
  else if (node.kind === 'binary') {
    visit(node.left, onNode);
    visit(node.right, onNode);
  } else if (node.kind === 'call') for (const a of node.args) if (a) visit(a, onNode);
}

/**
 * Compile a workbook for sampling `inputs` and reading `outputs`. `constant` gives a cell's value in
 * the workbook as it is (the reference engine's unrounded value): it is asked only for cells the
 * inputs do not reach. Refuses (ok: false, with the reason) anything the compiled evaluator does not
 * reproduce exactly: an unknown or volatile function, array syntax, a cycle among sampled cells.
 */
export function compileWorkbook(
  workbook: CompilableWorkbook,
  inputs: CellAddress[],
  outputs: CellAddress[],
  constant: (address: CellAddress) => Scalar,
): CompileResult {
  const sheetByName = new Map(workbook.sheets.map((s, i) => [s.name.toLowerCase(), i]));
  const sheetIndex = (name: string) => sheetByName.get(name.toLowerCase()) ?? -1;
  const names = new Map<string, FormulaNode | Scalar>();
  const formulas = new Map<number, { node?: FormulaNode; failure?: string; address: CellAddress }>();
  const dependents = new Map<number, number[]>();
  const dependencies = new Map<number, number[]>();

  /** Names whose definition is not compiled (bad syntax, text HyperFormula may read as a number). */
  const unsupportedNames = new Set<string>();
  for (const n of workbook.names) {
    const key = n.name.toLowerCase();
    if (typeof n.expression === 'number') names.set(key, n.expression);
    else if (n.expression.startsWith('=')) {
      try {
        names.set(key, parseFormula(n.expression, -1, sheetIndex));
      } catch (error) {
        if (!(error instanceof UnsupportedFormulaError)) throw error;
        unsupportedNames.add(key);
      }
    } else if (/[0-9]/.test(n.expression) || n.expression.trim() !== n.expression) unsupportedNames.add(key);
    else names.set(key, n.expression);
  }

  /** The cells a tree reads, names followed to what they point at (`path`: the names being followed). */
  function cellsRead(node: FormulaNode, out: number[], path: ReadonlySet<string> = new Set()): void {
    visit(node, (x) => {
      if (x.kind === 'cell') out.push(keyOf(x.sheet, x.row, x.col));
      else if (x.kind === 'range') {
        for (let r = x.row; r <= x.rowEnd; r++)
          for (let c = x.col; c <= x.colEnd; c++) out.push(keyOf(x.sheet, r, c));
      } else if (x.kind === 'name') {
        const key = x.name.toLowerCase();
        if (unsupportedNames.has(key)) throw new UnsupportedFormulaError(`The name ${x.name}`);
        if (path.has(key)) throw new UnsupportedFormulaError(`The name ${x.name} refers to itself`);
        const def = names.get(key);
        if (def && typeof def === 'object' && 'kind' in def) cellsRead(def, out, new Set([...path, key]));
      }
    });
  }

  // A volatile function anywhere changes with every recalculation, so even cells the inputs do not
  // reach would differ from sample to sample in HyperFormula: such a workbook is not compiled.
  let volatile: string | null = null;
  workbook.sheets.forEach((sheet, s) => {
    sheet.cells.forEach((row, r) => {
      row?.forEach((raw, c) => {
        if (typeof raw !== 'string' || !raw.startsWith('=') || raw.length < 2) return;
        const key = keyOf(s, r, c);
        const address = { sheet: s, row: r, col: c };
        try {
          const node = parseFormula(raw, s, sheetIndex);
          const deps: number[] = [];
          cellsRead(node, deps);
          dependencies.set(key, deps);
          for (const d of deps) {
            const list = dependents.get(d);
            if (list) list.push(key);
            else dependents.set(d, [key]);
          }
          formulas.set(key, { node, address });
          visit(node, (x) => {
            if (x.kind === 'call' && VOLATILE.has(x.name)) volatile ??= x.name;
          });
        } catch (error) {
          if (!(error instanceof UnsupportedFormulaError)) throw error;
          formulas.set(key, { failure: error.message, address });
        }
      });
    });
  });

  // Cells the inputs reach. A formula we could not parse has unknown dependencies, so it counts as
  // reached: a needed cell that reads it, directly or not, refuses the workbook below.
  const inputKeys = inputs.map((a) => keyOf(a.sheet, a.row, a.col));
  const unparsed = [...formulas.entries()].filter(([, f]) => f.failure !== undefined).map(([k]) => k);
  const reached = new Set<number>([...inputKeys, ...unparsed]);
  const queue = [...reached];
  while (queue.length > 0) {
    const k = queue.pop() as number;
    for (const d of dependents.get(k) ?? []) {
      if (!reached.has(d)) {
        reached.add(d);
        queue.push(d);
      }
    }
  }

  if (volatile !== null) return { ok: false, reason: `The volatile function ${volatile}` };

  // Evaluation order: the outputs' reached ancestors, dependencies first (depth-first, cycle-checked).
  const order: number[] = [];
  const state = new Map<number, 1 | 2>();
  let refusal: string | null = null;
  const inputSet = new Set(inputKeys);
  function place(k: number): void {
    if (refusal !== null || inputSet.has(k)) return;
    const f = formulas.get(k);
    if (!f) return;
    if (f.failure !== undefined) {
      refusal = f.failure;
      return;
    }
    if (!reached.has(k)) return;
    const seen = state.get(k);
    if (seen === 2) return;
    if (seen === 1) {
      refusal = 'A cycle among the sampled cells';
      return;
    }
    state.set(k, 1);
    for (const d of dependencies.get(k) ?? []) place(d);
    state.set(k, 2);
    order.push(k);
  }
  for (const o of outputs) place(keyOf(o.sheet, o.row, o.col));
  if (refusal !== null) return { ok: false, reason: refusal };
  for (const k of order) {
    let why: string | null = null;
    visit((formulas.get(k) as { node: FormulaNode }).node, (x) => {
      if (x.kind !== 'call') return;
      if (!COMPILED_FUNCTIONS.has(x.name)) why ??= `The function ${x.name}`;
    });
    if (why !== null) return { ok: false, reason: why };
  }

  const folded = new Map<number, Scalar>();
  const program: SampleProgram = {
    compiledCells: order.length,
    run(samples, n) {
      const values = new Map<number, Sampled>();
      inputKeys.forEach((k, i) => {
        values.set(k, new SampleVector(samples[i] as Float64Array));
      });
      const ctx: EvaluationContext = {
        n,
        cell(sheet, row, col) {
          const k = keyOf(sheet, row, col);
          const v = values.get(k);
          if (v !== undefined) return v;
          let c = folded.get(k);
          if (c === undefined) {
            c = constant({ sheet, row, col });
            folded.set(k, c);
          }
          return c;
        },
        name(name) {
          return names.get(name.toLowerCase());
        },
      };
      for (const k of order) {
        values.set(k, evaluateFormula((formulas.get(k) as { node: FormulaNode }).node, ctx));
      }
      return outputs.map((o) => ctx.cell(o.sheet, o.row, o.col));
    },
  };
  // What the evaluator refuses is a matter of the formulas' shape (a range used as one value, an
  // argument count, MATCH's mode), never of the sampled values: one trial sample finds all of it.
  try {
    program.run(
      inputs.map(() => new Float64Array(1)),
      1,
    );
  } catch (error) {
    if (error instanceof UnsupportedFormulaError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, program };
}
