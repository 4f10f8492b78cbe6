// The open scenario's levers: the sliders' values, the preview that shows a dragged value in the
// results without touching the document, the one undoable edit on release, resets to the values the
// workbook was opened with, and the baseline as opened, kept to draw beside a modified one.
import { type Accessor, batch, createEffect, createMemo, createSignal, on } from 'solid-js';
import type { Command } from '../core/commands';
import { type RawCell, type ScenarioDocument, type SheetId, findSheet, isFormula } from '../core/document';
import { CHART_NAME } from '../core/scenario/layout';
import { type Lever, type LeverClassification, allLevers, classifyLevers } from '../core/scenario/levers';
import type { Series } from '../core/scenario/result';
import type { CellValue, NamedValues } from '../core/values';
import type { EngineOp, RangeRequest, RangeValues } from '../../workers/contract';

/** A cell of the open workbook. */
export interface CellTarget {
  sheetId: SheetId;
  row: number;
  col: number;
}

/** A value shown in a cell's results while the document keeps its own. */
export interface PreviewCell extends CellTarget {
  value: RawCell;
}

export interface LeversOptions {
  engine: {
    apply(ops: EngineOp[], revision: number): Promise<void>;
    getValues(range: RangeRequest): Promise<RangeValues>;
  };
  doc: Accessor<ScenarioDocument>;
  /** The document as it was opened: what the levers reset to and their ticks mark. */
  opened: ScenarioDocument;
  /** The engine's newest values of the watched names, with the revision they reflect. */
  answered: Accessor<{ values: NamedValues; revision: number } | null>;
  /** The session's revision counter: the newest sent, and the next one (incremented). */
  revision(): number;
  nextRevision(): number;
  /** Tell the session's saved values that `revision` computes the document version `updatedAt`. */
  sent(revision: number, updatedAt: string): void;
  /** The session's single path for changes (one history step, one save). */
  execute(command: Command, label: string): boolean;
}

function rawAt(doc: ScenarioDocument, cell: CellTarget): RawCell | undefined {
  const sheet = findSheet(doc, cell.sheetId);
  return sheet ? (sheet.cells[cell.row]?.[cell.col] ?? null) : undefined;
}

function sameCell(a: CellTarget, b: CellTarget): boolean {
  return a.sheetId === b.sheetId && a.row === b.row && a.col === b.col;
}

function cellOp(cell: CellTarget, value: RawCell): EngineOp {
  return { kind: 'setCells', sheetId: cell.sheetId, row: cell.row, col: cell.col, values: [[value]] };
}

function setCellCommand(cell: CellTarget, value: RawCell): Command {
  return { type: 'setCells', sheetId: cell.sheetId, row: cell.row, col: cell.col, values: [[value]] };
}

function bauOf(values: NamedValues): Series {
  return (values[CHART_NAME.bau]?.[0] ?? []).map((v: CellValue) =>
    typeof v === 'number' && Number.isFinite(v) ? v : null,
  );
}

/** True when two series differ anywhere by more than rounding. */
export function seriesDiffer(a: Series, b: Series): boolean {
  if (a.length !== b.length) return true;
  return a.some((x, i) => {
    const y = b[i] ?? null;
    if (x === null || y === null) return x !== y;
    return Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  });
}

