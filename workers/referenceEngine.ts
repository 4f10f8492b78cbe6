// The reference engine of the what-if analyses: a HyperFormula instance of its own for one workbook,
// whose values the compiled evaluator must equal and which evaluates whatever the compiled path cannot.
import { DetailedCellError, HyperFormula } from 'hyperformula';
import type { CellAddress, CompilableWorkbook } from '../src/core/compiled/compile';
import type { ReferenceEngine } from '../src/core/compiled/monteCarlo';
import { type ErrorKind, type Scalar, errorOf } from '../src/core/compiled/values';
import type { RawCell } from '../src/core/document';
import { ENGINE_CONFIG, toHfRow } from './engine';
import { refusal } from './formulaGuard';
import { refusedFormula } from './functionPlugins';

const KINDS: Record<string, ErrorKind> = {
  DIV_BY_ZERO: 'DIV_BY_ZERO',
  VALUE: 'VALUE',
  NUM: 'NUM',
  NA: 'NA',
  REF: 'REF',
  NAME: 'NAME',
  CYCLE: 'CYCLE',
};

/** HyperFormula's internal (unrounded) value objects to the compiled evaluator's scalars. */
function fromInternal(v: unknown): Scalar {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'symbol' || v === null || v === undefined) return null;
  if (typeof v === 'object' && 'val' in v && typeof v.val === 'number') return v.val;
  if (typeof v === 'object' && 'type' in v && typeof v.type === 'string')
    return errorOf(KINDS[v.type] ?? 'VALUE');
  return errorOf('UNSUPPORTED');
}

/** A public (exported, rounded) HyperFormula value to a scalar. */
function fromPublic(v: unknown): Scalar {
  if (v instanceof DetailedCellError) return errorOf(KINDS[v.type] ?? 'VALUE');
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

interface InternalGraph {
  getScalarValue(address: { sheet: number; row: number; col: number }): unknown;
}

/** A cell as the reference engine holds it (after toHfRow): a formula the guard refuses becomes its refusal. */
function refusedOrRaw(raw: RawCell): RawCell {
  const why = refusal(raw);
  return why ? refusedFormula(why) : raw;
}

/** A document cell as the reference engine is given it: text marked as text, refused formulas replaced. */
export function referenceContent(raw: RawCell): RawCell {
  return refusedOrRaw(toHfRow([raw])[0] ?? null);
}

/** A HyperFormula instance of its own for one workbook: its values are the reference. */
export function createReferenceEngine(workbook: CompilableWorkbook): ReferenceEngine & { destroy(): void } {
  const sheets: Record<string, CompilableWorkbook['sheets'][number]['cells']> = {};
  for (const sheet of workbook.sheets) {
    sheets[sheet.name] = sheet.cells.map((row) => toHfRow(row ?? []).map(refusedOrRaw));
  }
  const names = workbook.names.map((n) => ({ name: n.name, expression: n.expression }));
  let hf: HyperFormula;
  try {
    hf = HyperFormula.buildFromSheets(sheets, ENGINE_CONFIG, names);
  } catch {
    hf = HyperFormula.buildFromSheets(sheets, ENGINE_CONFIG);
  }
  const ids = workbook.sheets.map((s) => hf.getSheetId(s.name) ?? -1);
  const at = (a: CellAddress) => ({ sheet: ids[a.sheet] ?? -1, row: a.row, col: a.col });
  // Folded constants must be HyperFormula's values before export rounding (10 significant digits),
  // or the compiled results would differ in the 11th digit. The dependency graph holds them; it is
  // not public API, so the rounded public value is the fallback.
  const graph = (hf as unknown as { dependencyGraph?: Partial<InternalGraph> }).dependencyGraph;
  return {
    constant(address) {
      if (typeof graph?.getScalarValue === 'function') return fromInternal(graph.getScalarValue(at(address)));
      return fromPublic(hf.getCellValue(at(address)));
    },
    evaluate(inputs, values, outputs) {
      hf.batch(() => {
        inputs.forEach((a, k) => {
          hf.setCellContents(at(a), [[values[k] ?? null]]);
        });
      });
      return outputs.map((o) => fromPublic(hf.getCellValue(at(o))));
    },
    destroy() {
      hf.destroy();
    },
  };
}