export function createLevers(options: LeversOptions) {
  const { engine, doc } = options;

  // ---- preview ------------------------------------------------------------------------------------

  const [preview, setPreview] = createSignal<PreviewCell | null>(null);
  /** The preview value the engine has or is computing; undefined when none was sent. */
  let previewSent: RawCell | undefined;
  let previewInFlight = false;

  /**
   * Show `value` in `cell` in the results (charts, key figures, sentence) without touching the
   * document, the history or storage. At most one evaluation is in flight; while it runs only the
   * newest value waits, and it goes next (the latest value wins).
   */
  function previewCell(cell: CellTarget, value: RawCell): void {
    const current = preview();
    if (current && !sameCell(current, cell)) endPreview(false);
    setPreview({ sheetId: cell.sheetId, row: cell.row, col: cell.col, value });
    sendPreview();
  }

  function sendPreview(): void {
    const p = preview();
    if (previewInFlight || !p || p.value === previewSent) return;
    previewInFlight = true;
    previewSent = p.value;
    // A revision of its own that no document version claims (sent() is not called): its values are
    // shown but never stored with a save.
    void engine.apply([cellOp(p, p.value)], options.nextRevision()).finally(() => {
      previewInFlight = false;
      sendPreview();
    });
  }

  /**
   * End the preview. `commit` writes its value as one undoable edit (one history step, one save);
   * otherwise the engine goes back to the document's value. Answers whether an edit was made.
   */
  function endPreview(commit: boolean, label = 'lever'): boolean {
    const p = preview();
    if (!p) return false;
    const stored = rawAt(doc(), p);
    if (commit && stored !== undefined && p.value !== stored) {
      // execute() ends the preview (takePreview) with the edit.
      options.execute(setCellCommand(p, p.value), label);
      return true;
    }
    if (previewSent !== undefined && stored !== undefined) {
      const revision = options.nextRevision();
      options.sent(revision, doc().meta.updatedAt);
      void engine.apply([cellOp(p, stored)], revision);
    }
    batch(() => {
      previewSent = undefined;
      setPreview(null);
    });
    return false;
  }

  /**
   * For the session's execute(): forget the preview, and answer the op that gives the engine the new
   * document's value of the previewed cell (null when the engine never saw a preview).
   */
  function takePreview(next: ScenarioDocument): EngineOp | null {
    const p = preview();
    if (!p) return null;
    const sent = previewSent !== undefined;
    previewSent = undefined;
    setPreview(null);
    const value = rawAt(next, p);
    return sent && value !== undefined ? cellOp(p, value) : null;
  }

  // ---- levers -------------------------------------------------------------------------------------

  const classification = createMemo<LeverClassification>(() => classifyLevers(doc()));
  const leverList = createMemo(() => allLevers(classification()));

  /** Computed values of levers whose cell holds a formula (the slider shows the number). */
  const [computed, setComputed] = createSignal<ReadonlyMap<string, number>>(new Map());
  /** A formula lever's computed value while it still held its opened formula: its reference number. */
  const openedComputed = new Map<string, number>();
  let fetching = 0;
  createEffect(
    on([leverList, options.answered], ([list]) => {
      if (preview()) return;
      const formulas = list.filter((l) => isFormula(rawAt(doc(), l.parameter) ?? null));
      if (formulas.length === 0) return;
      const ask = ++fetching;
      void Promise.all(
        formulas.map((l) =>
          engine
            .getValues({
              sheetId: l.parameter.sheetId,
              row: l.parameter.row,
              col: l.parameter.col,
              rows: 1,
              cols: 1,
            })
            .then((v) => [l, v.values[0]] as const),
        ),
      )
        .then((answers) => {
          if (ask !== fetching) return;
          const next = new Map<string, number>();
          for (const [l, v] of answers) {
            if (typeof v !== 'number') continue;
            next.set(l.parameter.address, v);
            if (
              rawAt(doc(), l.parameter) === rawAt(options.opened, l.parameter) &&
              !openedComputed.has(l.parameter.address)
            )
              openedComputed.set(l.parameter.address, v);
          }
          setComputed(next);
        })
        // An engine restarting answers later; the slider keeps its last number meanwhile.
        .catch(() => undefined);
    }),
  );

  /** What the lever's cell held when the workbook was opened (undefined: the cell did not exist). */
  function reference(lever: Lever): RawCell | undefined {
    return rawAt(options.opened, lever.parameter);
  }

  /** The number the slider's tick marks: the opened value (a formula's value as computed then). */
  function referenceValue(lever: Lever): number | null {
    const ref = reference(lever);
    if (typeof ref === 'number') return ref;
    return isFormula(ref ?? null) ? (openedComputed.get(lever.parameter.address) ?? null) : null;
  }

  /** The value now: the one being dragged, else the document's (a formula's as computed). */
  function value(lever: Lever): number | null {
    const p = preview();
    if (p && sameCell(p, lever.parameter) && typeof p.value === 'number') return p.value;
    const raw = rawAt(doc(), lever.parameter);
    if (typeof raw === 'number') return raw;
    return isFormula(raw ?? null) ? (computed().get(lever.parameter.address) ?? null) : null;
  }

  /** True when the document's value differs from the opened one. */
  function changed(lever: Lever): boolean {
    const ref = reference(lever);
    return ref !== undefined && rawAt(doc(), lever.parameter) !== ref;
  }

  /** Put one lever back to its opened value (one undoable edit). */
  function reset(lever: Lever): void {
    const ref = reference(lever);
    if (ref === undefined || !changed(lever)) return;
    options.execute(setCellCommand(lever.parameter, ref), 'reset-lever');
  }

  /** Put every changed lever and assumption back, as one undoable edit. */
  function resetAll(): void {
    const commands = leverList().flatMap((l) => {
      const ref = reference(l);
      return ref !== undefined && changed(l) ? [setCellCommand(l.parameter, ref)] : [];
    });
    if (commands.length > 0) options.execute({ type: 'batch', commands }, 'reset-levers');
  }

  const anyChanged = createMemo(() => leverList().some(changed));

  // ---- the baseline as opened ---------------------------------------------------------------------

  /** An assumption differs from its opened value, in the document or in the preview. */
  const assumptionsModified = createMemo(() => {
    const p = preview();
    return classification().assumptions.some((g) =>
      g.levers.some((l) => changed(l) || (p !== null && sameCell(p, l.parameter))),
    );
  });
  /** Answers from this revision on reflect the opened assumptions; null while they are modified. */
  let cleanFrom: number | null = 0;
  createEffect(
    on(assumptionsModified, (modified) => {
      cleanFrom = modified ? null : options.revision();
    }),
  );
  const [openedBau, setOpenedBau] = createSignal<Series | null>(null);
  createEffect(
    on(options.answered, (a) => {
      if (a && cleanFrom !== null && a.revision >= cleanFrom) setOpenedBau(bauOf(a.values));
    }),
  );

  /** The BAU as opened, while a changed assumption has moved the BAU away from it; else null. */
  const originalBau = createMemo<Series | null>(() => {
    const opened = openedBau();
    const a = options.answered();
    if (!opened || !a || !assumptionsModified()) return null;
    return seriesDiffer(opened, bauOf(a.values)) ? opened : null;
  });

  return {
    classification,
    /** Every lever and assumption, levers first. */
    list: leverList,
    preview: preview as Accessor<PreviewCell | null>,
    previewCell,
    endPreview,
    takePreview,
    reference,
    referenceValue,
    value,
    changed,
    anyChanged,
    reset,
    resetAll,
    originalBau,
  };
}

export type Levers = ReturnType<typeof createLevers>;
